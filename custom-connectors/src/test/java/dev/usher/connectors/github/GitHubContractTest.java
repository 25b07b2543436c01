package dev.usher.connectors.github;

import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.spi.AttributeChange;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.testkit.ConnectorContractTest;
import dev.usher.testkit.fakes.FakeGitHub;
import org.junit.jupiter.api.AfterAll;

/** The connector contract against the stateful GitHub fake. */
class GitHubContractTest extends ConnectorContractTest {
  static final FakeGitHub FAKE = FakeGitHub.start().team("eng", "Engineering").team("ops", "Operations");

  @AfterAll
  static void stop() {
    FAKE.close();
  }

  @Override
  protected Connector connector() {
    return new GitHubConnectorProvider().create(GitHubFakes.config(FAKE), ConnectorContext.of(applicationId()));
  }

  /** GitHub keeps no external id, and invites by login. */
  @Override
  protected Account newAccount(int n) {
    return super.newAccount(n).toBuilder().externalId(null).build();
  }

  /** The one attribute GitHub lets Usher change: the organization role. */
  @Override
  protected AttributeChange sampleChange(int n) {
    return AttributeChange.replace("role", AttributeValue.of("admin"));
  }
}
