package dev.usher.testkit.scim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A fixed-window request limit on an injected clock. */
final class RateLimiter {
  private final int limit;
  private final Duration window;
  private final Clock clock;
  private @Nullable Instant windowStart;
  private int used;

  RateLimiter(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  /** Null when the request may proceed, otherwise how long until the window reopens. */
  synchronized @Nullable Duration acquire() {
    Instant now = clock.instant();
    if (windowStart == null || !now.isBefore(windowStart.plus(window))) {
      windowStart = now;
      used = 0;
    }
    if (used < limit) {
      used++;
      return null;
    }
    return Duration.between(now, windowStart.plus(window));
  }

  synchronized void reset() {
    windowStart = null;
    used = 0;
  }
}
