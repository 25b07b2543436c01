package dev.usher.scim;

import dev.usher.core.model.Account;
import dev.usher.core.spi.Connector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The connector contract suite against scimmy, a real third-party SCIM server; groups are the entitlements. */
class ScimmyContractTest extends dev.usher.testkit.ConnectorContractTest {
  @RegisterExtension
  static final ScimmyServer SERVER = new ScimmyServer();

  @BeforeAll
  static void twoGroups() throws Exception {
    SERVER.reset();
    try (ScimClient client = SERVER.client()) {
      client.createGroup(GroupResource.builder().displayName("Contract A").build());
      client.createGroup(GroupResource.builder().displayName("Contract B").build());
    }
  }

  @Override
  protected Connector connector() {
    return SERVER.connector();
  }

  @Override
  protected Account newAccount(int n) {
    Account base = super.newAccount(n);
    return base.toBuilder().removeAttribute("email")
        .attribute("emails", List.of(Map.of("value", unique(n) + "@example.com", "type", "work")))
        .build();
  }
}
