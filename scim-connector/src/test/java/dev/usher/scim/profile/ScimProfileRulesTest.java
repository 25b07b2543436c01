package dev.usher.scim.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.ConfigurationException;
import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.spi.Capability;
import dev.usher.core.spi.ConnectorException;
import dev.usher.core.spi.InvalidRequestException;
import dev.usher.core.spi.Listing;
import dev.usher.core.spi.NotFoundException;
import dev.usher.core.spi.PageRequest;
import dev.usher.core.spi.Pages;
import dev.usher.core.spi.RateLimitedException;
import dev.usher.core.spi.UnsupportedCapabilityException;
import dev.usher.core.model.Secret;
import dev.usher.scim.GroupResource;
import dev.usher.scim.ScimAuth;
import dev.usher.scim.ScimClient;
import dev.usher.scim.ScimConnector;
import dev.usher.scim.ScimQuirks;
import dev.usher.scim.UserResource;
import dev.usher.testkit.TestClock;
import dev.usher.testkit.scim.FakeScimServer;
import dev.usher.testkit.scim.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each profile rule against a fake server that enforces the matching restriction; where it
 * proves something, the generic profile is shown to fail against the same server.
 */
class ScimProfileRulesTest {
  private static final ConnectorException.Origin ORIGIN = new ConnectorException.Origin("scim", "t", "list");

  @Test
  void slackAndSalesforceDiscoverAtServiceProviderConfigs() {
    for (String profile : List.of("slack", "salesforce")) {
      try (FakeScimServer server = ProfileFixture.enforcing(profile).start();
           ScimConnector vendor = ProfileFixture.connector(server, profile, null);
           ScimConnector generic = ProfileFixture.connector(server, "generic", null)) {
        assertThat(vendor.capabilities().supports(Capability.CREATE_ACCOUNT)).isTrue();
        assertThat(server.requests()).extracting(RecordedRequest::path).contains("/scim/v2/ServiceProviderConfigs");
        assertThatThrownBy(generic::capabilities).as(profile).isInstanceOf(NotFoundException.class)
            .hasMessageContaining("GET /ServiceProviderConfig");
      }
    }
  }

  @Test
  void awsPagesByCursorInPagesOfAtMostHundred() {
    try (FakeScimServer server = ProfileFixture.enforcing("aws-identity-center").start();
         ScimConnector aws = ProfileFixture.connector(server, "aws-identity-center", null)) {
      for (int i = 0; i < 230; i++) {
        aws.create(ProfileFixture.account("u" + i));
      }
      server.clearRequests();
      Listing<Account> all = Pages.readAll(aws::listAccounts, 500, ORIGIN);
      assertThat(all.complete()).isTrue();
      assertThat(all.items()).hasSize(230);
      List<RecordedRequest> lists = server.requests().stream().filter(r -> r.path().endsWith("/Users")).toList();
      assertThat(lists).hasSize(3).allSatisfy(r -> {
        assertThat(r.queryParameter("startIndex")).isNull();
        assertThat(r.queryParameter("cursor")).isNotNull();
        assertThat(Integer.parseInt(r.queryParameter("count"))).isLessThanOrEqualTo(100);
      });
      assertThat(aws.capabilities().maxPageSize()).isEqualTo(100);
    }
  }

  @Test
  void indexPagingCannotBeConfiguredForACursorOnlyProfile() {
    try (FakeScimServer server = ProfileFixture.enforcing("aws-identity-center").start()) {
      var base = ProfileFixture.config(server, "aws-identity-center", null);
      var indexed = new dev.usher.scim.ScimConfig(base.baseUrl(), base.auth(), null, null, null, null, null, null,
          null, "index", null, null, null, "aws-identity-center", null);
      assertThatThrownBy(() -> ScimConnector.open(indexed, dev.usher.core.spi.ConnectorContext.of("x")))
          .isInstanceOf(ConfigurationException.class).hasMessageContaining("paging");
    }
  }

