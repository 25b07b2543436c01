package dev.usher.scim.profile;

import java.time.Duration;
import java.util.Objects;

/**
 * A documented limit of a target: {@code permits} per {@code period}, with bursts of up to
 * {@code burst} at once.
 *
 * <pre>{@code
 * RateLimit slackCreates = new RateLimit(180, Duration.ofMinutes(1), 20);
 * }</pre>
 *
 * @param permits how many operations per period (at least 1)
 * @param period the period (positive)
 * @param burst how many may go at once after a quiet spell (1..permits)
 */
public record RateLimit(int permits, Duration period, int burst) {
  public RateLimit {
    Objects.requireNonNull(period, "period");
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be at least 1, not " + permits);
    }
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("period must be positive, not " + period);
    }
    if (burst < 1 || burst > permits) {
      throw new IllegalArgumentException("burst must be 1.." + permits + ", not " + burst);
    }
  }

  /** The time one permit takes to come back. */
  public Duration interval() {
    return period.dividedBy(permits);
  }

  @Override
  public String toString() {
    return permits + " per " + period + " (bursts of " + burst + ")";
  }
}
