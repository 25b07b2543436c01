package dev.usher.core.source;

import dev.usher.core.model.User;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The users of a source for a full reconciliation, which treats anyone missing as gone: so it
 * refuses a snapshot that could make someone missing by mistake.
 *
 * <ul>
 *   <li>an incomplete snapshot, or one with a bad row whose user id is unreadable, is refused
 *       ({@link UserSourceException});
 *   <li>a person whose row is bad is given as last read well; when they were never read well
 *       but Usher knows them ({@code known}: they have linked accounts), the snapshot is refused.
 * </ul>
 *
 * <pre>{@code
 * Usher usher = Usher.builder().userSource(CsvUserSource.of(config)) ... .build();  // uses this
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class FullRunUsers implements Supplier<List<User>> {
  private final UserSource source;
  private final Predicate<String> known;
  private Map<String, User> lastGood = Map.of();

  private FullRunUsers(UserSource source, Predicate<String> known) {
    this.source = source;
    this.known = known;
  }

  /**
   * @param known whether Usher already manages accounts of this user id (then a bad row of theirs
   *     must not make them look gone)
   */
  public static FullRunUsers of(UserSource source, Predicate<String> known) {
    return new FullRunUsers(Objects.requireNonNull(source, "source"), Objects.requireNonNull(known, "known"));
  }

  /** Reads a snapshot and returns its users for a full run. */
  @Override
  public List<User> get() {
    return usersOf(source.snapshot());
  }

  /**
   * The users of this snapshot for a full run.
   *
   * @throws UserSourceException when the snapshot could make someone look gone
   */
  public synchronized List<User> usersOf(UserSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    String name = snapshot.source();
    if (!snapshot.complete()) {
      UserSourceException f = Objects.requireNonNull(snapshot.failure());
      throw new UserSourceException("refusing a full run: the snapshot of " + name + " is incomplete: " + f.getMessage(), f);
    }
    if (snapshot.hasUnidentifiedRows()) {
      throw new UserSourceException("refusing a full run: " + name
          + " has bad rows whose user id cannot be read, so anyone could be missing", snapshot.problems());
    }
    List<User> users = new ArrayList<>(snapshot.users());
    Set<String> unknownHeld = new TreeSet<>();
    for (String id : snapshot.heldIds()) {
      User previous = lastGood.get(id);
      if (previous != null) {
        users.add(previous);
      } else if (known.test(id)) {
        unknownHeld.add(id);
      }
    }
    if (!unknownHeld.isEmpty()) {
      throw new UserSourceException("refusing a full run: " + name + " has bad rows of " + unknownHeld
          + ", who have accounts and were never read well: fix their rows", snapshot.problems());
    }
    Map<String, User> good = new HashMap<>();
    users.forEach(u -> good.put(u.id(), u));
    lastGood = good;
    return List.copyOf(users);
  }
}
