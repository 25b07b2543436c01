package dev.usher.core.source;

import dev.usher.core.model.User;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Every person a source gave in one read, the rows it could not use, and whether the read
 * finished.
 *
 * <p>An incomplete snapshot (the read stopped early) never makes anyone a leaver by
 * disappearance; neither does one with a bad row whose user id could not be read. A bad row
 * whose id is known keeps that person as they were.
 *
 * <pre>{@code
 * UserSnapshot s = source.snapshot();
 * if (!s.complete()) log.warn("partial read of {}", s.source(), s.failure());
 * }</pre>
 *
 * @param source the source's name
 * @param users the people read, in source order, one per id
 * @param problems the rows that were not loaded, with file, line, column and reason
 * @param complete true when the whole source was read
 * @param failure why the read stopped early, when it did
 * @param changeToken the change feed position as of this snapshot, when the source has a feed
 */
public record UserSnapshot(
    String source,
    List<User> users,
    List<RowProblem> problems,
    boolean complete,
    @Nullable UserSourceException failure,
    @Nullable String changeToken) {

  public UserSnapshot {
    Objects.requireNonNull(source, "source");
    users = List.copyOf(Objects.requireNonNull(users, "users"));
    problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
    if (!complete && failure == null) {
      throw new IllegalArgumentException("an incomplete snapshot needs the failure that stopped it");
    }
  }

  /** A complete snapshot of these users with no bad rows. */
  public static UserSnapshot of(String source, List<User> users) {
    return new UserSnapshot(source, users, List.of(), true, null, null);
  }

  /** A snapshot that could not be read at all. */
  public static UserSnapshot failed(String source, UserSourceException failure) {
    return new UserSnapshot(source, List.of(), failure.problems(), false, failure, null);
  }

  public Optional<UserSourceException> failureCause() {
    return Optional.ofNullable(failure);
  }

  /** True when some bad row's user id could not be read: anyone might be behind it. */
  public boolean hasUnidentifiedRows() {
    for (RowProblem p : problems) {
      if (p.userId() == null) {
        return true;
      }
    }
    return false;
  }

  /** The user ids of bad rows that could be identified. */
  public Set<String> heldIds() {
    Set<String> ids = new HashSet<>();
    for (RowProblem p : problems) {
      if (p.userId() != null) {
        ids.add(p.userId());
      }
    }
    return Set.copyOf(ids);
  }

  /** This snapshot with the change feed position recorded. */
  public UserSnapshot withChangeToken(@Nullable String token) {
    return new UserSnapshot(source, users, problems, complete, failure, token);
  }

  @Override
  public String toString() {
    return "UserSnapshot[" + source + ": " + users.size() + " users, " + problems.size() + " bad rows"
        + (complete ? "" : ", incomplete") + "]";
  }
}
