package dev.usher.scim;

import dev.usher.scim.profile.Sleeper;
import java.util.Objects;

/**
 * What a {@link ScimConnector} needs besides its configuration that cannot be written in a
 * configuration file: how to wait for a profile's rate limit.
 *
 * <pre>{@code
 * ScimConnector c = ScimConnector.open(config, context,
 *     ScimConnectorOptions.builder().sleeper(d -> testClock.advance(d)).build());
 * }</pre>
 */
public final class ScimConnectorOptions {
  private static final ScimConnectorOptions DEFAULTS = builder().build();

  private final Sleeper sleeper;

  private ScimConnectorOptions(Builder b) {
    this.sleeper = b.sleeper;
  }

  /** Real sleeping. */
  public static ScimConnectorOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How the connector waits when a profile's client-side rate limit says so. */
  public Sleeper sleeper() {
    return sleeper;
  }

  @Override
  public String toString() {
    return "ScimConnectorOptions[]";
  }

  /** Builds {@link ScimConnectorOptions}. */
  public static final class Builder {
    private Sleeper sleeper = Sleeper.system();

    private Builder() {}

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    public ScimConnectorOptions build() {
      return new ScimConnectorOptions(this);
    }
  }
}
