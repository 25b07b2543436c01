package dev.usher.scim.oauth;

import dev.usher.core.model.Secret;
import dev.usher.core.spi.ConnectorException.Origin;
import dev.usher.core.spi.HttpSettings;
import dev.usher.core.spi.UnauthorizedException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The OAuth 2.0 refresh-token grant (RFC 6749 section 6) as a {@link dev.usher.scim.ScimAuth},
 * for applications connected through a consent flow. The refresh token comes from a
 * {@link TokenStore}; a rotated one is saved there before the new access token is used. When
 * the server answers {@code invalid_grant} (revoked or expired consent), the error is an
 * {@link UnauthorizedException} saying that re-consent is needed. Caching, one refresh after a
 * 401 and sharing one fetch among concurrent callers work as in {@link OAuthClientCredentials}.
 *
 * <pre>{@code
 * ScimAuth auth = OAuthRefreshToken.builder("https://slack.com/api/oauth.v2.access", "client-id",
 *         TokenStore.inMemory(Secret.of(refreshToken)))
 *     .clientSecret(Secret.of(clientSecret))
 *     .build();
 * }</pre>
 */
public final class OAuthRefreshToken extends CachedTokenAuth {
  private final TokenEndpoint endpoint;
  private final TokenStore store;
  private final List<String> scopes;
  private final Origin origin;

  private OAuthRefreshToken(Builder b, TokenEndpoint endpoint) {
    super(b.clock, b.refreshMargin);
    this.endpoint = endpoint;
    this.store = b.store;
    this.scopes = List.copyOf(b.scopes);
    this.origin = b.origin;
  }

  public static Builder builder(String tokenUrl, String clientId, TokenStore store) {
    return new Builder(tokenUrl, clientId, store);
  }

  @Override
  TokenEndpoint.Tokens fetch() {
    Secret refresh = store.refreshToken().orElseThrow(() -> new UnauthorizedException(origin,
        "no refresh token is stored for client " + endpoint.clientId() + "; re-consent is needed"));
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refresh.reveal());
    if (!scopes.isEmpty()) {
      form.put("scope", String.join(" ", scopes));
    }
    TokenEndpoint.Tokens tokens;
    try {
      tokens = endpoint.grant(form);
    } catch (TokenEndpoint.GrantRefused e) {
      if (e.error().equals("invalid_grant")) {
        throw new UnauthorizedException(origin, e.httpStatus().orElse(400),
            "the refresh token for client " + endpoint.clientId() + " was refused (revoked or expired): "
                + "re-consent is needed to connect the application again (" + e.detail() + ")", null);
      }
      throw e;
    }
    if (tokens.refreshToken() != null && !tokens.refreshToken().equals(refresh)) {
      store.saveRefreshToken(tokens.refreshToken()); // rotated: the old one is spent
    }
    return tokens;
  }

  @Override
  public String toString() {
    return "OAuth2 refresh token for " + endpoint.clientId() + " at " + endpoint.uri() + " (token " + Secret.MASK + ")";
  }

  /** Builds {@link OAuthRefreshToken}s. */
  public static final class Builder {
    private final URI tokenUrl;
    private final String clientId;
    private final TokenStore store;
    private @Nullable Secret clientSecret;
    private final List<String> scopes = new ArrayList<>();
    private ClientAuthentication clientAuthentication = ClientAuthentication.BASIC;
    private Clock clock = Clock.systemUTC();
    private Duration refreshMargin = Duration.ofSeconds(60);
    private HttpSettings http = HttpSettings.defaults();
    private Origin origin = new Origin("scim", "oauth", "token");

    private Builder(String tokenUrl, String clientId, TokenStore store) {
      this.tokenUrl = TokenEndpoint.parse(tokenUrl);
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      if (clientId.isBlank()) {
        throw new IllegalArgumentException("clientId must not be blank");
      }
      this.store = Objects.requireNonNull(store, "store");
    }

    /** The client secret, for confidential clients. */
    public Builder clientSecret(Secret secret) {
      this.clientSecret = Objects.requireNonNull(secret, "secret");
      return this;
    }

    public Builder scopes(List<String> scopes) {
      scopes.forEach(s -> this.scopes.add(TokenEndpoint.requireScope(s)));
      return this;
    }

    public Builder clientAuthentication(ClientAuthentication how) {
      this.clientAuthentication = Objects.requireNonNull(how, "how");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder refreshMargin(Duration margin) {
      Objects.requireNonNull(margin, "margin");
      if (margin.isNegative()) {
        throw new IllegalArgumentException("refreshMargin must not be negative: " + margin);
      }
      this.refreshMargin = margin;
      return this;
    }

    public Builder http(HttpSettings http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    public Builder origin(String connectorType, String applicationId) {
      this.origin = new Origin(connectorType, applicationId, "token");
      return this;
    }

    public OAuthRefreshToken build() {
      return new OAuthRefreshToken(this,
          new TokenEndpoint(tokenUrl, clientId, clientSecret, clientAuthentication, http, origin));
    }
  }
}
