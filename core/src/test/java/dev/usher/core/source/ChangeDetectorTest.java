package dev.usher.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import dev.usher.core.source.LifecycleEvent.LeaverReason;
import dev.usher.core.source.LifecycleEvent.Type;
import dev.usher.core.store.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeDetectorTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T09:00:00Z"));
  private final InMemorySnapshotStore store = new InMemorySnapshotStore();
  private final ChangeDetector detector = ChangeDetector.builder(store).clock(clock).maxLossShare(0.5).build();

  private static User user(String id) {
    return User.builder(id).userName(id.toLowerCase()).department("Engineering").build();
  }

  private static UserSnapshot snapshot(User... users) {
    return UserSnapshot.of("hr", List.of(users));
  }

  @Test
  void firstSnapshotMakesEveryActivePersonAJoinerButNotTheTerminated() {
    ChangeSet changes = detector.detect(snapshot(user("A"), user("B"),
        user("C").toBuilder().status(UserStatus.TERMINATED).build()));

    assertThat(changes.events()).extracting(LifecycleEvent::type, LifecycleEvent::userId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Type.JOINER, "A"), org.assertj.core.groups.Tuple.tuple(Type.JOINER, "B"));
    assertThat(detector.detect(snapshot(user("A"), user("B"))).isEmpty()).isTrue();
  }

  @Test
  void moverCarriesExactlyTheAttributesThatChanged() {
    User a = user("A").toBuilder().attribute("level", 3).role("eng").build();
    detector.detect(snapshot(a, user("B")));

    User moved = a.toBuilder().department("Finance").attribute("level", 4).roles(List.of("fin")).build();
    ChangeSet changes = detector.detect(snapshot(moved, user("B")));

    assertThat(changes.movers()).singleElement().satisfies(e -> {
      assertThat(e.userId()).isEqualTo("A");
      assertThat(e.before()).isEqualTo(a);
      assertThat(e.after()).isEqualTo(moved);
      assertThat(e.changes()).containsExactly(
          new ChangedAttribute("department", AttributeValue.of("Engineering"), AttributeValue.of("Finance")),
          new ChangedAttribute("roles", AttributeValue.from(List.of("eng")), AttributeValue.from(List.of("fin"))),
          new ChangedAttribute("attributes.level", AttributeValue.of(3), AttributeValue.of(4)));
    });
    assertThat(changes.joiners()).isEmpty();
    assertThat(changes.leavers()).isEmpty();
  }

  @Test
  void terminatedStatusAndDisappearanceMakeLeaversWithTheirReason() {
    detector.detect(snapshot(user("A"), user("B"), user("C"), user("D")));

    ChangeSet changes = detector.detect(snapshot(user("A"),
        user("B").toBuilder().status(UserStatus.TERMINATED).build(), user("C")));

    assertThat(changes.leavers()).extracting(LifecycleEvent::userId, LifecycleEvent::leaverReason).containsExactly(
        org.assertj.core.groups.Tuple.tuple("B", LeaverReason.TERMINATED),
        org.assertj.core.groups.Tuple.tuple("D", LeaverReason.DISAPPEARED));
    assertThat(changes.leavers().get(1).after()).isNull();
    assertThat(changes.leavers().get(1).user()).isEqualTo(user("D"));
    assertThat(changes.suspicious()).isFalse();
    // A leaver is reported once.
    assertThat(detector.detect(snapshot(user("A"),
        user("B").toBuilder().status(UserStatus.TERMINATED).build(), user("C"))).isEmpty()).isTrue();
  }

  @Test
  void endDatePassingByTheClockMakesALeaverFromAnUnchangedSnapshot() {
    User a = user("A").toBuilder().endDate(LocalDate.of(2026, 12, 4)).build();
    UserSnapshot same = snapshot(a, user("B"));
    assertThat(detector.detect(same).joiners()).hasSize(2);

    clock.advance(Duration.ofDays(1)); // 2026-12-04: the last working day itself
    assertThat(detector.detect(same).isEmpty()).isTrue();

    clock.advance(Duration.ofDays(1)); // 2026-12-05: the end date has passed
    ChangeSet changes = detector.detect(same);

    assertThat(changes.leavers()).singleElement().satisfies(e -> {
      assertThat(e.userId()).isEqualTo("A");
      assertThat(e.leaverReason()).isEqualTo(LeaverReason.END_DATE_PASSED);
      assertThat(e.detectedAt()).isEqualTo(Instant.parse("2026-12-05T09:00:00Z"));
    });
  }

  @Test
  void rehiredPersonIsAJoinerAgain() {
    detector.detect(snapshot(user("A"), user("B")));
    detector.detect(snapshot(user("A"), user("B").toBuilder().status(UserStatus.TERMINATED).build()));

    ChangeSet changes = detector.detect(snapshot(user("A"), user("B")));

    assertThat(changes.joiners()).extracting(LifecycleEvent::userId).containsExactly("B");
  }

  @Test
  void snapshotLosingTooManyPeopleIsSuspiciousYieldsNoLeaversAndWarns() {
    ChangeDetector strictDetector = ChangeDetector.builder(store).clock(clock).maxLossShare(0.2).build();
    List<User> ten = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ten.add(user("U" + i));
    }
    strictDetector.detect(UserSnapshot.of("hr", ten));
    UserSnapshot shrunk = UserSnapshot.of("hr", ten.subList(0, 7)); // 3 of 10 gone: 30% > 20%

    ChangeSet changes = strictDetector.detect(shrunk);

    assertThat(changes.suspicious()).isTrue();
    assertThat(changes.leavers()).isEmpty();
    assertThat(changes.heldLeavers()).isEqualTo(3);
    assertThat(changes.warnings()).singleElement().asString()
        .contains("suspicious snapshot: 3 of 10 active people (30.0%) would leave, more than the allowed 20.0%");

    // The lost people are still remembered: the same snapshot stays suspicious, nothing is lost silently.
    assertThat(strictDetector.detect(shrunk).suspicious()).isTrue();
    // An operator accepts the loss: now they leave.
    ChangeSet accepted = strictDetector.detect(shrunk, true);
    assertThat(accepted.suspicious()).isFalse();
    assertThat(accepted.leavers()).extracting(LifecycleEvent::userId).containsExactly("U7", "U8", "U9");
  }

  @Test
  void emptyButCompleteSnapshotIsSuspicious() {
    detector.detect(snapshot(user("A"), user("B"), user("C")));

    ChangeSet changes = detector.detect(snapshot());

    assertThat(changes.suspicious()).isTrue();
    assertThat(changes.leavers()).isEmpty();
  }

  @Test
  void incompleteSnapshotMakesNobodyALeaverByDisappearance() {
    detector.detect(snapshot(user("A"), user("B"), user("C")));
    UserSnapshot partial = new UserSnapshot("hr", List.of(user("A"),
        user("C").toBuilder().status(UserStatus.TERMINATED).build()), List.of(), false,
        new UserSourceException("page 2 failed"), null);

    ChangeSet changes = detector.detect(partial);

    assertThat(changes.leavers()).extracting(LifecycleEvent::userId, LifecycleEvent::leaverReason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("C", LeaverReason.TERMINATED));
    assertThat(changes.warnings()).singleElement().asString()
        .contains("1 people missing from the snapshot are kept as they were, because the snapshot is incomplete");
    // B is still remembered: a complete snapshot without B makes B a leaver.
    assertThat(detector.detect(snapshot(user("A"))).leavers()).extracting(LifecycleEvent::userId).containsExactly("B");
  }

  @Test
  void personWithABadRowIsKeptAsTheyWereNotMadeALeaver(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("hr.csv");
    Files.writeString(file, "id,startDate\nA,2024-01-01\nB,2024-01-01\nC,2024-01-01\n");
    CsvUserSource source = CsvUserSource.of(file);
    detector.detect(source.snapshot());

    Files.writeString(file, "id,startDate\nA,2024-01-01\nB,not-a-date\nC,2024-01-01\n");
    ChangeSet changes = detector.detect(source.snapshot());

    assertThat(changes.isEmpty()).isTrue();
    assertThat(changes.warnings()).singleElement().asString().contains("kept as they were");

    // A bad row without an id could be anyone: nobody leaves by disappearance.
    Files.writeString(file, "id,startDate\nA,2024-01-01\n,2024-01-01\n");
    assertThat(detector.detect(source.snapshot()).leavers()).isEmpty();
  }

  @Test
  void changeFeedBatchYieldsEventsInTheOrderTheyHappened() {
    InMemoryUserSource source = InMemoryUserSource.of("feed", user("A"), user("B"));
    UserSnapshot first = source.snapshot();
    detector.detect(first);
    assertThat(detector.changeToken("feed")).contains(first.changeToken());

    source.put(user("C"));
    source.put(user("A").toBuilder().title("Boss").build());
    source.remove("B");
    source.put(user("C").toBuilder().status(UserStatus.TERMINATED).build());
    ChangeBatch batch = source.changesSince(detector.changeToken("feed").orElseThrow());
    ChangeSet changes = detector.apply("feed", batch);

    assertThat(changes.events()).extracting(LifecycleEvent::type, LifecycleEvent::userId).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Type.JOINER, "C"),
        org.assertj.core.groups.Tuple.tuple(Type.MOVER, "A"),
        org.assertj.core.groups.Tuple.tuple(Type.LEAVER, "B"),
        org.assertj.core.groups.Tuple.tuple(Type.LEAVER, "C"));
    assertThat(changes.events().get(1).changes()).extracting(ChangedAttribute::name).containsExactly("title");
    assertThat(detector.changeToken("feed")).contains("4");
    assertThat(source.changesSince("4").changes()).isEmpty();
    // The next full snapshot agrees with what the feed said: nothing new.
    assertThat(detector.detect(source.snapshot()).isEmpty()).isTrue();
  }

  @Test
  void unknownChangeTokenIsAClearError() {
    InMemoryUserSource source = InMemoryUserSource.of("feed", user("A"));
    assertThatThrownBy(() -> source.changesSince("99")).isInstanceOf(UserSourceException.class)
        .hasMessage("feed: unknown change token '99'");
  }

  @Test
  void maxLossShareOutsideZeroToOneIsRejected() {
    assertThatThrownBy(() -> ChangeDetector.builder(store).maxLossShare(1.5))
        .hasMessage("maxLossShare must be between 0 and 1, was 1.5");
  }
}
