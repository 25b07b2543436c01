package dev.usher.core.source;

import dev.usher.core.model.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * People held in memory, with a change feed: for tests, examples, and services that already
 * hold their directory in memory.
 *
 * <pre>{@code
 * InMemoryUserSource people = InMemoryUserSource.of("hr", alice, bob);
 * String token = people.snapshot().changeToken();
 * people.put(alice.toBuilder().department("Finance").build());
 * people.remove("E1002");
 * ChangeBatch batch = people.changeFeed().orElseThrow().changesSince(token); // 2 changes
 * }</pre>
 *
 * <p>Thread-safe. Tokens are positions in the change history ({@code "0"}, {@code "1"}, ...);
 * the whole history is kept.
 */
public final class InMemoryUserSource implements UserSource, ChangeFeed {
  private final String name;
  private final Map<String, User> users = new LinkedHashMap<>();
  private final List<SourceChange> history = new ArrayList<>();

  private InMemoryUserSource(String name) {
    this.name = name;
  }

  public static InMemoryUserSource of(String name, User... users) {
    return of(name, List.of(users));
  }

  public static InMemoryUserSource of(String name, List<User> users) {
    InMemoryUserSource s = new InMemoryUserSource(Objects.requireNonNull(name, "name"));
    for (User u : users) {
      s.users.put(Objects.requireNonNull(u, "user").id(), u);
    }
    return s;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized UserSnapshot snapshot() {
    return UserSnapshot.of(name, new ArrayList<>(users.values())).withChangeToken(Integer.toString(history.size()));
  }

  @Override
  public Optional<ChangeFeed> changeFeed() {
    return Optional.of(this);
  }

  /** Adds or replaces a person, recording the change. */
  public synchronized void put(User user) {
    Objects.requireNonNull(user, "user");
    users.put(user.id(), user);
    history.add(SourceChange.updated(user));
  }

  /** Removes a person, recording the change; removing an unknown id does nothing. */
  public synchronized void remove(String userId) {
    Objects.requireNonNull(userId, "userId");
    if (users.remove(userId) != null) {
      history.add(SourceChange.removed(userId));
    }
  }

  /** Replaces everyone, recording a change per person added, changed or removed. */
  public synchronized void replaceAll(List<User> replacement) {
    Map<String, User> next = new LinkedHashMap<>();
    replacement.forEach(u -> next.put(Objects.requireNonNull(u, "user").id(), u));
    for (String id : new ArrayList<>(users.keySet())) {
      if (!next.containsKey(id)) {
        remove(id);
      }
    }
    next.values().forEach(u -> {
      if (!u.equals(users.get(u.id()))) {
        put(u);
      }
    });
  }

  @Override
  public synchronized ChangeBatch changesSince(@Nullable String token) {
    int from;
    if (token == null) {
      from = history.size();
    } else {
      try {
        from = Integer.parseInt(token);
      } catch (NumberFormatException e) {
        throw new UserSourceException(name + ": unknown change token '" + token + "'");
      }
      if (from < 0 || from > history.size()) {
        throw new UserSourceException(name + ": unknown change token '" + token + "'");
      }
    }
    return new ChangeBatch(history.subList(from, history.size()), Integer.toString(history.size()));
  }

  @Override
  public synchronized String toString() {
    return "InMemoryUserSource[" + name + ": " + users.size() + " users]";
  }
}
