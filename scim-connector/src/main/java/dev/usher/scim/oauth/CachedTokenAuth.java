package dev.usher.scim.oauth;

import dev.usher.core.model.Secret;
import dev.usher.scim.ScimAuth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * An access token cached until shortly before it expires, fetched by one caller while the others
 * wait and then share it. After a 401 the client calls {@link #refresh()}: if another caller has
 * already replaced the token this caller used, that one is reused; otherwise a new one is fetched.
 */
abstract class CachedTokenAuth implements ScimAuth {
  /** Used when the server does not say how long a token lives. */
  static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

  private final Clock clock;
  private final Duration margin;
  private final Object lock = new Object();
  /** Which token generation this thread last sent, to tell a stale 401 from a fresh one. */
  private final ThreadLocal<long[]> sentGeneration = ThreadLocal.withInitial(() -> new long[] {-1});
  private volatile @Nullable Cached cached;
  private long generation;
  private int fetches;

  private record Cached(Secret token, Instant refreshAt, long generation) {}

  CachedTokenAuth(Clock clock, Duration margin) {
    this.clock = clock;
    this.margin = margin;
  }

  /** Fetches a new access token (the subclass's grant). */
  abstract TokenEndpoint.Tokens fetch();

  @Override
  public final void apply(BiConsumer<String, String> header) {
    Cached c = cached;
    if (c == null || !clock.instant().isBefore(c.refreshAt())) {
      c = renew();
    }
    sentGeneration.get()[0] = c.generation();
    header.accept("Authorization", "Bearer " + c.token().reveal());
  }

  @Override
  public final boolean refresh() {
    long sent = sentGeneration.get()[0];
    synchronized (lock) {
      Cached c = cached;
      if (c != null && c.generation() > sent && clock.instant().isBefore(c.refreshAt())) {
        return true; // another caller replaced the token after this caller's request went out
      }
      install(fetch());
      return true;
    }
  }

  private Cached renew() {
    synchronized (lock) {
      Cached c = cached;
      if (c != null && clock.instant().isBefore(c.refreshAt())) {
        return c; // fetched by the caller this one waited for
      }
      return install(fetch());
    }
  }

  private Cached install(TokenEndpoint.Tokens t) {
    fetches++;
    Instant now = clock.instant();
    Duration life = t.expiresIn() != null ? t.expiresIn() : DEFAULT_LIFETIME;
    // Refresh a margin before expiry, but never sooner than half the lifetime of a short-lived token.
    Duration early = margin.compareTo(life.dividedBy(2)) > 0 ? life.dividedBy(2) : margin;
    Cached fresh = new Cached(t.accessToken(), now.plus(life).minus(early), ++generation);
    cached = fresh;
    return fresh;
  }

  /** How many tokens were fetched so far (for tests and diagnostics). */
  public final int tokensFetched() {
    synchronized (lock) {
      return fetches;
    }
  }
}
