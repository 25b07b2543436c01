package dev.usher.scim.oauth;

import dev.usher.core.model.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the refresh token of an application connected through an OAuth consent flow. When the
 * authorization server rotates refresh tokens, the new one is saved here at once, so that a
 * restart does not use a token that has already been spent. Implementations are thread-safe.
 *
 * <pre>{@code
 * TokenStore store = TokenStore.inMemory(Secret.of(refreshTokenFromConsent));
 * TokenStore persistent = new TokenStore() {   // e.g. a vault or a database row
 *   public Optional<Secret> refreshToken() { return vault.read("slack/refresh").map(Secret::of); }
 *   public void saveRefreshToken(Secret token) { vault.write("slack/refresh", token.reveal()); }
 * };
 * }</pre>
 */
public interface TokenStore {

  /** The current refresh token; empty when consent has not been given (or was withdrawn). */
  Optional<Secret> refreshToken();

  /** Replaces the refresh token with a rotated one. */
  void saveRefreshToken(Secret refreshToken);

  /** A store in memory, starting with {@code initial}. */
  static TokenStore inMemory(Secret initial) {
    Objects.requireNonNull(initial, "initial");
    return new TokenStore() {
      private volatile Secret current = initial;

      @Override
      public Optional<Secret> refreshToken() {
        return Optional.of(current);
      }

      @Override
      public void saveRefreshToken(Secret refreshToken) {
        current = Objects.requireNonNull(refreshToken, "refreshToken");
      }

      @Override
      public String toString() {
        return "TokenStore.inMemory[" + Secret.MASK + "]";
      }
    };
  }
}