  @Test
  void equalityOnlyProfilesFindWithASingleEqAndApplyTheAccountFilterThemselves() {
    for (String profile : List.of("aws-identity-center", "atlassian", "google-cloud-identity", "entra-compatible")) {
      try (FakeScimServer server = ProfileFixture.enforcing(profile).start();
           ScimConnector vendor = ProfileFixture.connector(server, profile, "userType eq \"Employee\"");
           ScimConnector generic = ProfileFixture.connector(server, "generic", "userType eq \"Employee\"")) {
        vendor.create(ProfileFixture.account("alice"));
        vendor.create(Account.builder("profiled").userName("bob").attribute("userType", "Contractor").build());
        assertThat(vendor.find(Account.USER_NAME, AttributeValue.of("alice"))).as(profile)
            .extracting(Account::userName).containsExactly("alice");
        assertThat(vendor.find(Account.USER_NAME, AttributeValue.of("bob"))).as("%s: bob is not an Employee", profile)
            .isEmpty();
        assertThatThrownBy(() -> generic.find(Account.USER_NAME, AttributeValue.of("alice"))).as(profile)
            .isInstanceOf(InvalidRequestException.class).hasMessageContaining("invalidFilter");
      }
    }
  }

  @Test
  void equalityOnlyProfileRefusesAnAccountFilterItCannotSend() {
    try (FakeScimServer server = ProfileFixture.enforcing("atlassian").start()) {
      assertThatThrownBy(() -> ProfileFixture.connector(server, "atlassian", "userName sw \"a\""))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("accountFilter").hasMessageContaining("only a single 'attribute eq value'");
    }
  }

  @Test
  void googleListsOnlyWithAnAccountFilterAndReadsLowercaseResources() {
    try (FakeScimServer server = ProfileFixture.enforcing("google-cloud-identity").start();
         ScimConnector unfiltered = ProfileFixture.connector(server, "google-cloud-identity", null);
         ScimConnector filtered = ProfileFixture.connector(server, "google-cloud-identity", "userType eq \"Employee\"");
         ScimConnector generic = ProfileFixture.connector(server, "generic", null)) {
      filtered.create(ProfileFixture.account("alice"));
      filtered.create(ProfileFixture.account("carol"));
      filtered.create(Account.builder("profiled").userName("bob").attribute("userType", "Contractor").build());
      assertThat(unfiltered.capabilities().supports(Capability.LIST_ACCOUNTS)).isFalse();
      assertThatThrownBy(() -> unfiltered.listAccounts(PageRequest.first(10)))
          .isInstanceOf(UnsupportedCapabilityException.class);
      unfiltered.test();
      assertThat(Pages.readAll(filtered::listAccounts, 1, ORIGIN).items())
          .extracting(Account::userName).containsExactlyInAnyOrder("alice", "carol");
      assertThatThrownBy(() -> generic.listAccounts(PageRequest.first(10))).isInstanceOf(InvalidRequestException.class);
    }
  }

  @Test
  void softDeleteProfilesSayDeleteIsSoft() {
    for (String profile : List.of("slack", "atlassian", "salesforce")) {
      try (FakeScimServer server = ProfileFixture.enforcing(profile).start();
           ScimConnector vendor = ProfileFixture.connector(server, profile, null)) {
        assertThat(vendor.capabilities().deleteIsSoft()).as(profile).isTrue();
        Account a = vendor.create(ProfileFixture.account("alice"));
        vendor.delete(a.id());
        assertThat(vendor.get(a.id())).as(profile).get().extracting(Account::active).isEqualTo(false);
      }
    }
    try (FakeScimServer server = ProfileFixture.enforcing("generic").start();
         ScimConnector generic = ProfileFixture.connector(server, "generic", null)) {
      assertThat(generic.capabilities().deleteIsSoft()).isFalse();
    }
  }

