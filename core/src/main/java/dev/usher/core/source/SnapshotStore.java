package dev.usher.core.source;

import java.util.Optional;

/**
 * Where change detection keeps what it last saw of each source. The in-memory store forgets
 * on restart; a durable state store implements this too.
 *
 * <pre>{@code
 * SnapshotStore store = new InMemorySnapshotStore();
 * ChangeDetector detector = ChangeDetector.builder(store).clock(clock).build();
 * }</pre>
 *
 * <p>Implementations are thread-safe.
 */
public interface SnapshotStore {

  /** What was last saved for this source. */
  Optional<RememberedUsers> load(String sourceName);

  /** Replaces what is kept for this source. */
  void save(String sourceName, RememberedUsers users);
}
