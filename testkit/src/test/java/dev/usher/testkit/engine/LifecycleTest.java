package dev.usher.testkit.engine;

import static dev.usher.testkit.UsherAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.usher.core.Usher;
import dev.usher.core.engine.ApplyResult;
import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import dev.usher.core.plan.Plan;
import dev.usher.core.plan.Situation;
import dev.usher.core.plan.Warning;
import dev.usher.core.policy.AttributeMapping;
import dev.usher.core.policy.Deprovisioning;
import dev.usher.testkit.InMemoryConnector;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Joiners, movers and leavers, end to end against in-memory applications. */
class LifecycleTest {
  final Fixture f = new Fixture();

  @Test
  void joinerGetsAccountsOnlyWhereScopeMatchesWithMappedAttributesAndBirthrightGroups() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    InMemoryConnector github = Fixture.githubConnector().build();
    Usher usher = f.usher()
        .application("slack", slack, Fixture.slackPolicy().build())
        .application("github", github, Fixture.githubPolicy().build())
        .build();
    f.users.add(Fixture.alice());
    f.users.add(Fixture.bob());

    Plan plan = usher.plan();
    assertThat(plan)
        .creates("github", "alice").grants("github", "alice", "team:eng")
        .createsWith("github", "alice", "displayName", "Alice Liddell")
        .doesNotCreate("github", "bob")
        .creates("slack", "alice").grants("slack", "alice", "Engineering")
        .creates("slack", "bob").grants("slack", "bob", "grp-fin").doesNotGrant("slack", "bob", "Engineering")
        .hasNoDeletes().hasNoDisables().hasNothingStaged();

    assertThat(usher.apply(plan)).isSuccess();
    Account a = github.accountByUserName("alice").orElseThrow();
    assertThat(a.externalId()).isEqualTo("alice");
    assertThat(a.attributes()).containsEntry("displayName", AttributeValue.of("Alice Liddell"));
    assertThat(a.entitlementIds()).containsExactly("team:eng");
    assertThat(github.accountByUserName("bob")).isEmpty();
    assertThat(slack.accountByUserName("bob").orElseThrow().entitlementIds()).containsExactly("grp-fin");
    assertThat(slack.accountByUserName("alice").orElseThrow().attributes())
        .containsEntry("title", AttributeValue.of("SRE"))
        .containsEntry("email", AttributeValue.of("alice@example.com"));
    assertThat(f.store.link("acme", "github", "alice")).hasValueSatisfying(l -> assertThat(l.accountId()).isEqualTo(a.id()));

