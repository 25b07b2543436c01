package dev.usher.scim.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.core.Usher;
import dev.usher.core.engine.ApplyResult;
import dev.usher.core.engine.QuarantinePolicy;
import dev.usher.core.engine.RetryPolicy;
import dev.usher.core.model.EntitlementType;
import dev.usher.core.model.Secret;
import dev.usher.core.model.User;
import dev.usher.core.policy.Condition;
import dev.usher.core.policy.CorrelationRule;
import dev.usher.core.policy.EntitlementRef;
import dev.usher.core.policy.EntitlementRule;
import dev.usher.core.policy.Policy;
import dev.usher.core.policy.Safety;
import dev.usher.core.policy.expr.Expression;
import dev.usher.core.store.InMemoryStateStore;
import dev.usher.scim.GroupResource;
import dev.usher.scim.ScimAuth;
import dev.usher.scim.ScimClient;
import dev.usher.scim.ScimConnector;
import dev.usher.testkit.TestClock;
import dev.usher.testkit.scim.FakeScimServer;
import dev.usher.testkit.scim.ScimFault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A reconciliation through the engine with the scim connector against the fake server while it
 * loses responses (the change is applied, the answer never arrives), answers 503 with
 * Retry-After and drops connections: it converges, with no duplicate accounts.
 */
class FaultInjectionReconcileTest {

  @ParameterizedTest
  @ValueSource(strings = {"generic", "aws-identity-center", "slack"})
  void reconciliationUnderFaultsConvergesWithoutDuplicates(String profile) {
    TestClock clock = TestClock.at(Instant.parse("2026-01-01T09:00:00Z"));
    try (FakeScimServer server = ProfileFixture.enforcing(profile).clock(clock).start()) {
      try (ScimClient client = ScimClient.builder(server.baseUrl())
          .auth(ScimAuth.bearer(Secret.of(ProfileFixture.TOKEN))).build()) {
        client.createGroup(GroupResource.builder().displayName("Engineering").build());
      }
      List<User> people = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        people.add(User.builder("E" + i).userName("person" + i).givenName("P").familyName("N" + i)
            .email("person" + i + "@example.com").department(i % 3 == 0 ? "Sales" : "Engineering").build());
      }
      server.inject(ScimFault.loseResponse().matching("POST", "/Users").times(3));
      server.inject(ScimFault.status(503).withRetryAfter(Duration.ofSeconds(2)).matching("POST", "/Users").times(2));
      server.inject(ScimFault.dropConnection().matching("POST", "/Users"));
      server.inject(ScimFault.loseResponse().matching("PATCH", "/Groups").times(2));
      server.inject(ScimFault.status(503).withRetryAfter(Duration.ofSeconds(1)).matching("PATCH", "/Groups"));

      ScimConnector scim = ProfileFixture.connector(server, profile, clock, clock::advance);
      Usher usher = Usher.builder()
          .tenantId("acme")
          .application("app", scim, policy())
          .users(() -> people)
          .stateStore(new InMemoryStateStore())
          .clock(clock)
          .sleeper(clock::advance)
          .jitter(() -> 0.5)
          .executor(Runnable::run)
          .retryPolicy(RetryPolicy.defaults())
          .quarantinePolicy(QuarantinePolicy.never())
          .build();
      List<ApplyResult> runs = new ArrayList<>();
      for (int run = 0; run < 3 && (runs.isEmpty() || !usher.plan().isEmpty()); run++) {
        runs.add(usher.reconcile());
      }
      assertThat(usher.plan().isEmpty()).as("nothing left to do after %s runs: %s", runs.size(),
          runs.stream().map(ApplyResult::summary).collect(Collectors.toList())).isTrue();

      List<String> userNames = server.users().stream().map(u -> u.get("userName").asText()).collect(Collectors.toList());
      assertThat(userNames).as("accounts on the server").hasSize(12).doesNotHaveDuplicates();
      ObjectNode group = server.groups().get(0);
      assertThat(group.get("members")).as("Engineering members").hasSize(8);
      assertThat(server.requests()).as("the faults were all hit")
          .filteredOn(r -> r.method().equals("POST") && r.path().endsWith("/Users")).hasSizeGreaterThan(12);
      scim.close();
    }
  }

  private static Policy policy() {
    return Policy.builder("app")
        .map("userName", User::userName)
        .map("externalId", User::id)
        .entitlementRule(EntitlementRule.builder("engineering-group")
            .when(Condition.of(u -> "Engineering".equals(u.department())))
            .grant(EntitlementRef.byName(EntitlementType.GROUP, "Engineering")).build())
        .correlation(CorrelationRule.of("externalId", Expression.of(User::id)))
        .correlation(CorrelationRule.of("userName", Expression.of(User::userName)))
        .safety(Safety.builder().maxDeprovisionCount(1000).maxDeprovisionPercent(100).build())
        .build();
  }
}
