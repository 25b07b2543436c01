package dev.usher.scim.profile;

import dev.usher.core.engine.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * A token bucket on an injected clock: holds up to {@link RateLimit#burst()} tokens, refilled at
 * {@code permits / period}; {@link #acquire()} takes one, waiting through the injected
 * {@link Sleeper} when none is left. Fair enough for a handful of threads (waiters re-check in a loop).
 *
 * <pre>{@code
 * TokenBucket creations = new TokenBucket(new RateLimit(180, Duration.ofMinutes(1), 20), clock, Sleeper.system());
 * creations.acquire();   // before each POST /Users
 * }</pre>
 */
public final class TokenBucket {
  private final RateLimit limit;
  private final Clock clock;
  private final Sleeper sleeper;
  private final long intervalNanos;
  private double tokens;
  private long lastNanos;
  private boolean started;

  public TokenBucket(RateLimit limit, Clock clock, Sleeper sleeper) {
    this.limit = Objects.requireNonNull(limit, "limit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.intervalNanos = Math.max(1, limit.interval().toNanos());
  }

  /**
   * Takes one token, waiting until one is available.
   *
   * @return how long this call waited (zero when a token was there)
   * @throws InterruptedException when the wait is interrupted
   */
  public Duration acquire() throws InterruptedException {
    Duration waited = Duration.ZERO;
    while (true) {
      Duration wait = tryAcquire();
      if (wait.isZero()) {
        return waited;
      }
      sleeper.sleep(wait);
      waited = waited.plus(wait);
    }
  }

  /** Takes a token and returns zero, or returns how long until one is available (taking none). */
  public synchronized Duration tryAcquire() {
    long now = nanos();
    if (!started) {
      started = true;
      tokens = limit.burst();
      lastNanos = now;
    }
    if (now > lastNanos) {
      tokens = Math.min(limit.burst(), tokens + (double) (now - lastNanos) / intervalNanos);
      lastNanos = now;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil((1 - tokens) * intervalNanos));
  }

  private long nanos() {
    java.time.Instant i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  public RateLimit limit() {
    return limit;
  }

  @Override
  public String toString() {
    return "TokenBucket[" + limit + "]";
  }
}
