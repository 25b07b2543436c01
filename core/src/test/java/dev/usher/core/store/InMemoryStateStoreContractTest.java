package dev.usher.core.store;

import java.time.Duration;

class InMemoryStateStoreContractTest extends StateStoreContractTest {
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final InMemoryLeaseTable leases = new InMemoryLeaseTable(clock);

  @Override
  protected StateStore openStore() {
    return store;
  }

  @Override
  protected WorkLeases leases(String nodeId, Duration duration) {
    return leases.node(nodeId, duration);
  }
}
