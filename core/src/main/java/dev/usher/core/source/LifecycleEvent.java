package dev.usher.core.source;

import dev.usher.core.model.User;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A person joined, moved or left, as found by comparing what a source says now with what it
 * said before.
 *
 * <pre>{@code
 * switch (event.type()) {
 *   case JOINER -> usher.provision(event.userId());
 *   case MOVER -> log.info("{} changed {}", event.userId(), event.changes());
 *   case LEAVER -> usher.offboard(event.userId());
 * }
 * }</pre>
 *
 * @param type joiner, mover or leaver
 * @param userId the person's id
 * @param before the person as last seen; null for a joiner
 * @param after the person as seen now; null for a leaver who disappeared
 * @param changes for a mover, the attributes that changed; empty otherwise
 * @param leaverReason for a leaver, why
 * @param detectedAt when the change was found, by the detector's clock
 */
public record LifecycleEvent(
    Type type,
    String userId,
    @Nullable User before,
    @Nullable User after,
    List<ChangedAttribute> changes,
    @Nullable LeaverReason leaverReason,
    Instant detectedAt) {

  /** What happened. */
  public enum Type {
    /** A person is active now and was not before (a new hire, or a rehire). */
    JOINER,
    /** An active person's attributes changed. */
    MOVER,
    /** An active person is no longer. */
    LEAVER
  }

  /** Why a person is a leaver. */
  public enum LeaverReason {
    /** The source says TERMINATED. */
    TERMINATED,
    /** The end date has passed by the detector's clock. */
    END_DATE_PASSED,
    /** The source no longer lists the person. */
    DISAPPEARED
  }

  public LifecycleEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(userId, "userId");
    changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
    Objects.requireNonNull(detectedAt, "detectedAt");
    if ((type == Type.LEAVER) != (leaverReason != null)) {
      throw new IllegalArgumentException("a leaver, and only a leaver, has a leaver reason");
    }
  }

  /** The person as last known: the current record, else the previous one. */
  public User user() {
    return after != null ? after : Objects.requireNonNull(before, "before");
  }

  public Optional<LeaverReason> reason() {
    return Optional.ofNullable(leaverReason);
  }

  @Override
  public String toString() {
    return type + " " + userId + (leaverReason != null ? " (" + leaverReason + ")" : "")
        + (changes.isEmpty() ? "" : " " + changes);
  }
}
