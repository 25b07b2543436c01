package dev.usher.core.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * What happens to accounts when their user leaves or is suspended.
 *
 * <pre>{@code
 * Deprovisioning d = Deprovisioning.builder()
 *     .onTerminated(Deprovisioning.Action.DISABLE_THEN_DELETE)
 *     .gracePeriod(Duration.ofDays(30))
 *     .build();
 * }</pre>
 */
public final class Deprovisioning {
  /** What to do with a terminated user's account. */
  public enum Action { DISABLE, DELETE, DISABLE_THEN_DELETE }

  /** What to do with a suspended user's account. */
  public enum SuspendedAction { DISABLE, KEEP }

  private static final Deprovisioning DEFAULTS = builder().build();

  private final Action onTerminated;
  private final Duration gracePeriod;
  private final SuspendedAction onSuspended;
  private final boolean enableOnReactivation;

  private Deprovisioning(Builder b) {
    this.onTerminated = b.onTerminated;
    this.gracePeriod = b.gracePeriod;
    this.onSuspended = b.onSuspended;
    this.enableOnReactivation = b.enableOnReactivation;
  }

  /** DISABLE on termination, disable on suspension, enable on re-activation, grace period 30 days. */
  public static Deprovisioning defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().onTerminated(onTerminated).gracePeriod(gracePeriod)
        .onSuspended(onSuspended).enableOnReactivation(enableOnReactivation);
  }

  /** DISABLE (default), DELETE or DISABLE_THEN_DELETE. */
  public Action onTerminated() {
    return onTerminated;
  }

  /** How long a disabled account waits before it is deleted (DISABLE_THEN_DELETE); default 30 days. */
  public Duration gracePeriod() {
    return gracePeriod;
  }

  /** DISABLE (default) or KEEP. */
  public SuspendedAction onSuspended() {
    return onSuspended;
  }

  /** Whether a disabled account is enabled again when its user is active again; default true. */
  public boolean enableOnReactivation() {
    return enableOnReactivation;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Deprovisioning d && d.onTerminated == onTerminated
        && d.gracePeriod.equals(gracePeriod) && d.onSuspended == onSuspended
        && d.enableOnReactivation == enableOnReactivation;
  }

  @Override
  public int hashCode() {
    return Objects.hash(onTerminated, gracePeriod, onSuspended, enableOnReactivation);
  }

  @Override
  public String toString() {
    return "Deprovisioning[onTerminated=" + onTerminated + ", gracePeriod=" + gracePeriod
        + ", onSuspended=" + onSuspended + ", enableOnReactivation=" + enableOnReactivation + "]";
  }

  /** Builds {@link Deprovisioning}; not thread-safe. */
  public static final class Builder {
    private Action onTerminated = Action.DISABLE;
    private Duration gracePeriod = Duration.ofDays(30);
    private SuspendedAction onSuspended = SuspendedAction.DISABLE;
    private boolean enableOnReactivation = true;

    private Builder() {}

    public Builder onTerminated(Action action) {
      this.onTerminated = Objects.requireNonNull(action, "action");
      return this;
    }

    /** @throws IllegalArgumentException when negative */
    public Builder gracePeriod(Duration gracePeriod) {
      Objects.requireNonNull(gracePeriod, "gracePeriod");
      if (gracePeriod.isNegative()) {
        throw new IllegalArgumentException("gracePeriod must not be negative (was " + gracePeriod + ")");
      }
      this.gracePeriod = gracePeriod;
      return this;
    }

    public Builder onSuspended(SuspendedAction action) {
      this.onSuspended = Objects.requireNonNull(action, "action");
      return this;
    }

    public Builder enableOnReactivation(boolean enable) {
      this.enableOnReactivation = enable;
      return this;
    }

    public Deprovisioning build() {
      return new Deprovisioning(this);
    }
  }
}
