package dev.usher.scim;

import dev.usher.core.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * How the client authenticates each request. The built-in strategies are a bearer token, an
 * API key in a header and HTTP basic; an OAuth client can implement this interface, fetching and
 * refreshing its token in {@link #apply} and {@link #refresh()}. Implementations are thread-safe
 * and never reveal credentials in {@code toString()}.
 *
 * <pre>{@code
 * ScimAuth auth = ScimAuth.bearer(Secret.of(System.getenv("SCIM_TOKEN")));
 * ScimAuth key = ScimAuth.apiKey("X-API-Key", Secret.of(apiKey));
 * }</pre>
 */
public interface ScimAuth {

  /** Adds the authentication headers of one request. */
  void apply(BiConsumer<String, String> header);

  /**
   * Called once after a 401: a strategy that can obtain fresh credentials does so and returns
   * true to have the request sent again; the static ones return false.
   */
  default boolean refresh() {
    return false;
  }

  /** {@code Authorization: Bearer <token>}. */
  static ScimAuth bearer(Secret token) {
    Objects.requireNonNull(token, "token");
    return new Fixed("Authorization", "Bearer ", token, "bearer token " + Secret.MASK);
  }

  /** The key in a header of its own ({@code X-API-Key}), or with a prefix ({@code Authorization: SSWS <key>}). */
  static ScimAuth apiKey(String headerName, String prefix, Secret key) {
    Objects.requireNonNull(headerName, "headerName");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(key, "key");
    if (!headerName.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
      throw new IllegalArgumentException("'" + headerName + "' is not a valid HTTP header name");
    }
    return new Fixed(headerName, prefix, key, "API key in " + headerName + " " + Secret.MASK);
  }

  static ScimAuth apiKey(String headerName, Secret key) {
    return apiKey(headerName, "", key);
  }

  /** HTTP basic authentication. */
  static ScimAuth basic(String username, Secret password) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (username.indexOf(':') >= 0) {
      throw new IllegalArgumentException("a basic-auth username cannot contain ':'");
    }
    Secret encoded = Secret.of(Base64.getEncoder().encodeToString(
        (username + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8)));
    return new Fixed("Authorization", "Basic ", encoded, "basic " + username + ":" + Secret.MASK);
  }

  /** No authentication header (a server on a trusted network, or auth done by a proxy). */
  static ScimAuth none() {
    return new ScimAuth() {
      @Override
      public void apply(BiConsumer<String, String> header) {}

      @Override
      public String toString() {
        return "no authentication";
      }
    };
  }

  /** A constant header; the secret is revealed only when the header is added. */
  final class Fixed implements ScimAuth {
    private final String header;
    private final String prefix;
    private final Secret secret;
    private final String description;

    private Fixed(String header, String prefix, Secret secret, String description) {
      this.header = header;
      this.prefix = prefix;
      this.secret = secret;
      this.description = description;
    }

    @Override
    public void apply(BiConsumer<String, String> sink) {
      sink.accept(header, prefix + secret.reveal());
    }

    @Override
    public String toString() {
      return description;
    }
  }
}
