package dev.usher.testkit;

import static dev.usher.testkit.UsherAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.model.EntitlementType;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import dev.usher.core.plan.OperationType;
import dev.usher.core.policy.Deprovisioning;
import dev.usher.core.policy.EntitlementRef;
import dev.usher.core.policy.EntitlementRule;
import dev.usher.core.policy.Policy;
import dev.usher.core.policy.Safety;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UsherTestKitTest {
  final Policy github = Policy.builder("github")
      .map("userName", User::userName)
      .map("externalId", User::id)
      .entitlementRule(EntitlementRule.builder("eng").grant(EntitlementRef.byId(EntitlementType.TEAM, "team:eng")).build())
      .deprovisioning(Deprovisioning.builder().onTerminated(Deprovisioning.Action.DISABLE_THEN_DELETE)
          .gracePeriod(Duration.ofDays(30)).build())
      // the default safety (at most 10 % of accounts) would stage the only leaver of a one-account application
      .safety(Safety.builder().maxDeprovisionPercent(100).build())
      .build();
  final User alice = User.builder("alice").userName("alice").department("Engineering").build();

  @Test
  void aRuleAuthorTestsAPolicyInThreeLines() {
    UsherTestKit kit = UsherTestKit.withApplications(github).users(alice);
    assertThat(kit.plan()).creates("github", "alice").grants("github", "alice", "team:eng").hasNoDeletes();
    assertThat(kit.reconcile()).isSuccess();
    assertThat(kit.connector("github").accountByUserName("alice").orElseThrow().entitlementIds()).containsExactly("team:eng");
  }

  @Test
  void theClockMovesAGracePeriodWithoutSleeping() {
    UsherTestKit kit = UsherTestKit.withApplications(github).users(alice);
    kit.reconcile();
    kit.user(alice.toBuilder().status(UserStatus.TERMINATED).build());
    assertThat(kit.plan()).disables("github", "alice").hasNoDeletes();
    kit.reconcile();
    kit.clock().advance(Duration.ofDays(30));
    assertThat(kit.plan()).deletes("github", "alice");
  }

  @Test
  void planAssertionsExplainWhatIsMissing() {
    UsherTestKit kit = UsherTestKit.withApplications(github).users(alice);
    assertThatThrownBy(() -> assertThat(kit.plan()).deletes("github", "alice"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected the plan to delete alice in github")
        .hasMessageContaining("github/alice/create");
    assertThatThrownBy(() -> assertThat(kit.plan()).hasNoOperations())
        .hasMessageContaining("github/alice/create, github/alice/grant/team:eng");
    assertThatThrownBy(() -> assertThat(kit.plan()).stages("github", "alice", OperationType.DELETE))
        .hasMessageContaining("stage delete of alice in github");
    assertThatThrownBy(() -> kit.connector("slack")).hasMessageContaining("no application 'slack'; the kit has [github]");
  }
}
