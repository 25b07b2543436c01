package dev.usher.connectors.google;

import dev.usher.core.model.Account;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.testkit.ConnectorContractTest;
import org.junit.jupiter.api.AfterAll;

/** The connector contract against the stateful Directory API fake. */
class GoogleWorkspaceContractTest extends ConnectorContractTest {
  static final FakeGoogle FAKE = new FakeGoogle()
      .group("01abc", "eng@acme.example", "Engineering").group("02def", "ops@acme.example", "Operations");

  @AfterAll
  static void stop() {
    FAKE.close();
  }

  @Override
  protected Connector connector() {
    return new GoogleWorkspaceConnectorProvider().create(FAKE.config(), ConnectorContext.of(applicationId()));
  }

  /** A Workspace user's userName is its primary email; Google requires both names. */
  @Override
  protected Account newAccount(int n) {
    Account a = super.newAccount(n);
    return a.toBuilder().userName(a.userName() + "@acme.example").removeAttribute("email")
        .attribute("givenName", "Contract").attribute("familyName", "Tester " + n).build();
  }
}
