package dev.usher.core.policy;

/**
 * Thresholds that stop a run from doing too much damage at once; operations beyond them are
 * staged for approval instead of applied.
 *
 * <pre>{@code
 * Safety safety = Safety.builder().maxDeprovisionCount(20).maxDeprovisionPercent(5).build();
 * }</pre>
 */
public final class Safety {
  private static final Safety DEFAULTS = builder().build();

  private final int maxDeprovisionCount;
  private final double maxDeprovisionPercent;
  private final double maxSourceShrinkPercent;

  private Safety(Builder b) {
    this.maxDeprovisionCount = b.maxDeprovisionCount;
    this.maxDeprovisionPercent = b.maxDeprovisionPercent;
    this.maxSourceShrinkPercent = b.maxSourceShrinkPercent;
  }

  /** 50 deprovisions per run, 10% of accounts, 20% source shrink. */
  public static Safety defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().maxDeprovisionCount(maxDeprovisionCount)
        .maxDeprovisionPercent(maxDeprovisionPercent).maxSourceShrinkPercent(maxSourceShrinkPercent);
  }

  /** Deletes + disables per run; default 50. */
  public int maxDeprovisionCount() {
    return maxDeprovisionCount;
  }

  /** Deletes + disables per run as a percentage of the application's accounts; default 10.0. */
  public double maxDeprovisionPercent() {
    return maxDeprovisionPercent;
  }

  /** How much of the user source may disappear between two snapshots, in percent; default 20.0. */
  public double maxSourceShrinkPercent() {
    return maxSourceShrinkPercent;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Safety s && s.maxDeprovisionCount == maxDeprovisionCount
        && Double.compare(s.maxDeprovisionPercent, maxDeprovisionPercent) == 0
        && Double.compare(s.maxSourceShrinkPercent, maxSourceShrinkPercent) == 0;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(maxDeprovisionCount, maxDeprovisionPercent, maxSourceShrinkPercent);
  }

  @Override
  public String toString() {
    return "Safety[maxDeprovisionCount=" + maxDeprovisionCount + ", maxDeprovisionPercent="
        + maxDeprovisionPercent + ", maxSourceShrinkPercent=" + maxSourceShrinkPercent + "]";
  }

  /** Builds {@link Safety}; not thread-safe. */
  public static final class Builder {
    private int maxDeprovisionCount = 50;
    private double maxDeprovisionPercent = 10.0;
    private double maxSourceShrinkPercent = 20.0;

    private Builder() {}

    /** @throws IllegalArgumentException when negative */
    public Builder maxDeprovisionCount(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("maxDeprovisionCount must be 0 or more (was " + count + ")");
      }
      this.maxDeprovisionCount = count;
      return this;
    }

    /** @throws IllegalArgumentException when not within 0..100 */
    public Builder maxDeprovisionPercent(double percent) {
      this.maxDeprovisionPercent = percent("maxDeprovisionPercent", percent);
      return this;
    }

    /** @throws IllegalArgumentException when not within 0..100 */
    public Builder maxSourceShrinkPercent(double percent) {
      this.maxSourceShrinkPercent = percent("maxSourceShrinkPercent", percent);
      return this;
    }

    private static double percent(String name, double p) {
      if (!(p >= 0 && p <= 100)) {
        throw new IllegalArgumentException(name + " must be between 0 and 100 (was " + p + ")");
      }
      return p;
    }

    public Safety build() {
      return new Safety(this);
    }
  }
}
