package dev.usher.connectors.rest;

import dev.usher.core.model.Secret;
import dev.usher.core.spi.ConnectorException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * OAuth 2.0 client credentials grant (RFC 6749 section 4.4), client id and secret in the form
 * body, as Microsoft Entra ID's {@code /oauth2/v2.0/token} expects. Caches the token and
 * renews it a minute before it expires, or after the API answered 401.
 *
 * <pre>{@code
 * TokenProvider tokens = ClientCredentialsTokenProvider.builder()
 *     .tokenUrl("https://login.microsoftonline.com/" + tenant + "/oauth2/v2.0/token")
 *     .clientId(clientId).clientSecret(secret)
 *     .scope("https://graph.microsoft.com/.default")
 *     .build(http, origin);
 * }</pre>
 */
public final class ClientCredentialsTokenProvider implements TokenProvider {
  private final TokenEndpoint endpoint;
  private final String clientId;

  private ClientCredentialsTokenProvider(Builder b, RestClient http, ConnectorException.Origin origin) {
    this.clientId = b.clientId;
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("client_id", b.clientId);
    form.put("client_secret", b.clientSecret.reveal());
    if (b.scope != null) {
      form.put("scope", b.scope);
    }
    this.endpoint = new TokenEndpoint(http, b.tokenUrl, origin, List.of(b.clientSecret), r -> r.form(form));
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

  int fetches() {
    return endpoint.fetches();
  }

  @Override
  public String toString() {
    return "ClientCredentialsTokenProvider[client " + clientId + "]";
  }

  /** Builds a {@link ClientCredentialsTokenProvider}. */
  public static final class Builder {
    private @Nullable String tokenUrl;
    private @Nullable String clientId;
    private @Nullable Secret clientSecret;
    private @Nullable String scope;

    private Builder() {}

    public Builder tokenUrl(String tokenUrl) {
      this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
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

    /** The {@code scope} parameter; leave unset when the endpoint needs none. */
    public Builder scope(@Nullable String scope) {
      this.scope = scope;
      return this;
    }

    /**
     * @param http the connector's client; its connection pool is shared, its base URL and token ignored
     * @param origin names the connector in errors
     */
    public ClientCredentialsTokenProvider build(RestClient http, ConnectorException.Origin origin) {
      Objects.requireNonNull(tokenUrl, "tokenUrl");
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(clientSecret, "clientSecret");
      return new ClientCredentialsTokenProvider(this, http, origin);
    }
  }
}
