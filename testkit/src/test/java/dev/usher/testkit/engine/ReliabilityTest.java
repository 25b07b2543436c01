package dev.usher.testkit.engine;

import static dev.usher.testkit.UsherAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.usher.core.Usher;
import dev.usher.core.engine.ApplyResult;
import dev.usher.core.engine.OperationOutcome;
import dev.usher.core.engine.QuarantinePolicy;
import dev.usher.core.engine.RetryPolicy;
import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import dev.usher.core.plan.OperationType;
import dev.usher.core.plan.Plan;
import dev.usher.core.plan.Situation;
import dev.usher.core.plan.Warning;
import dev.usher.core.policy.Deprovisioning;
import dev.usher.core.policy.Safety;
import dev.usher.core.spi.Capability;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.InvalidRequestException;
import dev.usher.core.spi.Page;
import dev.usher.core.spi.RateLimitedException;
import dev.usher.core.spi.TransientException;
import dev.usher.core.store.Link;
import dev.usher.core.store.PendingOperation;
import dev.usher.testkit.InMemoryConnector;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Correlation, idempotent creates, retries, quarantine and the safety rules. */
class ReliabilityTest {
  final Fixture f = new Fixture();

  private Usher slackOnly(InMemoryConnector slack) {
    return f.usher().application("slack", slack, Fixture.slackPolicy().build()).build();
  }

  @Test
  void correlationLinksAnExistingAccountByEmailInsteadOfCreatingADuplicate() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    Account existing = slack.seed(Account.builder("slack").userName("alice.l")
        .attribute("email", "ALICE@example.com").build());
    Usher usher = slackOnly(slack);
    f.users.add(Fixture.alice());

    Plan plan = usher.plan();
    assertThat(plan).links("slack", "alice").doesNotCreate("slack", "alice")
        .updates("slack", "alice", "userName", "alice");
    assertThat(plan.situations().get("slack")).containsEntry(Situation.UNLINKED, 1);
    assertThat(usher.apply(plan)).isSuccess();

