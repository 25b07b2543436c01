package dev.usher.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A share of reconciliation work that one node does at a time: an application, or a range of
 * user-id hash buckets within a large application. Nodes that share a store claim units
 * through {@link WorkLeases}.
 *
 * <p>User ids fall into {@value #BUCKETS} buckets by a hash that is the same in every JVM
 * ({@link #bucketOf}). Every node must split an application the same way (the same number of
 * parts): units of one application that overlap are refused.
 *
 * <pre>{@code
 * List<WorkUnit> units = WorkUnit.split("google", 4);     // google[0,256), google[256,512), ...
 * boolean mine = units.get(0).covers("E1001");
 * WorkUnit slack = WorkUnit.of("slack");                  // the whole application
 * }</pre>
 *
 * @param applicationId the application
 * @param fromBucket first bucket, inclusive (0 for the whole application)
 * @param toBucket last bucket, exclusive ({@value #BUCKETS} for the whole application)
 */
public record WorkUnit(String applicationId, int fromBucket, int toBucket) {

  /** How many hash buckets user ids fall into. */
  public static final int BUCKETS = 1024;

  public WorkUnit {
    Objects.requireNonNull(applicationId, "applicationId");
    if (applicationId.isBlank()) {
      throw new IllegalArgumentException("applicationId must not be blank");
    }
    if (fromBucket < 0 || toBucket > BUCKETS || fromBucket >= toBucket) {
      throw new IllegalArgumentException("work unit of '" + applicationId + "': bucket range ["
          + fromBucket + "," + toBucket + ") must satisfy 0 <= from < to <= " + BUCKETS);
    }
  }

  /** The whole application as one unit. */
  public static WorkUnit of(String applicationId) {
    return new WorkUnit(applicationId, 0, BUCKETS);
  }

  /** The application split into {@code parts} units of (nearly) equal bucket ranges. */
  public static List<WorkUnit> split(String applicationId, int parts) {
    if (parts < 1 || parts > BUCKETS) {
      throw new IllegalArgumentException(
          "parts of '" + applicationId + "' must be between 1 and " + BUCKETS + ", was " + parts);
    }
    List<WorkUnit> units = new ArrayList<>(parts);
    for (int i = 0; i < parts; i++) {
      units.add(new WorkUnit(applicationId, i * BUCKETS / parts, (i + 1) * BUCKETS / parts));
    }
    return List.copyOf(units);
  }

  /**
   * The bucket of a user id: {@code String.hashCode} (specified, so equal in every JVM)
   * mixed so that sequential ids spread evenly.
   */
  public static int bucketOf(String userId) {
    int h = Objects.requireNonNull(userId, "userId").hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return Math.floorMod(h, BUCKETS);
  }

  /** True when this unit's work includes the user. */
  public boolean covers(String userId) {
    int b = bucketOf(userId);
    return b >= fromBucket && b < toBucket;
  }

  /** True when this unit covers the whole application. */
  public boolean isWholeApplication() {
    return fromBucket == 0 && toBucket == BUCKETS;
  }

  /** True when both units belong to one application and share buckets. */
  public boolean overlaps(WorkUnit other) {
    return applicationId.equals(other.applicationId)
        && fromBucket < other.toBucket && other.fromBucket < toBucket;
  }

  /** The unit's key in a store: {@code application[from,to)}. */
  public String key() {
    return applicationId + "[" + fromBucket + "," + toBucket + ")";
  }

  @Override
  public String toString() {
    return key();
  }
}
