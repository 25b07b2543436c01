package dev.usher.testkit.source;

import dev.usher.core.Usher;
import dev.usher.core.engine.QuarantinePolicy;
import dev.usher.core.engine.RetryPolicy;
import dev.usher.core.model.Entitlement;
import dev.usher.core.model.EntitlementType;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import dev.usher.core.policy.Condition;
import dev.usher.core.policy.CorrelationRule;
import dev.usher.core.policy.EntitlementRef;
import dev.usher.core.policy.EntitlementRule;
import dev.usher.core.policy.Policy;
import dev.usher.core.policy.Safety;
import dev.usher.core.policy.Scope;
import dev.usher.core.policy.expr.Expression;
import dev.usher.core.store.InMemoryStateStore;
import dev.usher.core.store.StateStore;
import dev.usher.testkit.InMemoryConnector;
import dev.usher.testkit.TestClock;
import java.time.Instant;

/** Three applications with department-managed groups, a fake clock, an in-memory store. */
final class SourceFixture {
  static final Entitlement ENG = Entitlement.of(EntitlementType.GROUP, "grp-eng", "Engineering");
  static final Entitlement FIN = Entitlement.of(EntitlementType.GROUP, "grp-fin", "Finance");
  static final Entitlement TEAM = Entitlement.of(EntitlementType.TEAM, "team:all", "Everyone");

  final TestClock clock = TestClock.at(Instant.parse("2026-12-03T09:00:00Z"));
  final StateStore store = new InMemoryStateStore();
  final InMemoryConnector slack = InMemoryConnector.builder("slack").entitlement(ENG).entitlement(FIN).build();
  final InMemoryConnector github = InMemoryConnector.builder("github").entitlement(TEAM).build();
  final InMemoryConnector jira = InMemoryConnector.builder("jira").entitlement(ENG).entitlement(FIN).build();

  static User alice() {
    return User.builder("alice").userName("alice").givenName("Alice").familyName("Liddell")
        .email("alice@example.com").department("Engineering").build();
  }

  static User bob() {
    return User.builder("bob").userName("bob").givenName("Bob").familyName("Builder")
        .email("bob@example.com").department("Finance").build();
  }

  private static Policy departmentGroups(String app) {
    return Policy.builder(app)
        .scope(Scope.of(Condition.of(u -> u.status() != UserStatus.TERMINATED)))
        .map("userName", User::userName)
        .map("externalId", User::id)
        .entitlementRule(EntitlementRule.builder("engineering")
            .when(Condition.of(u -> "Engineering".equals(u.department())))
            .grant(EntitlementRef.byId(EntitlementType.GROUP, "grp-eng")).build())
        .entitlementRule(EntitlementRule.builder("finance")
            .when(Condition.of(u -> "Finance".equals(u.department())))
            .grant(EntitlementRef.byId(EntitlementType.GROUP, "grp-fin")).build())
        .correlation(CorrelationRule.of("externalId", Expression.of(User::id)))
        .safety(Safety.builder().maxDeprovisionCount(1000).maxDeprovisionPercent(100).build())
        .build();
  }

  private static Policy everyoneTeam() {
    return Policy.builder("github")
        .scope(Scope.of(Condition.of(u -> u.status() != UserStatus.TERMINATED)))
        .map("userName", User::userName)
        .map("externalId", User::id)
        .entitlementRule(EntitlementRule.builder("everyone")
            .grant(EntitlementRef.byId(EntitlementType.TEAM, "team:all")).build())
        .correlation(CorrelationRule.of("externalId", Expression.of(User::id)))
        .safety(Safety.builder().maxDeprovisionCount(1000).maxDeprovisionPercent(100).build())
        .build();
  }

  Usher.Builder usher() {
    return Usher.builder()
        .tenantId("acme")
        .stateStore(store)
        .clock(clock)
        .sleeper(d -> clock.advance(d))
        .jitter(() -> 0.5)
        .executor(Runnable::run)
        .retryPolicy(RetryPolicy.defaults())
        .quarantinePolicy(QuarantinePolicy.never())
        .application("slack", slack, departmentGroups("slack"))
        .application("github", github, everyoneTeam())
        .application("jira", jira, departmentGroups("jira"));
  }

}
