package dev.usher.core.store.internal;

import dev.usher.core.store.WorkLeases;
import dev.usher.core.store.WorkUnit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** Argument checks shared by the {@link WorkLeases} implementations; not API. */
public final class Leasing {
  private Leasing() {}

  /** The node id, checked: not blank, at most 200 characters. */
  public static String requireNodeId(String nodeId) {
    Objects.requireNonNull(nodeId, "nodeId");
    if (nodeId.isBlank() || nodeId.length() > 200) {
      throw new IllegalArgumentException("nodeId must be 1 to 200 characters, not blank, was '" + nodeId + "'");
    }
    return nodeId;
  }

  /** The lease duration, checked: at least one second. */
  public static Duration requireDuration(Duration duration) {
    Objects.requireNonNull(duration, "leaseDuration");
    if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("leaseDuration must be at least 1 second, was " + duration);
    }
    return duration;
  }

  /** The tenant id, checked: not blank, at most 200 characters. */
  public static String requireTenant(String tenantId) {
    Objects.requireNonNull(tenantId, "tenantId");
    if (tenantId.isBlank() || tenantId.length() > 200) {
      throw new IllegalArgumentException("tenantId must be 1 to 200 characters, not blank, was '" + tenantId + "'");
    }
    return tenantId;
  }

  /** The units of a claim, checked: no overlaps within one application; duplicates dropped. */
  public static List<WorkUnit> requireClaim(String tenantId, Collection<WorkUnit> units, int max) {
    requireTenant(tenantId);
    Objects.requireNonNull(units, "units");
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, was " + max);
    }
    List<WorkUnit> out = new ArrayList<>(units.size());
    for (WorkUnit u : units) {
      Objects.requireNonNull(u, "units contains null");
      if (out.contains(u)) {
        continue;
      }
      for (WorkUnit o : out) {
        if (o.overlaps(u)) {
          throw new IllegalArgumentException("work units " + o + " and " + u
              + " overlap: split an application the same way on every node");
        }
      }
      out.add(u);
    }
    return out;
  }
}
