package dev.usher.connectors.zoom;

import dev.usher.core.model.Account;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.testkit.ConnectorContractTest;
import org.junit.jupiter.api.AfterAll;

/** The connector contract against the stateful Zoom fake. */
class ZoomContractTest extends ConnectorContractTest {
  static final FakeZoom FAKE = new FakeZoom().group("grpA1", "Engineering").group("grpB2", "Operations");

  @AfterAll
  static void stop() {
    FAKE.close();
  }

  @Override
  protected Connector connector() {
    return new ZoomConnectorProvider().create(FAKE.config(), ConnectorContext.of(applicationId()));
  }

  /** A Zoom userName is the user's email; Zoom keeps no external id. */
  @Override
  protected Account newAccount(int n) {
    Account a = super.newAccount(n);
    return a.toBuilder().userName(a.userName() + "@example.com").externalId(null).removeAttribute("email")
        .attribute("givenName", "Contract").attribute("familyName", "Tester").build();
  }
}
