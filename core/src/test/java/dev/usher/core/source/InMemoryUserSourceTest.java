package dev.usher.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.model.User;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryUserSourceTest {

  @Test
  void replaceAllRecordsOneChangePerPersonAddedChangedOrRemoved() {
    User a = User.builder("A").build();
    User b = User.builder("B").build();
    InMemoryUserSource source = InMemoryUserSource.of("hr", a, b);
    String token = source.snapshot().changeToken();

    source.replaceAll(List.of(a, b.toBuilder().title("x").build(), User.builder("C").build()));
    source.replaceAll(List.of(b.toBuilder().title("x").build(), User.builder("C").build()));

    ChangeBatch batch = source.changesSince(token);
    assertThat(batch.changes()).extracting(SourceChange::userId, SourceChange::isRemoval).containsExactly(
        org.assertj.core.groups.Tuple.tuple("B", false),
        org.assertj.core.groups.Tuple.tuple("C", false),
        org.assertj.core.groups.Tuple.tuple("A", true));
    assertThat(source.snapshot().users()).extracting(User::id).containsExactly("B", "C");
    assertThat(source.changesSince(null).changes()).as("null starts from now").isEmpty();
  }

  @Test
  void incompleteSnapshotMustSayWhy() {
    assertThatThrownBy(() -> new UserSnapshot("hr", List.of(), List.of(), false, null, null))
        .hasMessage("an incomplete snapshot needs the failure that stopped it");
  }

  @Test
  void changeForOnePersonCannotCarryAnother() {
    assertThatThrownBy(() -> new SourceChange("A", User.builder("B").build()))
        .hasMessage("change for 'A' carries user 'B'");
  }
}
