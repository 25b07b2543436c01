package dev.usher.core.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How the engine retries an operation that failed with a retryable error: exponential backoff
 * with full jitter (a random wait between zero and {@code min(maxBackoff, initialBackoff * 2^(n-1))}),
 * never sooner than an application's retry-after, at most {@code maxAttempts} sends and at
 * most {@code maxElapsed} per operation.
 *
 * <pre>{@code
 * RetryPolicy retries = RetryPolicy.defaults().withMaxAttempts(8).withMaxElapsed(Duration.ofMinutes(5));
 * }</pre>
 *
 * @param maxAttempts sends per operation, at least 1 (1 means no retry)
 * @param initialBackoff the cap of the first wait
 * @param maxBackoff the largest cap of any wait
 * @param maxElapsed the longest an operation may take, waits included
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxElapsed) {
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    positive(initialBackoff, "initialBackoff");
    positive(maxBackoff, "maxBackoff");
    positive(maxElapsed, "maxElapsed");
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }

  /** 5 attempts, waits capped at 200 ms doubling to 30 s, 2 minutes per operation. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofMinutes(2));
  }

  /** No retries at all. */
  public static RetryPolicy none() {
    return defaults().withMaxAttempts(1);
  }

  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, initialBackoff, maxBackoff, maxElapsed);
  }

  public RetryPolicy withBackoff(Duration initial, Duration max) {
    return new RetryPolicy(maxAttempts, initial, max, maxElapsed);
  }

  public RetryPolicy withMaxElapsed(Duration elapsed) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, elapsed);
  }

  /**
   * The wait after the given failed attempt.
   *
   * @param attempt the attempt that failed, from 1
   * @param random a number in [0, 1) (full jitter)
   * @param retryAfter the application's minimum wait, or {@link Duration#ZERO}
   */
  public Duration backoff(int attempt, double random, Duration retryAfter) {
    long capMillis = maxBackoff.toMillis();
    long base = initialBackoff.toMillis();
    int shift = Math.min(attempt - 1, 40);
    long cap = base > (capMillis >> shift) ? capMillis : Math.min(capMillis, base << shift);
    Duration jittered = Duration.ofMillis((long) (cap * Math.max(0, Math.min(random, 1.0))));
    return jittered.compareTo(retryAfter) < 0 ? retryAfter : jittered;
  }
}
