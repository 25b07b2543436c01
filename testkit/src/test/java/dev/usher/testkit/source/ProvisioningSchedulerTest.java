package dev.usher.testkit.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.Usher;
import dev.usher.core.model.Account;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import dev.usher.core.schedule.ProvisioningScheduler;
import dev.usher.core.schedule.RunProgress;
import dev.usher.core.schedule.RunProgress.Kind;
import dev.usher.core.schedule.RunProgress.Phase;
import dev.usher.core.source.ChangeDetector;
import dev.usher.core.source.InMemorySnapshotStore;
import dev.usher.core.source.InMemoryUserSource;
import dev.usher.core.source.UserSnapshot;
import dev.usher.core.source.UserSource;
import dev.usher.testkit.InMemoryConnector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ProvisioningSchedulerTest {
  private static final Duration FULL = Duration.ofHours(6);
  private static final Duration POLL = Duration.ofMinutes(5);

  private final SourceFixture f = new SourceFixture();
  private final InMemoryUserSource hr = InMemoryUserSource.of("hr", SourceFixture.alice(), SourceFixture.bob());
  private final Usher usher = f.usher().userSource(hr).build();
  private final ChangeDetector detector = ChangeDetector.builder(new InMemorySnapshotStore())
      .clock(f.clock).maxLossShare(0.5).build();
  private final FakeScheduler scheduler = new FakeScheduler();
  private final List<RunProgress> progress = new CopyOnWriteArrayList<>();

  private ProvisioningScheduler.Builder builder(UserSource source) {
    return ProvisioningScheduler.builder(usher, source, detector)
        .executor(scheduler)
        .fullReconciliationEvery(FULL)
        .pollChangesEvery(POLL)
        .progress(progress::add);
  }

  private static Account account(InMemoryConnector app, String userName) {
    return app.accountByUserName(userName).orElseThrow(() -> new AssertionError(userName + " has no account in " + app));
  }

  @Test
  void startRunsAFullReconciliationAtOnceAndReportsProgress() {
    ProvisioningScheduler s = builder(hr).build();

    s.start();
    scheduler.advance(Duration.ZERO);

    assertThat(account(f.slack, "alice").entitlementIds()).containsExactly("grp-eng");
    assertThat(account(f.github, "bob").active()).isTrue();
    assertThat(progress).extracting(RunProgress::kind).containsOnly(Kind.FULL_RECONCILIATION);
    assertThat(progress).extracting(RunProgress::phase)
        .containsExactly(Phase.STARTED, Phase.PLANNED, Phase.APPLYING, Phase.APPLYING, Phase.APPLYING, Phase.FINISHED);
    RunProgress planned = progress.get(1);
    assertThat(planned.peopleTotal()).isEqualTo(2);
    int ops = planned.operationsPlanned();
    assertThat(ops).isGreaterThanOrEqualTo(9); // 6 creates and at least 3 grants... across three applications
    assertThat(progress.get(2).operationsDone()).isPositive().isLessThan(ops);
    assertThat(progress.get(5)).isEqualTo(new RunProgress(Kind.FULL_RECONCILIATION, Phase.FINISHED, 2, 2, ops, ops, null));
  }

  @Test
  void changePollOffboardsALeaverWithinOnePollIntervalWithoutAFullRun() {
    ProvisioningScheduler s = builder(hr).build();
    s.start();
    scheduler.advance(Duration.ZERO);
    progress.clear();
    f.slack.clearCalls();

    hr.put(SourceFixture.alice().toBuilder().status(UserStatus.TERMINATED).build());
    scheduler.advance(POLL.minusSeconds(1));
    assertThat(account(f.slack, "alice").active()).as("not yet due").isTrue();
    scheduler.advance(Duration.ofSeconds(1));

    for (InMemoryConnector app : List.of(f.slack, f.github, f.jira)) {
      assertThat(account(app, "alice").active()).isFalse();
      assertThat(account(app, "alice").entitlementIds()).isEmpty();
    }
    assertThat(f.slack.calls(InMemoryConnector.Operation.LIST_ACCOUNTS)).as("a poll lists nothing").isEmpty();
    assertThat(progress).extracting(RunProgress::kind).containsOnly(Kind.CHANGE_POLL);
    RunProgress last = progress.get(progress.size() - 1);
    assertThat(last.phase()).isEqualTo(Phase.FINISHED);
    assertThat(last.peopleProcessed()).isEqualTo(1);
    assertThat(last.peopleTotal()).isEqualTo(1);
    assertThat(last.operationsDone()).isEqualTo(last.operationsPlanned()).isPositive();
  }

  @Test
  void pollingASourceWithoutAFeedDetectsChangesFromSnapshots() {
    UserSource noFeed = new UserSource() {
      @Override
      public String name() {
        return "hr";
      }

      @Override
      public UserSnapshot snapshot() {
        return UserSnapshot.of("hr", hr.snapshot().users());
      }
    };
    ProvisioningScheduler s = builder(noFeed).build();
    s.start();
    scheduler.advance(Duration.ZERO);

    hr.put(User.builder("carol").userName("carol").department("Engineering").build());
    scheduler.advance(POLL);

    assertThat(account(f.jira, "carol").entitlementIds()).containsExactly("grp-eng");
  }

  @Test
  void fullReconciliationRepeatsAfterItsPeriodAndRepairsDrift() {
    ProvisioningScheduler s = builder(hr).build();
    s.start();
    scheduler.advance(Duration.ZERO);
    String id = account(f.slack, "alice").id();
    f.slack.revoke(id, "grp-eng"); // someone removed the grant by hand

    scheduler.advance(FULL);

    assertThat(account(f.slack, "alice").entitlementIds()).containsExactly("grp-eng");
    assertThat(progress).filteredOn(p -> p.phase() == Phase.FINISHED && p.kind() == Kind.FULL_RECONCILIATION).hasSize(2);
  }

  @Test
  void stopCancelsEveryFutureRun() {
    ProvisioningScheduler s = builder(hr).build();
    s.start();
    scheduler.advance(Duration.ZERO);

    s.stop();
    hr.put(SourceFixture.alice().toBuilder().status(UserStatus.TERMINATED).build());
    progress.clear();
    scheduler.advance(FULL.multipliedBy(3));

    assertThat(scheduler.pending()).isZero();
    assertThat(progress).isEmpty();
    assertThat(account(f.slack, "alice").active()).isTrue();
    assertThat(s.isStopped()).isTrue();
  }

  @Test
  void stopDuringAFullRunFinishesTheApplicationInFlightAndAppliesNoMore() throws InterruptedException {
    List<ProvisioningScheduler> holder = new ArrayList<>();
    Consumer<RunProgress> stopOnFirstApply = p -> {
      progress.add(p);
      if (p.phase() == Phase.APPLYING) {
        holder.get(0).stop();
      }
    };
    ProvisioningScheduler s = builder(hr).progress(stopOnFirstApply).build();
    holder.add(s);

    s.start();
    scheduler.advance(Duration.ZERO);

    // Applications are applied in name order: github finished, jira and slack were not started.
    assertThat(f.github.accountByUserName("alice")).isPresent();
    assertThat(f.jira.accounts()).isEmpty();
    assertThat(f.slack.accounts()).isEmpty();
    RunProgress last = progress.get(progress.size() - 1);
    assertThat(last.phase()).isEqualTo(Phase.STOPPED);
    assertThat(last.operationsDone()).isPositive().isLessThan(last.operationsPlanned());
    assertThat(s.awaitIdle(Duration.ZERO)).isTrue();
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void runDueWhileAnotherIsInProgressIsSkipped() {
    List<RunProgress> nested = new ArrayList<>();
    List<ProvisioningScheduler> holder = new ArrayList<>();
    ProvisioningScheduler s = builder(hr).progress(p -> {
      if (p.phase() == Phase.PLANNED && nested.isEmpty()) {
        nested.add(holder.get(0).pollChanges());
      }
    }).build();
    holder.add(s);

    RunProgress full = s.runFullReconciliation();

    assertThat(full.phase()).isEqualTo(Phase.FINISHED);
    assertThat(nested).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(Kind.CHANGE_POLL);
      assertThat(p.phase()).isEqualTo(Phase.SKIPPED);
      assertThat(p.detail()).isEqualTo("another run is in progress");
    });
  }

  @Test
  void failingRunIsReportedAndTheScheduleGoesOn() {
    int[] reads = {0};
    UserSource flaky = new UserSource() {
      @Override
      public String name() {
        return "hr";
      }

      @Override
      public UserSnapshot snapshot() {
        if (reads[0]++ == 0) {
          throw new IllegalStateException("HR system unreachable");
        }
        return hr.snapshot();
      }
    };
    ProvisioningScheduler s = builder(flaky).build();
    s.start();

    scheduler.advance(Duration.ZERO);
    assertThat(progress.get(progress.size() - 1)).satisfies(p -> {
      assertThat(p.phase()).isEqualTo(Phase.FAILED);
      assertThat(p.detail()).isEqualTo("HR system unreachable");
    });

    scheduler.advance(POLL); // the poll finds no token yet, takes a snapshot, provisions the joiners
    assertThat(account(f.slack, "alice").active()).isTrue();
  }

  @Test
  void suspiciousSnapshotSkipsTheFullRunAndOffboardsNobody() {
    ProvisioningScheduler s = builder(hr).pollChangesEvery(Duration.ofDays(365)).build();
    s.start();
    scheduler.advance(Duration.ZERO);

    hr.remove("alice");
    hr.remove("bob"); // everyone gone: an export that went wrong
    scheduler.advance(FULL);

    RunProgress last = progress.get(progress.size() - 1);
    assertThat(last.phase()).isEqualTo(Phase.SKIPPED);
    assertThat(last.detail()).contains("suspicious snapshot: 2 of 2 active people");
    assertThat(account(f.slack, "alice").active()).isTrue();
    assertThat(account(f.slack, "bob").active()).isTrue();
  }

  @Test
  void startTwiceAndNothingToScheduleAreClearErrors() {
    ProvisioningScheduler s = builder(hr).build();
    s.start();
    assertThatThrownBy(s::start).isInstanceOf(IllegalStateException.class)
        .hasMessage("the scheduler was started already; build a new one to start again");
    assertThatThrownBy(() -> ProvisioningScheduler.builder(usher, hr, detector).executor(scheduler).build())
        .hasMessage("nothing to schedule: set fullReconciliationEvery and/or pollChangesEvery");
    assertThatThrownBy(() -> ProvisioningScheduler.builder(usher, hr, detector).pollChangesEvery(Duration.ZERO))
        .hasMessage("pollChangesEvery must be positive, was PT0S");
  }
}
