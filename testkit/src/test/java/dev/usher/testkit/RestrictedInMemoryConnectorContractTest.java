package dev.usher.testkit;

import dev.usher.core.model.Entitlement;
import dev.usher.core.model.EntitlementType;
import dev.usher.core.spi.Capability;
import dev.usher.core.spi.Connector;

/** An application that cannot disable, list members or grants, caps pages and deletes softly. */
class RestrictedInMemoryConnectorContractTest extends ConnectorContractTest {
  @Override
  protected Connector connector() {
    return InMemoryConnector.builder(applicationId())
        .entitlement(Entitlement.of(EntitlementType.TEAM, "t1", "Platform"))
        .entitlement(Entitlement.of(EntitlementType.TEAM, "t2", "Data"))
        .without(Capability.DISABLE_ACCOUNT, Capability.LIST_MEMBERS, Capability.LIST_ACCOUNT_GRANTS)
        .deleteIsSoft(true)
        .maxPageSize(1)
        .build();
  }

  @Override
  protected int pageSize() {
    return 3;
  }
}
