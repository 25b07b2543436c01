package dev.usher.core.engine;

/**
 * When the engine stops sending to an application for the rest of a run: once at least
 * {@code minimumOperations} operations to it have finished and the share that failed reaches
 * {@code failureRatio}. Its remaining operations are then SKIPPED with that reason.
 *
 * <pre>{@code
 * QuarantinePolicy q = new QuarantinePolicy(0.5, 10);   // half of at least 10 failed
 * }</pre>
 *
 * @param failureRatio share of failed operations, in (0, 1]
 * @param minimumOperations finished operations needed before the ratio counts, at least 1
 */
public record QuarantinePolicy(double failureRatio, int minimumOperations) {
  public QuarantinePolicy {
    if (!(failureRatio > 0 && failureRatio <= 1)) {
      throw new IllegalArgumentException("failureRatio must be in (0, 1], was " + failureRatio);
    }
    if (minimumOperations < 1) {
      throw new IllegalArgumentException("minimumOperations must be at least 1, was " + minimumOperations);
    }
  }

  /** Half of at least 10 operations. */
  public static QuarantinePolicy defaults() {
    return new QuarantinePolicy(0.5, 10);
  }

  /** Never quarantine. */
  public static QuarantinePolicy never() {
    return new QuarantinePolicy(1.0, Integer.MAX_VALUE);
  }

  boolean crossed(int finished, int failed) {
    return finished >= minimumOperations && failed >= failureRatio * finished;
  }
}
