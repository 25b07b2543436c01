package dev.usher.connectors.rest;

import dev.usher.core.model.Secret;
import dev.usher.core.spi.ConnectorException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Zoom's Server-to-Server OAuth: {@code POST https://zoom.us/oauth/token?grant_type=account_credentials&account_id=...}
 * with the client id and secret as HTTP basic authentication. Tokens live an hour; this provider
 * caches them and renews one a minute before it expires, or after the API answered 401.
 *
 * <pre>{@code
 * TokenProvider tokens = ZoomAccountCredentialsTokenProvider.builder()
 *     .accountId(accountId).clientId(clientId).clientSecret(secret)
 *     .build(http, origin);
 * }</pre>
 */
public final class ZoomAccountCredentialsTokenProvider implements TokenProvider {
  /** Zoom's token endpoint. */
  public static final String DEFAULT_TOKEN_URL = "https://zoom.us/oauth/token";

  private final TokenEndpoint endpoint;
  private final String clientId;

  private ZoomAccountCredentialsTokenProvider(Builder b, RestClient http, ConnectorException.Origin origin) {
    this.clientId = b.clientId;
    String id = b.clientId;
    Secret secret = b.clientSecret;
    String account = b.accountId;
    this.endpoint = new TokenEndpoint(http, b.tokenUrl, origin, List.of(secret),
        r -> r.query("grant_type", "account_credentials").query("account_id", account).basicAuth(id, secret));
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
    return "ZoomAccountCredentialsTokenProvider[client " + clientId + "]";
  }

  /** Builds a {@link ZoomAccountCredentialsTokenProvider}. */
  public static final class Builder {
    private String tokenUrl = DEFAULT_TOKEN_URL;
    private @Nullable String accountId;
    private @Nullable String clientId;
    private @Nullable Secret clientSecret;

    private Builder() {}

    public Builder tokenUrl(String tokenUrl) {
      this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
      return this;
    }

    public Builder accountId(String accountId) {
      this.accountId = Objects.requireNonNull(accountId, "accountId");
      return this;
    }

    public Builder clientId(String clientId) {
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      return this;
    }

    public Builder clientSecret(Secret clientSecret) {
      this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
      return this;
    }

    public ZoomAccountCredentialsTokenProvider build(RestClient http, ConnectorException.Origin origin) {
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(clientSecret, "clientSecret");
      return new ZoomAccountCredentialsTokenProvider(this, http, origin);
    }
  }
}
