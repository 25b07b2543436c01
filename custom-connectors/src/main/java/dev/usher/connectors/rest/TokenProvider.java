package dev.usher.connectors.rest;

import dev.usher.core.model.Secret;

/**
 * Supplies the bearer token a {@link RestClient} sends. Implementations cache tokens and fetch
 * a new one when the cached one is about to expire or was {@linkplain #invalidate() invalidated}.
 * Thread-safe.
 *
 * <pre>{@code
 * TokenProvider tokens = TokenProvider.of(Secret.of(System.getenv("GITHUB_TOKEN")));
 * RestClient github = http.toBuilder().tokens(tokens).build();
 * }</pre>
 */
public interface TokenProvider {
  /**
   * A valid access token.
   *
   * @throws dev.usher.core.spi.UnauthorizedException when the token endpoint refuses the credentials
   * @throws dev.usher.core.spi.ConnectorException for other failures of the token endpoint
   */
  Secret accessToken();

  /** Forgets the cached token (the API answered 401 with it), so the next call fetches a new one. */
  void invalidate();

  /** A fixed token, such as a personal access token; {@link #invalidate()} does nothing. */
  static TokenProvider of(Secret token) {
    java.util.Objects.requireNonNull(token, "token");
    return new TokenProvider() {
      @Override
      public Secret accessToken() {
        return token;
      }

      @Override
      public void invalidate() {}

      @Override
      public String toString() {
        return "TokenProvider[fixed " + Secret.MASK + "]";
      }
    };
  }
}
