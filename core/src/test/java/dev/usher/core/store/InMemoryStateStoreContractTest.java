package dev.usher.core.store;

import dev.usher.core.source.InMemorySnapshotStore;
import dev.usher.core.source.SnapshotStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

class InMemoryStateStoreContractTest extends StateStoreContractTest {
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final Map<String, InMemorySnapshotStore> snapshots = new ConcurrentHashMap<>();
  private final InMemoryLeaseTable leases = new InMemoryLeaseTable(clock);

  @Override
  protected StateStore openStore() {
    return store;
  }

  @Override
  protected SnapshotStore snapshots(String tenantId) {
    return snapshots.computeIfAbsent(tenantId, t -> new InMemorySnapshotStore());
  }

  @Override
  protected WorkLeases leases(String nodeId, Duration duration) {
    return leases.node(nodeId, duration);
  }
}
