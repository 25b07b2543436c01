package dev.usher.testkit;

import dev.usher.core.model.Entitlement;
import dev.usher.core.model.EntitlementType;
import dev.usher.core.spi.Connector;

class InMemoryConnectorContractTest extends ConnectorContractTest {
  @Override
  protected Connector connector() {
    return InMemoryConnector.builder(applicationId())
        .entitlement(Entitlement.of(EntitlementType.GROUP, "g1", "Engineering"))
        .entitlement(Entitlement.of(EntitlementType.GROUP, "g2", "Finance"))
        .build();
  }
}
