package dev.usher.core.source;

import dev.usher.core.model.User;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What change detection remembers of a source between runs: the people who were active,
 * as they were, and the change feed position.
 *
 * @param takenAt when this was recorded
 * @param activeUsers the active people by id
 * @param changeToken the change feed position, when the source has a feed
 */
public record RememberedUsers(Instant takenAt, Map<String, User> activeUsers, @Nullable String changeToken) {
  public RememberedUsers {
    Objects.requireNonNull(takenAt, "takenAt");
    activeUsers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(activeUsers, "activeUsers")));
  }
}
