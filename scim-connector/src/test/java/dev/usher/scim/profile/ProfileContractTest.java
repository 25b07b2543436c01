package dev.usher.scim.profile;

import dev.usher.core.model.Account;
import dev.usher.core.model.Secret;
import dev.usher.core.spi.Connector;
import dev.usher.scim.GroupResource;
import dev.usher.scim.ScimAuth;
import dev.usher.scim.ScimClient;
import dev.usher.testkit.ConnectorContractTest;
import dev.usher.testkit.TestClock;
import dev.usher.testkit.scim.FakeScimServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The connector contract suite for the {@code scim} connector under one profile, against a fake
 * server enforcing that profile's restrictions. One subclass per named profile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProfileContractTest extends ConnectorContractTest {
  private final FakeScimServer server;
  /** Rate-limited profiles wait on this clock, which moves instead of sleeping. */
  private final TestClock clock = TestClock.at(java.time.Instant.parse("2026-01-01T00:00:00Z"));

  ProfileContractTest() {
    server = ProfileFixture.enforcing(profile()).start();
    try (ScimClient client = ScimClient.builder(server.baseUrl())
        .auth(ScimAuth.bearer(Secret.of(ProfileFixture.TOKEN))).build()) {
      client.createGroup(GroupResource.builder().displayName("Contract A").build());
      client.createGroup(GroupResource.builder().displayName("Contract B").build());
    }
  }

  abstract String profile();

  @Override
  protected Connector connector() {
    return ProfileFixture.connector(server, profile(), ProfileFixture.accountFilter(profile()), clock, clock::advance);
  }

  @Override
  protected Account newAccount(int n) {
    return super.newAccount(n).toBuilder().attribute("userType", "Employee").build();
  }

  @AfterAll
  void stop() {
    server.close();
  }
}
