package dev.usher.core.spi;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The connector was asked for something it does not do in this application; its
 * {@link Capabilities} say so too. Thrown instead of silently doing nothing.
 */
public class UnsupportedCapabilityException extends ConnectorException {
  private static final long serialVersionUID = 1L;
  private final Capability capability;

  public UnsupportedCapabilityException(Origin origin, Capability capability) {
    this(origin, capability, null);
  }

  public UnsupportedCapabilityException(Origin origin, Capability capability, @Nullable String why) {
    super(origin, "capability " + capability + " is not supported" + (why != null ? ": " + why : ""));
    this.capability = capability;
  }

  /** The capability that is missing. */
  public Capability capability() {
    return capability;
  }
}
