package dev.usher.core.spi;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a connector can do in its application, reported by the connector instance at runtime
 * (after it has read its configuration and, where it can, asked the application). A target
 * that refuses DELETE leaves out {@link Capability#DELETE_ACCOUNT}; one whose DELETE only
 * deactivates says {@link #deleteIsSoft()}.
 *
 * <pre>{@code
 * Capabilities caps = Capabilities.builder()
 *     .supports(Capability.CREATE_ACCOUNT, Capability.GET_ACCOUNT, Capability.LIST_ACCOUNTS)
 *     .deleteIsSoft(true)
 *     .build();
 * }</pre>
 */
public final class Capabilities {
  private final Set<Capability> supported;
  private final boolean deleteIsSoft;
  private final int maxPageSize;

  private Capabilities(Builder b) {
    this.supported = b.supported.isEmpty()
        ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(b.supported));
    this.deleteIsSoft = b.deleteIsSoft;
    this.maxPageSize = b.maxPageSize;
  }

  /** Every capability, hard deletes, no page-size limit. */
  public static Capabilities all() {
    return builder().supports(EnumSet.allOf(Capability.class)).build();
  }

  /** Exactly these capabilities. */
  public static Capabilities of(Capability... capabilities) {
    return builder().supports(capabilities).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.supported.addAll(supported);
    b.deleteIsSoft = deleteIsSoft;
    b.maxPageSize = maxPageSize;
    return b;
  }

  public boolean supports(Capability capability) {
    return supported.contains(capability);
  }

  /** The supported capabilities, in declaration order. */
  public Set<Capability> supported() {
    return supported;
  }

  /** True when DELETE leaves the account in place, deactivated, instead of removing it. */
  public boolean deleteIsSoft() {
    return deleteIsSoft;
  }

  /** The largest page the application returns; 0 when it sets no limit. */
  public int maxPageSize() {
    return maxPageSize;
  }

  /**
   * Throws when {@code capability} is missing, naming it and the operation.
   *
   * @throws UnsupportedCapabilityException when not supported
   */
  public void require(Capability capability, ConnectorException.Origin origin) {
    if (!supports(capability)) {
      throw new UnsupportedCapabilityException(origin, capability);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Capabilities c && c.supported.equals(supported)
        && c.deleteIsSoft == deleteIsSoft && c.maxPageSize == maxPageSize;
  }

  @Override
  public int hashCode() {
    return Objects.hash(supported, deleteIsSoft, maxPageSize);
  }

  @Override
  public String toString() {
    return "Capabilities" + supported.stream().map(Enum::name).collect(Collectors.joining(", ", "[", "]"))
        + (deleteIsSoft ? " (delete is soft)" : "")
        + (maxPageSize > 0 ? " (max page " + maxPageSize + ")" : "");
  }

  /** Builds {@link Capabilities}. */
  public static final class Builder {
    private final EnumSet<Capability> supported = EnumSet.noneOf(Capability.class);
    private boolean deleteIsSoft;
    private int maxPageSize;

    private Builder() {}

    public Builder supports(Capability... capabilities) {
      for (Capability c : capabilities) {
        supported.add(Objects.requireNonNull(c, "capability"));
      }
      return this;
    }

    public Builder supports(Collection<Capability> capabilities) {
      capabilities.forEach(c -> supported.add(Objects.requireNonNull(c, "capability")));
      return this;
    }

    public Builder without(Capability... capabilities) {
      for (Capability c : capabilities) {
        supported.remove(c);
      }
      return this;
    }

    public Builder deleteIsSoft(boolean soft) {
      this.deleteIsSoft = soft;
      return this;
    }

    /** @param max the largest page the application returns, 0 for no limit */
    public Builder maxPageSize(int max) {
      if (max < 0) {
        throw new IllegalArgumentException("maxPageSize must be >= 0, was " + max);
      }
      this.maxPageSize = max;
      return this;
    }

    public Capabilities build() {
      return new Capabilities(this);
    }
  }
}