    // A second run converges: nothing left to do.
    assertThat(usher.plan()).hasNoOperations();
  }

  @Test
  void moverUpdatesAttributesRevokesOldManagedGroupGrantsNewAndKeepsUnmanagedGrant() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    Usher usher = f.usher().application("slack", slack, Fixture.slackPolicy().build()).build();
    f.users.add(Fixture.alice());
    assertThat(usher.reconcile()).isSuccess();
    String id = slack.accountByUserName("alice").orElseThrow().id();
    slack.grant(id, "grp-random"); // granted by hand: not managed by the policy

    f.users.set(0, Fixture.alice().toBuilder().department("Finance").title("Controller").build());
    Plan plan = usher.plan();
    assertThat(plan)
        .updates("slack", "alice", "title", "Controller")
        .revokes("slack", "alice", "grp-eng")
        .grants("slack", "alice", "grp-fin")
        .doesNotRevoke("slack", "alice", "grp-random")
        .hasNoDisables().hasNoDeletes();
    assertThat(plan.operation("slack/alice/revoke/grp-eng").orElseThrow().reason().situation())
        .isEqualTo(Situation.LINKED);

    assertThat(usher.apply(plan)).isSuccess();
    Account moved = slack.accountByUserName("alice").orElseThrow();
    assertThat(moved.entitlementIds()).containsExactlyInAnyOrder("grp-fin", "grp-random");
    assertThat(moved.attributes()).containsEntry("title", AttributeValue.of("Controller"));
  }

  @Test
  void terminatedLeaverIsDisabledAndLosesEveryManagedGrantButNotUnmanagedOnes() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    Usher usher = f.usher().application("slack", slack, Fixture.slackPolicy().build()).build();
    f.users.add(Fixture.alice());
    usher.reconcile();
    String id = slack.accountByUserName("alice").orElseThrow().id();
    slack.grant(id, "grp-random");

    f.users.set(0, Fixture.alice().toBuilder().status(UserStatus.TERMINATED).build());
    Plan plan = usher.plan();
    assertThat(plan).revokes("slack", "alice", "grp-eng").disables("slack", "alice")
        .doesNotRevoke("slack", "alice", "grp-random").hasNoDeletes();
    assertThat(usher.apply(plan)).isSuccess();

    Account gone = slack.account(id).orElseThrow();
    assertThat(gone.active()).isFalse();
    assertThat(gone.entitlementIds()).containsExactly("grp-random");
    // revoke before disable, as the order promises
    List<InMemoryConnector.Call> calls = slack.calls();
    int revoke = calls.indexOf(new InMemoryConnector.Call(InMemoryConnector.Operation.REVOKE, id + " grp-eng"));
    int disable = calls.indexOf(new InMemoryConnector.Call(InMemoryConnector.Operation.DISABLE, id));
    assertThat(revoke).isNotNegative().isLessThan(disable);
  }

  @Test
  void terminatedLeaverIsDeletedWhenThePolicySaysDelete() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    Usher usher = f.usher().application("slack", slack, Fixture.slackPolicy()
        .deprovisioning(Deprovisioning.builder().onTerminated(Deprovisioning.Action.DELETE).build()).build()).build();
    f.users.add(Fixture.alice());
    usher.reconcile();
    f.users.set(0, Fixture.alice().toBuilder().status(UserStatus.TERMINATED).build());

    assertThat(usher.plan()).deletes("slack", "alice").revokes("slack", "alice", "grp-eng");
    assertThat(usher.reconcile()).isSuccess();
    assertThat(slack.accounts()).isEmpty();
    assertThat(f.store.link("acme", "slack", "alice")).isEmpty();
  }

  @Test
  void suspendedIsDisabledAndReactivatedIsEnabled() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    Usher usher = f.usher().application("slack", slack, Fixture.slackPolicy().build()).build();
    f.users.add(Fixture.alice());
    usher.reconcile();
    String id = slack.accountByUserName("alice").orElseThrow().id();

    f.users.set(0, Fixture.alice().toBuilder().status(UserStatus.SUSPENDED).build());
    assertThat(usher.plan()).disables("slack", "alice").doesNotRevoke("slack", "alice", "grp-eng");
    assertThat(usher.reconcile()).isSuccess();
    assertThat(slack.account(id).orElseThrow().active()).isFalse();

    f.users.set(0, Fixture.alice());
    assertThat(usher.plan()).enables("slack", "alice").hasNoDisables();
    assertThat(usher.reconcile()).isSuccess();
    assertThat(slack.account(id).orElseThrow().active()).isTrue();
    assertThat(f.store.link("acme", "slack", "alice").orElseThrow().disabledAt()).isNull();
  }

  @Test
  void disableThenDeleteDeletesOnlyAfterTheGracePeriod() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    Usher usher = f.usher().application("slack", slack, Fixture.slackPolicy()
        .deprovisioning(Deprovisioning.builder().onTerminated(Deprovisioning.Action.DISABLE_THEN_DELETE)
            .gracePeriod(Duration.ofDays(30)).build()).build()).build();
    f.users.add(Fixture.alice());
    usher.reconcile();
    f.users.set(0, Fixture.alice().toBuilder().status(UserStatus.TERMINATED).build());

    assertThat(usher.plan()).disables("slack", "alice").hasNoDeletes();
    usher.reconcile();
    assertThat(f.store.link("acme", "slack", "alice").orElseThrow().disabledAt()).isEqualTo(f.clock.instant());

    f.clock.advance(Duration.ofDays(29));
    assertThat(usher.plan()).hasNoOperations();

    f.clock.advance(Duration.ofDays(1));
    Plan plan = usher.plan();
    assertThat(plan).deletes("slack", "alice");
    assertThat(usher.apply(plan)).isSuccess();
    assertThat(slack.accounts()).isEmpty();
  }

  @Test
  void offboardDisablesEveryLinkedAccountAndRevokesManagedGrantsNow() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    InMemoryConnector github = Fixture.githubConnector().build();
    Usher usher = f.usher()
        .application("slack", slack, Fixture.slackPolicy().build())
        .application("github", github, Fixture.githubPolicy().build())
        .build();
    f.users.add(Fixture.alice());
    usher.reconcile();

    ApplyResult result = usher.offboard("alice");
    assertThat(result).isSuccess().succeeded("slack/alice/disable").succeeded("github/alice/revoke/team:eng");
    assertThat(slack.accountByUserName("alice").orElseThrow().active()).isFalse();
    assertThat(slack.accountByUserName("alice").orElseThrow().entitlementIds()).isEmpty();
    assertThat(github.accountByUserName("alice").orElseThrow().active()).isFalse();
    assertThat(github.accountByUserName("alice").orElseThrow().entitlementIds()).isEmpty();
  }

  @Test
  void provisionCreatesOneUserEverywhereWithoutListingAccounts() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    InMemoryConnector github = Fixture.githubConnector().build();
    Usher usher = f.usher()
        .application("slack", slack, Fixture.slackPolicy().build())
        .application("github", github, Fixture.githubPolicy().build())
        .build();

    assertThat(usher.provision(Fixture.alice())).isSuccess();
    assertThat(github.accountByUserName("alice").orElseThrow().entitlementIds()).containsExactly("team:eng");
    assertThat(slack.accountByUserName("alice")).isPresent();
    assertThat(slack.calls(InMemoryConnector.Operation.LIST_ACCOUNTS)).isEmpty();

    // provisioning again finds the linked account and does nothing
    assertThat(usher.provision(Fixture.alice()).outcomes()).isEmpty();
  }

  @Test
  void managerReferenceResolvesToTheManagersAccountCreatedInTheSameRun() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    Usher usher = f.usher().application("slack", slack, Fixture.slackPolicy()
        .mapping(AttributeMapping.builder("manager").managerReference().build()).build()).build();
    f.users.add(Fixture.bob().toBuilder().managerId("alice").build());
    f.users.add(Fixture.alice());

    Plan plan = usher.plan();
    assertThat(plan.operation("slack/bob/update/deferred")).isPresent();
    assertThat(usher.apply(plan)).isSuccess();
    String aliceId = slack.accountByUserName("alice").orElseThrow().id();
    assertThat(slack.accountByUserName("bob").orElseThrow().attributes())
        .containsEntry("manager", AttributeValue.of(aliceId));
    assertThat(usher.plan()).hasNoOperations();
  }

  @Test
  void aMappingThatNoLongerYieldsAValueRemovesOnlyWhatUsherWrote() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    Usher usher = f.usher().application("slack", slack, Fixture.slackPolicy().build()).build();
    f.users.add(Fixture.alice());
    usher.reconcile();
    f.users.set(0, Fixture.alice().toBuilder().title(null).build());
    assertThat(usher.plan()).updates("slack", "alice", "title", null);
  }

  @Test
  void orphansAreReportedAndNeverTouchedByDefault() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    slack.seed(Fixture.account("slack", "ghost", "X99"));
    Usher usher = f.usher().application("slack", slack, Fixture.slackPolicy().build()).build();
    f.users.add(Fixture.alice());

    Plan plan = usher.plan();
    assertThat(plan).hasWarning(Warning.Kind.ORPHAN, "slack", "ghost").hasNoDisables().hasNoDeletes();
    assertThat(plan.situations().get("slack")).containsEntry(Situation.ORPHAN, 1).containsEntry(Situation.UNMATCHED, 1);
  }

  @Test
  void usersAreNeverGivenTheSameNewValueTwice() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    Usher usher = f.usher().application("slack", slack, Fixture.slackPolicy().build()).build();
    User twin = User.builder("alice2").userName("alice").email("alice2@example.com").build();
    f.users.add(Fixture.alice());
    f.users.add(twin);
    // Without selectUnique the second create clashes; the engine reports it instead of linking the twin to alice.
    ApplyResult result = usher.reconcile();
    assertThat(result).succeeded("slack/alice/create");
    assertThat(result.outcome("slack/alice2/create").orElseThrow().status())
        .isNotEqualTo(dev.usher.core.engine.OperationOutcome.Status.SUCCEEDED);
  }

  @Test
  void selectUniqueSkipsValuesTakenInTheApplicationAndEarlierInThePlan() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    Usher usher = f.usher().application("slack", slack, dev.usher.core.policy.Policy.builder("slack")
        .mapping(AttributeMapping.builder("userName")
            .expression("selectUnique(lower(\"{user.givenName}.{user.familyName}\"),"
                + " lower(\"{user.givenName}.{user.familyName}.{user.id}\"))")
            .applies(AttributeMapping.Applies.ON_CREATE).build())
        .map("externalId", User::id)
        .safety(Fixture.permissive()).build()).build();
    f.users.add(Fixture.alice().toBuilder().userName(null).build());
    f.users.add(User.builder("e2").givenName("Alice").familyName("Liddell").build());

    Plan plan = usher.plan();
    assertThat(plan).createsWith("slack", "alice", "userName", "alice.liddell")
        .createsWith("slack", "e2", "userName", "alice.liddell.e2");
    assertThat(usher.apply(plan)).isSuccess();

    f.users.add(User.builder("e3").givenName("Alice").familyName("Liddell").build());
    assertThat(usher.plan()).createsWith("slack", "e3", "userName", "alice.liddell.e3")
        .hasNoOperationsFor("slack", "alice").hasNoOperationsFor("slack", "e2");
  }
}
