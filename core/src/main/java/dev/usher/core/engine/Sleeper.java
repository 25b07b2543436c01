package dev.usher.core.engine;

import java.time.Duration;

/**
 * Waits between retries. The engine never calls {@code Thread.sleep} itself, so tests inject a
 * sleeper that records the waits (and advances a fake clock) instead of sleeping.
 *
 * <pre>{@code
 * List<Duration> waits = new ArrayList<>();
 * Sleeper recording = waits::add;
 * }</pre>
 */
@FunctionalInterface
public interface Sleeper {
  /** Waits this long (or returns early when interrupted, with the exception). */
  void sleep(Duration duration) throws InterruptedException;

  /** Sleeps on the calling thread. */
  static Sleeper system() {
    return d -> Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
  }
}