  @Test
  void zoomSendsExactlyTheScimMediaTypeAndGithubAUserAgent() {
    try (FakeScimServer server = ProfileFixture.enforcing("zoom").start();
         ScimConnector zoom = ProfileFixture.connector(server, "zoom", null)) {
      zoom.create(ProfileFixture.account("alice"));
      assertThat(server.requests()).isNotEmpty().allSatisfy(r -> {
        assertThat(r.headers().get("accept")).containsExactly("application/scim+json");
      });
    }
    try (FakeScimServer server = ProfileFixture.enforcing("github-emu").start();
         ScimConnector github = ProfileFixture.connector(server, "github-emu", null)) {
      github.create(ProfileFixture.account("alice"));
      assertThat(server.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.header("User-Agent")).startsWith("usher"));
    }
  }

  @Test
  void awsSplitsMemberChangesAndReadsMembershipByGroupFilter() {
    try (FakeScimServer server = ProfileFixture.enforcing("aws-identity-center").start();
         ScimConnector aws = ProfileFixture.connector(server, "aws-identity-center", null)) {
      String group;
      try (ScimClient client = ScimClient.builder(server.baseUrl()).auth(ScimAuth.bearer(Secret.of(ProfileFixture.TOKEN))).build()) {
        group = client.createGroup(GroupResource.builder().displayName("Engineering").build()).id().orElseThrow();
      }
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 250; i++) {
        ids.add(aws.create(ProfileFixture.account("m" + i)).id());
      }
      server.clearRequests();
      aws.grantAll(group, ids);
      assertThat(server.requests()).filteredOn(r -> r.method().equals("PATCH")).hasSize(3);
      assertThat(server.groups().get(0).get("members")).hasSize(250);
      assertThat(aws.capabilities().supports(Capability.LIST_MEMBERS)).isFalse();
      assertThatThrownBy(() -> aws.members(group, PageRequest.first(10))).isInstanceOf(UnsupportedCapabilityException.class);
      assertThat(aws.grantsOf(ids.get(7))).containsExactly(group);
      assertThat(server.requests()).anySatisfy(r -> assertThat(r.queryParameter("filter")).isEqualTo("members eq \"" + ids.get(7) + "\""));
    }
  }

  @Test
  void stringBooleansAreReadAsBooleans() {
    try (FakeScimServer server = ProfileFixture.enforcing("entra-compatible").start();
         ScimConnector entra = ProfileFixture.connector(server, "entra-compatible", null);
         ScimClient standard = ScimClient.builder(server.baseUrl()).quirks(ScimQuirks.STANDARD)
             .auth(ScimAuth.bearer(Secret.of(ProfileFixture.TOKEN))).build()) {
      Account a = entra.create(ProfileFixture.account("alice"));
      entra.disable(a.id());
      assertThat(server.requests().get(server.requests().size() - 1).method()).isNotNull();
      assertThat(entra.get(a.id())).get().extracting(Account::active).isEqualTo(false);
      assertThatThrownBy(() -> standard.getUser(a.id())).isInstanceOf(ConnectorException.class).hasMessageContaining("active");
    }
  }

  @Test
  void slackCreationsWaitOnTheClockInsteadOfRunningIntoTheServersLimit() {
    TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    // Slack allows 180 creations a minute plus bursts; the server counts every request in fixed windows.
    try (FakeScimServer server = ProfileFixture.enforcing("slack").clock(clock).rateLimit(210, Duration.ofMinutes(1)).start();
         ScimConnector slack = ProfileFixture.connector(server, "slack", clock, clock::advance)) {
      for (int i = 0; i < 400; i++) {
        slack.create(ProfileFixture.account("s" + i));
      }
      assertThat(server.users()).hasSize(400);
      // 20 at once, then one every 1/3 s: (400 - 20) / 3 s
      assertThat(Duration.between(Instant.parse("2026-01-01T00:00:00Z"), clock.instant()))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(126));
    }
    TestClock still = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    try (FakeScimServer server = ProfileFixture.enforcing("slack").clock(still).rateLimit(210, Duration.ofMinutes(1)).start();
         ScimConnector slackWithoutLimit = ProfileFixture.connector(server, "salesforce", still, still::advance)) {
      assertThatThrownBy(() -> {
        for (int i = 0; i < 400; i++) {
          slackWithoutLimit.create(ProfileFixture.account("s" + i));
        }
      }).isInstanceOf(RateLimitedException.class);
    }
  }

  @Test
  void githubEmuSpacesCreationsOverTheHour() {
    TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    try (FakeScimServer server = ProfileFixture.enforcing("github-emu").clock(clock).start();
         ScimConnector github = ProfileFixture.connector(server, "github-emu", clock, clock::advance)) {
      for (int i = 0; i < 11; i++) {
        github.create(ProfileFixture.account("g" + i));
      }
      assertThat(Duration.between(Instant.parse("2026-01-01T00:00:00Z"), clock.instant()))
          .isEqualTo(Duration.ofSeconds(36)); // 10 waits of 3.6 s: 1,000 an hour
    }
  }

  @Test
  void unknownProfileIsAConfigurationErrorListingTheKnownOnes() {
    try (FakeScimServer server = FakeScimServer.builder().start()) {
      assertThatThrownBy(() -> ProfileFixture.connector(server, "acme", null))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("unknown profile 'acme'").hasMessageContaining("aws-identity-center");
    }
  }
}
