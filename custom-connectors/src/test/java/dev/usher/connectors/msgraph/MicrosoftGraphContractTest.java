package dev.usher.connectors.msgraph;

import dev.usher.core.model.Account;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.testkit.ConnectorContractTest;
import org.junit.jupiter.api.AfterAll;

/** The connector contract against the stateful Microsoft Graph fake. */
class MicrosoftGraphContractTest extends ConnectorContractTest {
  static final FakeGraph FAKE = new FakeGraph().group("0a1b-eng", "Engineering").group("0a1b-ops", "Operations");

  @AfterAll
  static void stop() {
    FAKE.close();
  }

  @Override
  protected Connector connector() {
    return new MicrosoftGraphConnectorProvider().create(FAKE.config(), ConnectorContext.of(applicationId()));
  }

  /** Graph's userName is a userPrincipalName in a verified domain. */
  @Override
  protected Account newAccount(int n) {
    Account a = super.newAccount(n);
    return a.toBuilder().userName(a.userName() + "@contoso.example").build();
  }
}
