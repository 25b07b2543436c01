package dev.usher.scim.oauth;

import dev.usher.core.model.Secret;
import dev.usher.core.spi.ConnectorException.Origin;
import dev.usher.core.spi.HttpSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * OAuth 2.0 client credentials (RFC 6749 section 4.4) as a {@link dev.usher.scim.ScimAuth}: the
 * access token is fetched on first use, cached until {@code refreshMargin} before it expires,
 * fetched again once after a 401, and concurrent callers share one fetch. The client secret and
 * tokens never appear in {@code toString()} or in error messages.
 *
 * <pre>{@code
 * ScimAuth auth = OAuthClientCredentials.builder("https://login.example.com/oauth2/token",
 *         "usher", Secret.of(System.getenv("CLIENT_SECRET")))
 *     .scopes("scim.read", "scim.write")
 *     .clientAuthentication(ClientAuthentication.BODY)
 *     .build();
 * }</pre>
 */
public final class OAuthClientCredentials extends CachedTokenAuth {
  private final TokenEndpoint endpoint;
  private final List<String> scopes;

  private OAuthClientCredentials(Builder b, TokenEndpoint endpoint) {
    super(b.clock, b.refreshMargin);
    this.endpoint = endpoint;
    this.scopes = List.copyOf(b.scopes);
  }

  /**
   * A builder.
   *
   * @throws IllegalArgumentException when the token URL is not an absolute http(s) URL or the client id is blank
   */
  public static Builder builder(String tokenUrl, String clientId, Secret clientSecret) {
    return new Builder(tokenUrl, clientId, clientSecret);
  }

  @Override
  TokenEndpoint.Tokens fetch() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    if (!scopes.isEmpty()) {
      form.put("scope", String.join(" ", scopes));
    }
    return endpoint.grant(form);
  }

  @Override
  public String toString() {
    return "OAuth2 client credentials " + endpoint.clientId() + ":" + Secret.MASK + " at " + endpoint.uri()
        + (scopes.isEmpty() ? "" : " scopes " + scopes);
  }

  /** Builds {@link OAuthClientCredentials}. */
  public static final class Builder {
    private final URI tokenUrl;
    private final String clientId;
    private final Secret clientSecret;
    private final List<String> scopes = new ArrayList<>();
    private ClientAuthentication clientAuthentication = ClientAuthentication.BASIC;
    private Clock clock = Clock.systemUTC();
    private Duration refreshMargin = Duration.ofSeconds(60);
    private HttpSettings http = HttpSettings.defaults();
    private Origin origin = new Origin("scim", "oauth", "token");

    private Builder(String tokenUrl, String clientId, Secret clientSecret) {
      this.tokenUrl = TokenEndpoint.parse(tokenUrl);
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      if (clientId.isBlank()) {
        throw new IllegalArgumentException("clientId must not be blank");
      }
      this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
    }

    public Builder scopes(String... scopes) {
      return scopes(List.of(scopes));
    }

    public Builder scopes(List<String> scopes) {
      scopes.forEach(s -> this.scopes.add(TokenEndpoint.requireScope(s)));
      return this;
    }

    /** Basic (default) or in the body. */
    public Builder clientAuthentication(ClientAuthentication how) {
      this.clientAuthentication = Objects.requireNonNull(how, "how");
      return this;
    }

    /** The clock expiry is measured on. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long before expiry a token is replaced (default 60 s). */
    public Builder refreshMargin(Duration margin) {
      Objects.requireNonNull(margin, "margin");
      if (margin.isNegative()) {
        throw new IllegalArgumentException("refreshMargin must not be negative: " + margin);
      }
      this.refreshMargin = margin;
      return this;
    }

    /** Timeouts and User-Agent for the token endpoint. */
    public Builder http(HttpSettings http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /** How errors name the source. */
    public Builder origin(String connectorType, String applicationId) {
      this.origin = new Origin(connectorType, applicationId, "token");
      return this;
    }

    public OAuthClientCredentials build() {
      return new OAuthClientCredentials(this,
          new TokenEndpoint(tokenUrl, clientId, clientSecret, clientAuthentication, http, origin));
    }
  }
}
