package dev.usher.scim.profile;

import dev.usher.core.engine.Sleeper;

import dev.usher.core.model.Account;
import dev.usher.core.model.Secret;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.scim.ScimConfig;
import dev.usher.scim.ScimConnector;
import dev.usher.scim.ScimConnectorOptions;
import dev.usher.testkit.scim.FakeScimServer;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/** Fake servers that enforce each named profile's restrictions, and connectors for them. */
final class ProfileFixture {
  static final String TOKEN = "profile-test-token";

  private ProfileFixture() {}

  /** A fake server that refuses what the vendor refuses (rate limits are left to the tests that need them). */
  static FakeScimServer.Builder enforcing(String profile) {
    FakeScimServer.Builder b = FakeScimServer.builder().bearerToken(TOKEN);
    switch (profile) {
      case "aws-identity-center" -> b.maxPageSize(100).cursorPagingOnly().equalityFiltersOnly()
          .omitGroupMembers().maxMemberChangesPerPatch(100);
      case "google-cloud-identity" -> b.equalityFiltersOnly().filterRequiredToListUsers().lowercaseResourcesKey();
      case "slack" -> b.serviceProviderConfigPath("/ServiceProviderConfigs").softDeleteUsers();
      case "github-emu" -> b.requireHeader("User-Agent");
      case "atlassian" -> b.equalityFiltersOnly().softDeleteUsers();
      case "salesforce" -> b.serviceProviderConfigPath("/ServiceProviderConfigs").softDeleteUsers();
      case "zoom" -> b.requireHeader("Accept", "application/scim+json");
      case "entra-compatible" -> b.equalityFiltersOnly().booleansAsStrings();
      case "generic" -> { }
      default -> throw new IllegalArgumentException(profile);
    }
    return b;
  }

  /** The account filter a profile needs to list (Google), else null. */
  static @Nullable String accountFilter(String profile) {
    return profile.equals("google-cloud-identity") ? "userType eq \"Employee\"" : null;
  }

  static ScimConfig config(FakeScimServer server, String profile, @Nullable String accountFilter) {
    return new ScimConfig(server.baseUrl(), ScimConfig.Auth.bearer(Secret.of(TOKEN)), null, null, null, null, null,
        null, null, null, null, null, null, profile, accountFilter);
  }

  static ScimConnector connector(FakeScimServer server, String profile, @Nullable String accountFilter) {
    return ScimConnector.open(config(server, profile, accountFilter), ConnectorContext.of("profiled"));
  }

  static ScimConnector connector(FakeScimServer server, String profile, Clock clock, Sleeper sleeper) {
    return connector(server, profile, null, clock, sleeper);
  }

  static ScimConnector connector(FakeScimServer server, String profile, @Nullable String accountFilter, Clock clock,
      Sleeper sleeper) {
    return ScimConnector.open(config(server, profile, accountFilter), ConnectorContext.of("profiled").withClock(clock),
        ScimConnectorOptions.builder().sleeper(sleeper).build());
  }

  static Account account(String userName) {
    return Account.builder("profiled").userName(userName).externalId("ext-" + userName)
        .attribute("userType", "Employee").build();
  }
}
