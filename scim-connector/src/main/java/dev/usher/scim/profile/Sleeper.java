package dev.usher.scim.profile;

import java.time.Duration;

/**
 * Waits; injected so that rate-limited code can be tested against a fake clock without sleeping.
 *
 * <pre>{@code
 * Sleeper real = Sleeper.system();
 * Sleeper fake = d -> clock.advance(d);   // a test clock that moves instead of sleeping
 * }</pre>
 */
@FunctionalInterface
public interface Sleeper {
  /** Waits for {@code duration} (positive). */
  void sleep(Duration duration) throws InterruptedException;

  /** {@link Thread#sleep(long, int)}. */
  static Sleeper system() {
    return d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
  }
}
