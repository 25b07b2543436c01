package dev.usher.testkit.engine;

import dev.usher.core.Usher;
import dev.usher.core.engine.QuarantinePolicy;
import dev.usher.core.engine.RetryPolicy;
import dev.usher.core.engine.Sleeper;
import dev.usher.core.model.Account;
import dev.usher.core.model.Entitlement;
import dev.usher.core.model.EntitlementType;
import dev.usher.core.model.User;
import dev.usher.core.policy.Condition;
import dev.usher.core.policy.CorrelationRule;
import dev.usher.core.policy.Deprovisioning;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shared set-up: two applications, a fake clock, a sleeper that records instead of sleeping. */
final class Fixture {
  static final Entitlement ENG = Entitlement.of(EntitlementType.GROUP, "grp-eng", "Engineering");
  static final Entitlement FIN = Entitlement.of(EntitlementType.GROUP, "grp-fin", "Finance");
  static final Entitlement RANDOM = Entitlement.of(EntitlementType.GROUP, "grp-random", "Random");
  static final Entitlement TEAM_ENG = Entitlement.of(EntitlementType.TEAM, "team:eng", "Engineering team");

  final TestClock clock = TestClock.at(Instant.parse("2026-12-03T09:00:00Z"));
  final List<Duration> waits = new CopyOnWriteArrayList<>();
  final Sleeper sleeper = d -> {
    waits.add(d);
    clock.advance(d);
  };
  final StateStore store = new InMemoryStateStore();
  final List<User> users = new ArrayList<>();

  static User alice() {
    return User.builder("alice").userName("alice").givenName("Alice").familyName("Liddell")
        .email("alice@example.com").department("Engineering").title("SRE").build();
  }

  static User bob() {
    return User.builder("bob").userName("bob").givenName("Bob").familyName("Builder")
        .email("bob@example.com").department("Finance").title("Accountant").build();
  }

  static InMemoryConnector.Builder slackConnector() {
    return InMemoryConnector.builder("slack").entitlement(ENG).entitlement(FIN).entitlement(RANDOM);
  }

  static InMemoryConnector.Builder githubConnector() {
    return InMemoryConnector.builder("github").entitlement(TEAM_ENG);
  }

  static Safety permissive() {
    return Safety.builder().maxDeprovisionCount(1000).maxDeprovisionPercent(100).build();
  }

  /** Everyone active or suspended; title, email; department groups (managed); correlation by externalId, then email. */
  static Policy.Builder slackPolicy() {
    return Policy.builder("slack")
        .map("userName", User::userName)
        .map("externalId", User::id)
        .map("title", User::title)
        .map("email", u -> u.primaryEmail().orElse(null))
        .entitlementRule(EntitlementRule.builder("engineering-group")
            .when(Condition.of(u -> "Engineering".equals(u.department())))
            .grant(EntitlementRef.byName(EntitlementType.GROUP, "Engineering")).build())
        .entitlementRule(EntitlementRule.builder("finance-group")
            .when(Condition.of(u -> "Finance".equals(u.department())))
            .grant(EntitlementRef.byId(EntitlementType.GROUP, "grp-fin")).build())
        .correlation(CorrelationRule.of("externalId", Expression.of(User::id)))
        .correlation(CorrelationRule.of("email", Expression.of(u -> u.primaryEmail().orElse(null))))
        .safety(permissive());
  }

  /** Engineering only; birthright team. */
  static Policy.Builder githubPolicy() {
    return Policy.builder("github")
        .scope(Scope.of(Condition.of(u -> "Engineering".equals(u.department())
            && u.status() != dev.usher.core.model.UserStatus.TERMINATED)))
        .map("userName", User::userName)
        .map("externalId", User::id)
        .map("displayName", u -> u.givenName() + " " + u.familyName())
        .entitlementRule(EntitlementRule.builder("birthright-team")
            .grant(EntitlementRef.byId(EntitlementType.TEAM, "team:eng")).build())
        .correlation(CorrelationRule.of("externalId", Expression.of(User::id)))
        .safety(permissive());
  }

  Usher.Builder usher() {
    return Usher.builder()
        .tenantId("acme")
        .users(() -> List.copyOf(users))
        .stateStore(store)
        .clock(clock)
        .sleeper(sleeper)
        .jitter(() -> 0.5)
        .executor(Runnable::run)
        .retryPolicy(RetryPolicy.defaults())
        .quarantinePolicy(QuarantinePolicy.never());
  }

  static Account account(String app, String userName, String externalId) {
    return Account.builder(app).userName(userName).externalId(externalId).build();
  }

}
