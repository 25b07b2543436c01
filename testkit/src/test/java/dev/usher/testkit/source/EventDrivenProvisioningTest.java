package dev.usher.testkit.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.Usher;
import dev.usher.core.engine.ApplyResult;
import dev.usher.core.model.Account;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import dev.usher.core.source.ChangeDetector;
import dev.usher.core.source.ChangeSet;
import dev.usher.core.source.InMemorySnapshotStore;
import dev.usher.core.source.InMemoryUserSource;
import dev.usher.core.source.LifecycleEvent;
import dev.usher.core.source.UserSnapshot;
import dev.usher.core.source.UserSource;
import dev.usher.core.source.UserSourceException;
import dev.usher.testkit.InMemoryConnector;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventDrivenProvisioningTest {
  private final SourceFixture f = new SourceFixture();
  private final InMemoryUserSource hr = InMemoryUserSource.of("hr", SourceFixture.alice(), SourceFixture.bob());
  private final Usher usher = f.usher().userSource(hr).build();
  private final ChangeDetector detector = ChangeDetector.builder(new InMemorySnapshotStore())
      .clock(f.clock).maxLossShare(1.0).build();

  private List<InMemoryConnector> apps() {
    return List.of(f.slack, f.github, f.jira);
  }

  private static Account account(InMemoryConnector app, String userName) {
    return app.accountByUserName(userName).orElseThrow(() -> new AssertionError(userName + " has no account in " + app));
  }

  @Test
  void joinerGetsTheAccountsInScopeAtOnceAndNobodyElseIsLookedAt() {
    detector.detect(hr.snapshot());
    usher.reconcile();
    apps().forEach(InMemoryConnector::clearCalls);

    User carol = User.builder("carol").userName("carol").department("Finance").build();
    hr.put(carol);
    ChangeSet changes = detector.detect(hr.snapshot());
    assertThat(changes.joiners()).extracting(LifecycleEvent::userId).containsExactly("carol");

    ApplyResult result = usher.handle(changes);

    assertThat(result.isSuccess()).isTrue();
    assertThat(account(f.slack, "carol").entitlementIds()).containsExactly("grp-fin");
    assertThat(account(f.jira, "carol").entitlementIds()).containsExactly("grp-fin");
    assertThat(account(f.github, "carol").entitlementIds()).containsExactly("team:all");
    for (InMemoryConnector app : apps()) {
      assertThat(app.calls(InMemoryConnector.Operation.LIST_ACCOUNTS)).as("no listing in %s", app).isEmpty();
      assertThat(app.calls()).as("nothing sent about alice or bob to %s", app)
          .noneMatch(c -> c.arguments().contains("alice") || c.arguments().contains("bob"));
    }
  }

  @Test
  void eventDrivenLeaverLosesEveryAccountAndManagedGrantAcrossApplicationsInOneCall() {
    detector.detect(hr.snapshot());
    usher.reconcile();
    for (InMemoryConnector app : apps()) {
      assertThat(account(app, "alice").active()).isTrue();
      assertThat(account(app, "alice").entitlementIds()).isNotEmpty();
    }

    hr.remove("alice");
    ChangeSet changes = detector.detect(hr.snapshot());
    assertThat(changes.leavers()).extracting(LifecycleEvent::userId, LifecycleEvent::leaverReason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", LifecycleEvent.LeaverReason.DISAPPEARED));

    ApplyResult result = usher.handle(changes);

    assertThat(result.isSuccess()).isTrue();
    for (InMemoryConnector app : apps()) {
      Account gone = account(app, "alice");
      assertThat(gone.active()).as("alice active in %s", app).isFalse();
      assertThat(gone.entitlementIds()).as("alice's grants in %s", app).isEmpty();
      assertThat(account(app, "bob").active()).as("bob untouched in %s", app).isTrue();
    }
  }

  @Test
  void endDateLeaverFoundByTheClockIsOffboardedEverywhere() {
    hr.put(SourceFixture.alice().toBuilder().endDate(java.time.LocalDate.of(2026, 12, 3)).build());
    detector.detect(hr.snapshot());
    usher.reconcile();

    f.clock.advance(java.time.Duration.ofDays(1));
    ChangeSet changes = detector.detect(hr.snapshot());
    usher.handle(changes);

    assertThat(changes.leavers()).singleElement()
        .satisfies(e -> assertThat(e.leaverReason()).isEqualTo(LifecycleEvent.LeaverReason.END_DATE_PASSED));
    apps().forEach(app -> assertThat(account(app, "alice").active()).isFalse());
  }

  @Test
  void moverIsProvisionedAtOnce() {
    detector.detect(hr.snapshot());
    usher.reconcile();

    hr.put(SourceFixture.alice().toBuilder().department("Finance").build());
    usher.handle(detector.apply("hr", hr.changesSince("0")));

    assertThat(account(f.slack, "alice").entitlementIds()).containsExactly("grp-fin");
    assertThat(account(f.jira, "alice").entitlementIds()).containsExactly("grp-fin");
  }

  @Test
  void fullRunRefusesAnIncompleteSnapshotInsteadOfOffboardingEveryone() {
    usher.reconcile();
    UserSource broken = new UserSource() {
      @Override
      public String name() {
        return "hr";
      }

      @Override
      public UserSnapshot snapshot() {
        return new UserSnapshot("hr", List.of(SourceFixture.bob()), List.of(), false,
            new UserSourceException("page 2 timed out"), null);
      }
    };
    Usher fromBroken = f.usher().userSource(broken).build();

    assertThatThrownBy(fromBroken::plan).isInstanceOf(UserSourceException.class)
        .hasMessageContaining("refusing a full run: the snapshot of hr is incomplete: page 2 timed out");
    assertThat(account(f.slack, "alice").active()).isTrue();
  }

  @Test
  void offboardWorksWhenTheSourceCannotBeRead() {
    usher.reconcile();
    UserSource broken = new UserSource() {
      @Override
      public String name() {
        return "hr";
      }

      @Override
      public UserSnapshot snapshot() {
        return UserSnapshot.failed("hr", new UserSourceException("HR system down"));
      }
    };

    f.usher().userSource(broken).build().offboard("alice");

    apps().forEach(app -> assertThat(account(app, "alice").active()).isFalse());
  }

  @Test
  void fullRunKeepsAPersonWhoseRowTurnedBadAsTheyWereLastRead() {
    usher.reconcile();
    UserSnapshot good = hr.snapshot();
    UserSnapshot withBadRow = new UserSnapshot("hr", List.of(SourceFixture.bob()),
        List.of(new dev.usher.core.source.RowProblem("hr.csv", 2, "Hired", "expected a date", "alice")), true, null, null);
    UserSource flaky = new UserSource() {
      private int reads;

      @Override
      public String name() {
        return "hr";
      }

      @Override
      public UserSnapshot snapshot() {
        return reads++ == 0 ? good : withBadRow;
      }
    };
    Usher fromFlaky = f.usher().userSource(flaky).build();
    fromFlaky.plan();

    assertThat(fromFlaky.plan().operations()).isEmpty();

    Usher fresh = f.usher().userSource(flaky).build(); // never read alice well, but she has accounts
    assertThatThrownBy(fresh::plan).isInstanceOf(UserSourceException.class)
        .hasMessageContaining("has bad rows of [alice], who have accounts and were never read well");
    assertThat(Optional.of(account(f.slack, "alice").active())).contains(true);
  }

  @Test
  void terminatedStatusLeaverIsOffboardedWithoutAFullRun() {
    detector.detect(hr.snapshot());
    usher.reconcile();

    hr.put(SourceFixture.bob().toBuilder().status(UserStatus.TERMINATED).build());
    ChangeSet changes = detector.detect(hr.snapshot());
    usher.handle(changes);

    apps().forEach(app -> {
      assertThat(account(app, "bob").active()).isFalse();
      assertThat(account(app, "bob").entitlementIds()).isEmpty();
      assertThat(account(app, "alice").active()).isTrue();
    });
  }
}
