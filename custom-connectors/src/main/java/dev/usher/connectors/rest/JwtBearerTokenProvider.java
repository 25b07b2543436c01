package dev.usher.connectors.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.core.model.Secret;
import dev.usher.core.spi.ConnectorException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The JWT bearer grant (RFC 7523) with an RS256 assertion signed by the JDK from a PEM private
 * key: how a Google service account with domain-wide delegation obtains a token acting as an
 * administrator ({@code sub}). Caches the token and renews it a minute before it expires, or
 * after the API answered 401. The key is read when the provider is built, so a bad key is a
 * configuration error naming its field, before any request.
 *
 * <pre>{@code
 * TokenProvider tokens = JwtBearerTokenProvider.builder()
 *     .tokenUrl("https://oauth2.googleapis.com/token")
 *     .issuer("usher@acme-idm.iam.gserviceaccount.com")
 *     .subject("admin@acme.example")
 *     .scopes(List.of("https://www.googleapis.com/auth/admin.directory.user"))
 *     .privateKey(Secret.of(pem), "privateKey")
 *     .build(http, origin);
 * }</pre>
 */
public final class JwtBearerTokenProvider implements TokenProvider {
  /** The grant type of RFC 7523. */
  public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  /** Google accepts assertions that live at most an hour. */
  static final Duration ASSERTION_LIFETIME = Duration.ofHours(1);

  private final TokenEndpoint endpoint;
  private final String issuer;

  private JwtBearerTokenProvider(Builder b, RSAPrivateKey key, RestClient http, ConnectorException.Origin origin) {
    this.issuer = b.issuer;
    String audience = b.audience != null ? b.audience : b.tokenUrl;
    Assertion assertion = new Assertion(http, key, b.keyId, b.issuer, b.subject, String.join(" ", b.scopes), audience);
    this.endpoint = new TokenEndpoint(http, b.tokenUrl, origin, List.of(b.privateKey), r -> {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("grant_type", GRANT_TYPE);
      form.put("assertion", assertion.sign());
      return r.form(form);
    });
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Secret accessToken() {
    return endpoint.token();
  }

  @Override
  public void invalidate() {
    endpoint.invalidate();
  }

  @Override
  public String toString() {
    return "JwtBearerTokenProvider[issuer " + issuer + "]";
  }

  /** Signs fresh assertions: iat now, exp an hour on, by the injected clock. */
  private record Assertion(RestClient http, RSAPrivateKey key, @Nullable String keyId, String issuer,
      @Nullable String subject, String scope, String audience) {

    String sign() {
      long now = http.clock().instant().getEpochSecond();
      ObjectNode header = http.json().createObjectNode().put("alg", "RS256").put("typ", "JWT");
      if (keyId != null) {
        header.put("kid", keyId);
      }
      ObjectNode claims = http.json().createObjectNode().put("iss", issuer);
      if (subject != null) {
        claims.put("sub", subject);
      }
      if (!scope.isEmpty()) {
        claims.put("scope", scope);
      }
      claims.put("aud", audience).put("iat", now).put("exp", now + ASSERTION_LIFETIME.toSeconds());
      String signingInput = b64(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
          + b64(claims.toString().getBytes(StandardCharsets.UTF_8));
      try {
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key);
        rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64(rs256.sign());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot sign the JWT assertion with RS256: " + e.getMessage(), e);
      }
    }

    private static String b64(byte[] bytes) {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
  }

  /** Builds a {@link JwtBearerTokenProvider}. */
  public static final class Builder {
    private @Nullable String tokenUrl;
    private @Nullable String issuer;
    private @Nullable String subject;
    private @Nullable String audience;
    private @Nullable String keyId;
    private final List<String> scopes = new ArrayList<>();
    private @Nullable Secret privateKey;
    private String privateKeyField = "privateKey";
    private String subjectName = "JWT bearer configuration";

    private Builder() {}

    public Builder tokenUrl(String tokenUrl) {
      this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
      return this;
    }

    /** The {@code iss} claim: the service account's email. */
    public Builder issuer(String issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /** The {@code sub} claim: the user to act as (domain-wide delegation); null for none. */
    public Builder subject(@Nullable String subject) {
      this.subject = subject;
      return this;
    }

    /** The {@code aud} claim; defaults to the token URL. */
    public Builder audience(@Nullable String audience) {
      this.audience = audience;
      return this;
    }

    /** The {@code kid} header: the key's id, when the issuer has several. */
    public Builder keyId(@Nullable String keyId) {
      this.keyId = keyId;
      return this;
    }

    public Builder scopes(List<String> scopes) {
      this.scopes.clear();
      scopes.forEach(s -> this.scopes.add(Objects.requireNonNull(s, "scope")));
      return this;
    }

    /**
     * @param pem the RSA private key in PEM form
     * @param field the configuration key it came from, named in errors
     */
    public Builder privateKey(Secret pem, String field) {
      this.privateKey = Objects.requireNonNull(pem, "pem");
      this.privateKeyField = Objects.requireNonNull(field, "field");
      return this;
    }

    /** What errors about the key call the configuration ("google-workspace connector configuration"). */
    public Builder describedAs(String subject) {
      this.subjectName = Objects.requireNonNull(subject, "subject");
      return this;
    }

    /**
     * @throws dev.usher.core.ConfigurationException when the private key is not a usable RSA key in PEM form
     */
    public JwtBearerTokenProvider build(RestClient http, ConnectorException.Origin origin) {
      Objects.requireNonNull(tokenUrl, "tokenUrl");
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(privateKey, "privateKey");
      RSAPrivateKey key = PemPrivateKeys.rsa(privateKey, privateKeyField, subjectName);
      return new JwtBearerTokenProvider(this, key, http, origin);
    }
  }

}
