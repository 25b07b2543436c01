package dev.usher.scim;

import dev.usher.core.engine.Sleeper;
import dev.usher.scim.oauth.TokenStore;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ScimConnector} needs besides its configuration that cannot be written in a
 * configuration file: how to wait for a profile's rate limit, and where an OAuth refresh token is kept.
 *
 * <pre>{@code
 * ScimConnector c = ScimConnector.open(config, context,
 *     ScimConnectorOptions.builder().sleeper(d -> testClock.advance(d)).build());
 * }</pre>
 */
public final class ScimConnectorOptions {
  private static final ScimConnectorOptions DEFAULTS = builder().build();

  private final Sleeper sleeper;
  private final @Nullable TokenStore tokenStore;

  private ScimConnectorOptions(Builder b) {
    this.sleeper = b.sleeper;
    this.tokenStore = b.tokenStore;
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

  /** Where the refresh-token grant keeps its (rotated) refresh token; empty: in memory, from the configuration. */
  public Optional<TokenStore> tokenStore() {
    return Optional.ofNullable(tokenStore);
  }

  @Override
  public String toString() {
    return "ScimConnectorOptions[]";
  }

  /** Builds {@link ScimConnectorOptions}. */
  public static final class Builder {
    private Sleeper sleeper = Sleeper.system();
    private @Nullable TokenStore tokenStore;

    /** Keeps the refresh token of {@code auth.type: oauth2RefreshToken} (and rotated ones). */
    public Builder tokenStore(TokenStore store) {
      this.tokenStore = Objects.requireNonNull(store, "store");
      return this;
    }

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
