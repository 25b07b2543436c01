package dev.usher.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock a test moves by hand, so grace periods and retry budgets pass without sleeping.
 *
 * <pre>{@code
 * TestClock clock = TestClock.at("2026-12-03T09:00:00Z");
 * clock.advance(Duration.ofDays(30));
 * Sleeper sleeper = clock::advance; // waits by moving the clock
 * }</pre>
 *
 * <p>Thread-safe: {@link #advance} and {@link #set} are atomic.
 */
public final class TestClock extends Clock {
  private volatile Instant now;

  private TestClock(Instant start) {
    this.now = start;
  }

  public static TestClock at(Instant start) {
    return new TestClock(Objects.requireNonNull(start, "start"));
  }

  /** @throws java.time.format.DateTimeParseException when the text is not an ISO-8601 instant */
  public static TestClock at(String isoInstant) {
    return at(Instant.parse(isoInstant));
  }

  /** Moves the clock forward (or back, with a negative duration). */
  public synchronized TestClock advance(Duration by) {
    now = now.plus(Objects.requireNonNull(by, "by"));
    return this;
  }

  public synchronized TestClock set(Instant instant) {
    now = Objects.requireNonNull(instant, "instant");
    return this;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public String toString() {
    return "TestClock[" + now + "]";
  }
}
