package dev.usher.core.source;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link SnapshotStore} in memory: for tests and for services that take a fresh start on
 * every restart (the first detection after a restart sees everyone as a joiner).
 *
 * <pre>{@code
 * SnapshotStore store = new InMemorySnapshotStore();
 * }</pre>
 */
public final class InMemorySnapshotStore implements SnapshotStore {
  private final ConcurrentMap<String, RememberedUsers> bySource = new ConcurrentHashMap<>();

  @Override
  public Optional<RememberedUsers> load(String sourceName) {
    return Optional.ofNullable(bySource.get(Objects.requireNonNull(sourceName, "sourceName")));
  }

  @Override
  public void save(String sourceName, RememberedUsers users) {
    bySource.put(Objects.requireNonNull(sourceName, "sourceName"), Objects.requireNonNull(users, "users"));
  }

  @Override
  public String toString() {
    return "InMemorySnapshotStore" + bySource.keySet();
  }
}