    assertThat(slack.accounts()).hasSize(1);
    assertThat(slack.calls(InMemoryConnector.Operation.CREATE)).isEmpty();
    assertThat(f.store.link("acme", "slack", "alice").orElseThrow().accountId()).isEqualTo(existing.id());
    assertThat(usher.plan()).hasNoOperations();
  }

  @Test
  void twoCandidatesAreDisputedAndNothingIsDone() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    slack.seed(Account.builder("slack").userName("a1").attribute("email", "alice@example.com").build());
    slack.seed(Account.builder("slack").userName("a2").attribute("email", "alice@example.com").build());
    Usher usher = slackOnly(slack);
    f.users.add(Fixture.alice());

    Plan plan = usher.plan();
    assertThat(plan).hasNoOperationsFor("slack", "alice").hasWarning(Warning.Kind.DISPUTED, "slack", "2 accounts match");
    assertThat(plan.situations().get("slack")).containsEntry(Situation.DISPUTED, 1).doesNotContainKey(Situation.ORPHAN);
  }

  @Test
  void alreadyExistsOnCreateLinksTheExistingAccountAndUpdatesIt() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    Usher usher = slackOnly(slack);
    f.users.add(Fixture.alice());
    Plan plan = usher.plan();
    assertThat(plan).creates("slack", "alice");
    // someone creates the account between plan and apply
    Account sneaky = slack.seed(Account.builder("slack").userName("alice").attribute("title", "Intern").build());

    ApplyResult result = usher.apply(plan);
    assertThat(result).succeeded("slack/alice/create", "already exists").succeeded("slack/alice/grant/grp-eng");
    assertThat(slack.accounts()).hasSize(1);
    Account now = slack.account(sneaky.id()).orElseThrow();
    assertThat(now.attributes()).containsEntry("title", AttributeValue.of("SRE"));
    assertThat(now.externalId()).isEqualTo("alice");
    assertThat(now.entitlementIds()).containsExactly("grp-eng");
    assertThat(f.store.link("acme", "slack", "alice").orElseThrow().accountId()).isEqualTo(sneaky.id());
  }

  @Test
  void aCreateWhoseResponseIsLostIsLookedUpAndNeverDuplicated() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    slack.loseResponseOfNext(InMemoryConnector.Operation.CREATE, 1);
    Usher usher = slackOnly(slack);
    f.users.add(Fixture.alice());

    ApplyResult result = usher.reconcile();
    assertThat(result).isSuccess().succeeded("slack/alice/create", "linked");
    assertThat(slack.accounts()).hasSize(1);
    assertThat(slack.calls(InMemoryConnector.Operation.CREATE)).hasSize(1);
    assertThat(slack.calls(InMemoryConnector.Operation.FIND)).isNotEmpty();
    assertThat(f.store.pending("acme")).isEmpty();
  }

  @Test
  void aCreateLeftPendingByACrashedRunIsLookedUpBeforeItIsSentAgain() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    // The crashed run sent the create (the account exists) but never recorded the link.
    slack.seed(Account.builder("slack").userName("alice").externalId("alice").build());
    f.store.beginPending("acme", new PendingOperation("old-run/slack/alice/create", "slack",
        "slack/alice/create", OperationType.CREATE, "alice", null, f.clock.instant()));
    // A policy without correlation: only the journal can tell the account is hers.
    Usher usher = f.usher().application("slack", slack, Fixture.slackPolicy()
        .correlation(List.of()).build()).build();
    f.users.add(Fixture.alice());

    assertThat(usher.plan()).creates("slack", "alice");
    ApplyResult result = usher.reconcile();
    assertThat(result).succeeded("slack/alice/create", "interrupted run");
    assertThat(slack.calls(InMemoryConnector.Operation.CREATE)).isEmpty();
    assertThat(slack.accounts()).hasSize(1);
    assertThat(f.store.pending("acme")).isEmpty();
  }

  @Test
  void theFirstCallResolvesACreateLeftPendingAfterItsLinkWasSavedWithoutSendingAnything() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    // The crashed run created the account and saved the link, but died before completing the entry.
    Account created = slack.seed(Account.builder("slack").userName("alice").externalId("alice").build());
    f.store.saveLink("acme", Link.of("slack", "alice", created.requireId(), f.clock.instant()));
    f.store.beginPending("acme", new PendingOperation("old-run/slack/alice/create", "slack",
        "slack/alice/create", OperationType.CREATE, "alice", null, f.clock.instant()));
    Usher usher = slackOnly(slack);
    f.users.add(Fixture.alice());

    Plan plan = usher.plan();

    assertThat(f.store.pending("acme")).isEmpty();
    assertThat(slack.calls(InMemoryConnector.Operation.GET)).extracting(InMemoryConnector.Call::arguments)
        .anySatisfy(a -> assertThat(a).contains(created.requireId()));
    assertThat(plan.operations()).noneMatch(op -> op.type() == OperationType.CREATE);
    assertThat(slack.calls(InMemoryConnector.Operation.CREATE)).isEmpty();
    assertThat(usher.recover().resolved()).isEmpty(); // nothing left to resolve
  }

  @Test
  void aCreateLeftPendingWithoutALinkIsLinkedOnTheFirstCallAndLeavesTheJournalEmpty() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    // The crashed run sent the create (the account exists) but never recorded the link.
    Account created = slack.seed(Account.builder("slack").userName("alice").externalId("alice").build());
    f.store.beginPending("acme", new PendingOperation("old-run/slack/alice/create", "slack",
        "slack/alice/create", OperationType.CREATE, "alice", null, f.clock.instant()));
    Usher usher = slackOnly(slack); // its policy correlates by userName: the plan links, not creates

    ApplyResult result = usher.provision(Fixture.alice());

    assertThat(result).isSuccess();
    assertThat(slack.calls(InMemoryConnector.Operation.CREATE)).isEmpty();
    assertThat(f.store.link("acme", "slack", "alice")).get().extracting(Link::accountId).isEqualTo(created.requireId());
    assertThat(f.store.pending("acme")).isEmpty();
  }

  @Test
  void recoverReportsWhatItResolvedAndWhatItCouldNot() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    Account bob = slack.seed(Account.builder("slack").userName("bob").externalId("bob").build());
    f.store.beginPending("acme", new PendingOperation("old-run/slack/bob/disable", "slack",
        "slack/bob/disable", OperationType.DISABLE, "bob", bob.requireId(), f.clock.instant()));
    f.store.beginPending("acme", new PendingOperation("old-run/slack/alice/create", "slack",
        "slack/alice/create", OperationType.CREATE, "alice", null, f.clock.instant()));
    Usher usher = slackOnly(slack);

    var report = usher.recover();

    assertThat(report.resolved()).extracting(r -> r.entry().id()).containsExactly("old-run/slack/bob/disable");
    assertThat(report.stillPending()).extracting(r -> r.entry().id()).containsExactly("old-run/slack/alice/create");
    assertThat(f.store.pending("acme")).extracting(PendingOperation::id).containsExactly("old-run/slack/alice/create");
  }

  @Test
  void retriesWaitWithBackoffAndNeverSoonerThanRetryAfter() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    slack.failNext(InMemoryConnector.Operation.CREATE, 2,
        origin -> new RateLimitedException(origin, 429, "slow down", Duration.ofSeconds(30), "0/100"));
    Usher usher = slackOnly(slack);
    f.users.add(Fixture.alice());

    ApplyResult result = usher.reconcile();
    assertThat(result).isSuccess();
    assertThat(result.outcome("slack/alice/create").orElseThrow().attempts()).isEqualTo(3);
    // jitter 0.5 of a 200 ms / 400 ms cap would be 100 / 200 ms; Retry-After wins
    assertThat(f.waits).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(30));
  }

  @Test
  void transientFailuresBackOffExponentiallyWithJitterAndGiveUpAsRetryable() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    slack.failNext(InMemoryConnector.Operation.CREATE, 10,
        origin -> new TransientException(origin, 503, "unavailable", null, false));
    Usher usher = f.usher().application("slack", slack, Fixture.slackPolicy().build())
        .retryPolicy(RetryPolicy.defaults().withMaxAttempts(4).withBackoff(Duration.ofMillis(100), Duration.ofSeconds(10)))
        .build();
    f.users.add(Fixture.alice());

    ApplyResult result = usher.reconcile();
    OperationOutcome create = result.outcome("slack/alice/create").orElseThrow();
    assertThat(create.status()).isEqualTo(OperationOutcome.Status.FAILED);
    assertThat(create.retryable()).isTrue();
    assertThat(create.attempts()).isEqualTo(4);
    assertThat(f.waits).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(result).skipped("slack/alice/grant/grp-eng", "not created or linked");
  }

  @Test
  void anApplicationIsQuarantinedOnceItsFailureRatioIsCrossed() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    slack.failNext(InMemoryConnector.Operation.CREATE, 100,
        origin -> new InvalidRequestException(origin, 400, "bad request", "invalidValue"));
    Usher usher = f.usher().application("slack", slack, Fixture.slackPolicy().build())
        .quarantinePolicy(new QuarantinePolicy(0.5, 3)).concurrencyPerApplication(1).build();
    for (int i = 0; i < 6; i++) {
      f.users.add(User.builder("u" + i).userName("user" + i).department("Sales").build());
    }

    ApplyResult result = usher.reconcile();
    assertThat(result).quarantined("slack").failed("slack/u0/create", "bad request")
        .skipped("slack/u5/create", "quarantined");
    assertThat(result.failed()).hasSize(3);
    assertThat(slack.calls(InMemoryConnector.Operation.CREATE)).hasSize(3);
  }

  @Test
  void anIncompleteListingNeverYieldsDeletesOrDisables() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    Usher first = slackOnly(slack);
    f.users.add(Fixture.alice());
    first.reconcile();
    f.users.set(0, Fixture.alice().toBuilder().status(UserStatus.TERMINATED).build());

    Connector incomplete = incompleteListing(slack);
    Usher usher = f.usher().application("slack", incomplete, Fixture.slackPolicy()
        .deprovisioning(Deprovisioning.builder().onTerminated(Deprovisioning.Action.DELETE).build()).build()).build();
    Plan plan = usher.plan();
    assertThat(plan).hasNoDeletes().hasNoDisables()
        .hasWarning(Warning.Kind.INCOMPLETE_LISTING, "slack", "listing was incomplete")
        .hasWarning(Warning.Kind.INCOMPLETE_LISTING, "slack", "delete not planned");
  }

  @Test
  void deprovisioningBeyondTheThresholdIsStagedAndRunsOnlyWhenApproved() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    Usher usher = f.usher().application("slack", slack, Fixture.slackPolicy()
        .safety(Safety.builder().maxDeprovisionCount(1).maxDeprovisionPercent(100).build()).build()).build();
    for (int i = 0; i < 3; i++) {
      f.users.add(User.builder("u" + i).userName("user" + i).department("Engineering").build());
    }
    usher.reconcile();
    f.users.replaceAll(u -> u.toBuilder().status(UserStatus.TERMINATED).build());

    Plan plan = usher.plan();
    assertThat(plan).hasNoDisables().stages("slack", "u0", OperationType.DISABLE)
        .stages("slack", "u0", OperationType.REVOKE)
        .hasWarning(Warning.Kind.THRESHOLD, "slack", "3 deletes and disables");
    assertThat(usher.apply(plan)).isSuccess();
    assertThat(slack.accounts()).allMatch(Account::active);
    assertThat(usher.staged()).hasSize(6);

    ApplyResult approved = usher.approve(List.of("slack/u0/disable", "slack/u0/revoke/grp-eng"));
    assertThat(approved).isSuccess();
    assertThat(slack.accountByUserName("user0").orElseThrow().active()).isFalse();
    assertThat(slack.accountByUserName("user1").orElseThrow().active()).isTrue();
    assertThat(usher.staged()).hasSize(4);
  }

  @Test
  void aShrunkenSourceStagesTheDeprovisioningOfOrphans() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    Usher usher = f.usher().application("slack", slack, Fixture.slackPolicy()
        .orphans(dev.usher.core.policy.Orphans.builder().action(dev.usher.core.policy.Orphans.Action.DELETE).build())
        .build()).build();
    for (int i = 0; i < 4; i++) {
      f.users.add(User.builder("u" + i).userName("user" + i).build());
    }
    usher.reconcile();
    f.users.subList(1, 4).clear(); // an HR export that lost three quarters of the company

    Plan plan = usher.plan();
    assertThat(plan).hasNoDeletes().stages("slack", "account:" + slack.accountByUserName("user1").orElseThrow().id(),
        OperationType.DELETE).hasWarning(Warning.Kind.SOURCE_SHRINK, "slack", "shrank by 75.0%");
  }

  @Test
  void aMissingDisableCapabilityIsSkippedWithItsReason() {
    InMemoryConnector github = Fixture.githubConnector().without(Capability.DISABLE_ACCOUNT).build();
    Usher usher = f.usher().application("github", github, Fixture.githubPolicy().build()).build();
    f.users.add(Fixture.alice());
    usher.reconcile();
    f.users.set(0, Fixture.alice().toBuilder().status(UserStatus.TERMINATED).build());

    ApplyResult result = usher.reconcile();
    assertThat(result).succeeded("github/alice/revoke/team:eng")
        .skipped("github/alice/disable", "DISABLE_ACCOUNT");
    assertThat(github.accountByUserName("alice")).isPresent();
  }

  @Test
  void aMissingDisableCapabilityFallsBackToDeleteWhenThePolicyAllowsRemoval() {
    InMemoryConnector github = Fixture.githubConnector().without(Capability.DISABLE_ACCOUNT).build();
    Usher usher = f.usher().application("github", github, Fixture.githubPolicy()
        .deprovisioning(Deprovisioning.builder().onTerminated(Deprovisioning.Action.DISABLE_THEN_DELETE).build())
        .build()).build();
    f.users.add(Fixture.alice());
    usher.reconcile();
    f.users.set(0, Fixture.alice().toBuilder().status(UserStatus.TERMINATED).build());

    ApplyResult result = usher.reconcile();
    assertThat(result).succeeded("github/alice/disable", "fell back to delete");
    assertThat(github.accounts()).isEmpty();
    assertThat(github.calls(InMemoryConnector.Operation.DELETE)).hasSize(1);
  }

  @Test
  void aFailedRevokeDoesNotStopTheLeaversDisable() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    Usher usher = slackOnly(slack);
    f.users.add(Fixture.alice());
    usher.reconcile();
    f.users.set(0, Fixture.alice().toBuilder().status(UserStatus.TERMINATED).build());
    slack.failNext(InMemoryConnector.Operation.REVOKE, 1,
        origin -> new dev.usher.core.spi.ForbiddenException(origin, 403, "group is locked"));

    ApplyResult result = usher.reconcile();
    assertThat(result).failed("slack/alice/revoke/grp-eng", "group is locked").succeeded("slack/alice/disable");
    assertThat(slack.accountByUserName("alice").orElseThrow().active()).isFalse();
  }

  @Test
  void disablingAnAccountThatIsAlreadyGoneCountsAsSuccess() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    Usher usher = slackOnly(slack);
    f.users.add(Fixture.alice());
    usher.reconcile();
    f.users.set(0, Fixture.alice().toBuilder().status(UserStatus.TERMINATED).build());
    Plan plan = usher.plan();
    slack.delete(slack.accountByUserName("alice").orElseThrow().id());

    assertThat(usher.apply(plan)).succeeded("slack/alice/disable", "already gone");
  }

  @Test
  void aLinkedAccountThatVanishedIsRecreatedWhileTheUserIsInScope() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    Usher usher = slackOnly(slack);
    f.users.add(Fixture.alice());
    usher.reconcile();
    slack.delete(slack.accountByUserName("alice").orElseThrow().id());

    Plan plan = usher.plan();
    assertThat(plan).creates("slack", "alice");
    assertThat(plan.situations().get("slack")).containsEntry(Situation.DELETED, 1);
    assertThat(usher.apply(plan)).isSuccess();
    assertThat(f.store.link("acme", "slack", "alice").orElseThrow().accountId())
        .isEqualTo(slack.accountByUserName("alice").orElseThrow().id());
  }

  @Test
  void accountsExcludedByPolicyAreNeverTouchedEvenAsOrphansOrWhenLinked() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    slack.seed(Fixture.account("slack", "svc-deploy", "SVC1"));
    slack.seed(Account.builder("slack").userName("svc-alice").externalId("alice").attribute("title", "Robot").build());
    Usher usher = f.usher().application("slack", slack, Fixture.slackPolicy()
        .orphans(dev.usher.core.policy.Orphans.builder().action(dev.usher.core.policy.Orphans.Action.DELETE)
            .exclude(a -> a.userName() != null && a.userName().startsWith("svc-")).build())
        .build()).build();
    f.users.add(Fixture.alice());

    Plan plan = usher.plan();
    // alice's only match is excluded: she gets her own account; the service accounts are left alone
    assertThat(plan).creates("slack", "alice").hasNoDeletes().hasNoDisables().doesNotUpdate("slack", "alice");
    assertThat(plan.operations()).noneMatch(o -> o.accountId() != null && o.accountId().equals(
        slack.accountByUserName("svc-deploy").orElseThrow().id()));
    // the create clashes with the excluded account (same externalId): it is reported, never adopted
    assertThat(usher.apply(plan)).failed("slack/alice/create", "no single account matches");
    assertThat(slack.accountByUserName("svc-alice").orElseThrow().attributes()).containsEntry("title", AttributeValue.of("Robot"));
    assertThat(f.store.link("acme", "slack", "alice")).isEmpty();
  }

  @Test
  void aRuleNamingAnEntitlementTheApplicationDoesNotOfferIsAWarning() {
    InMemoryConnector slack = InMemoryConnector.builder("slack").entitlement(Fixture.ENG).build();
    Usher usher = slackOnly(slack);
    f.users.add(Fixture.bob());
    assertThat(usher.plan()).creates("slack", "bob").doesNotGrant("slack", "bob", "grp-fin")
        .hasWarning(Warning.Kind.UNKNOWN_ENTITLEMENT, "slack", "rule finance-group names entitlement group:grp-fin");
  }

  /** The connector, except that its account listing says it is incomplete. */
  static Connector incompleteListing(Connector delegate) {
    return (Connector) Proxy.newProxyInstance(Connector.class.getClassLoader(), new Class<?>[] {Connector.class},
        (proxy, method, args) -> {
          try {
            Object out = method.invoke(delegate, args);
            if (method.getName().equals("listAccounts")) {
              Page<?> p = (Page<?>) out;
              return new Page<>(p.items(), p.nextToken(), false);
            }
            return out;
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
