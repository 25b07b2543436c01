package dev.usher.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usher.core.model.User;
import dev.usher.core.spi.Page;
import dev.usher.core.spi.PageRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagedUserSourceTest {

  @Test
  void walksEveryPageAndAsksWithTheNextToken() {
    List<PageRequest> asked = new ArrayList<>();
    UserSource source = UserSource.paged("dir", r -> {
      asked.add(r);
      return r.token() == null ? Page.of(List.of(User.builder("A").build()), "p2")
          : Page.last(List.of(User.builder("B").build()));
    });

    UserSnapshot s = source.snapshot();

    assertThat(s.complete()).isTrue();
    assertThat(s.users()).extracting(User::id).containsExactly("A", "B");
    assertThat(asked).extracting(PageRequest::token).containsExactly(null, "p2");
  }

  @Test
  void failingPageMarksTheSnapshotIncompleteWithTheFailure() {
    UserSource source = UserSource.paged("dir", r -> {
      if (r.token() == null) {
        return Page.of(List.of(User.builder("A").build()), "p2");
      }
      throw new IllegalStateException("503 from directory");
    });

    UserSnapshot s = source.snapshot();

    assertThat(s.complete()).isFalse();
    assertThat(s.users()).extracting(User::id).containsExactly("A");
    assertThat(s.failure()).hasMessageContaining("dir: page 2 could not be read: 503 from directory");
  }

  @Test
  void truncatedPageMarksTheSnapshotIncomplete() {
    UserSnapshot s = UserSource.paged("dir", r -> new Page<>(List.of(User.builder("A").build()), null, false)).snapshot();

    assertThat(s.complete()).isFalse();
    assertThat(s.failure()).hasMessageContaining("page 1 was truncated");
  }

  @Test
  void duplicateIdsAcrossPagesAreReportedAndNotLoaded() {
    UserSnapshot s = UserSource.paged("dir", r -> r.token() == null
        ? Page.of(List.of(User.builder("A").build(), User.builder("B").build()), "p2")
        : Page.last(List.of(User.builder("A").build()))).snapshot();

    assertThat(s.users()).extracting(User::id).containsExactly("B");
    assertThat(s.problems()).extracting(RowProblem::line).containsExactly(1L, 3L);
  }
}
