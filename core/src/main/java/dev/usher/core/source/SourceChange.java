package dev.usher.core.source;

import dev.usher.core.model.User;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One change from a {@link ChangeFeed}: a person's current record, or their removal.
 *
 * <pre>{@code
 * SourceChange.updated(alice.toBuilder().department("Finance").build());
 * SourceChange.removed("E1001");
 * }</pre>
 *
 * @param userId whose record changed
 * @param user the record as it is now; null when the source removed the person
 */
public record SourceChange(String userId, @Nullable User user) {
  public SourceChange {
    Objects.requireNonNull(userId, "userId");
    if (user != null && !user.id().equals(userId)) {
      throw new IllegalArgumentException("change for '" + userId + "' carries user '" + user.id() + "'");
    }
  }

  /** The person was added or changed; this is their record now. */
  public static SourceChange updated(User user) {
    return new SourceChange(Objects.requireNonNull(user, "user").id(), user);
  }

  /** The source no longer knows this person. */
  public static SourceChange removed(String userId) {
    return new SourceChange(userId, null);
  }

  public boolean isRemoval() {
    return user == null;
  }

  public Optional<User> current() {
    return Optional.ofNullable(user);
  }
}
