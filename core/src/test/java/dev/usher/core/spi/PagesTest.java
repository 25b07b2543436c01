package dev.usher.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PagesTest {
  private static final ConnectorException.Origin ORIGIN = new ConnectorException.Origin("t", "app", "listAccounts");

  @Test
  void readsEveryPageInOrder() {
    Listing<String> all = Pages.readAll(r -> {
      if (r.token() == null) {
        return Page.of(List.of("a", "b"), "p2");
      }
      return r.token().equals("p2") ? Page.of(List.of("c", "d"), "p3") : Page.last(List.of("e"));
    }, 2, ORIGIN);
    assertThat(all.items()).containsExactly("a", "b", "c", "d", "e");
    assertThat(all.complete()).isTrue();
    assertThat(all.failureCause()).isEmpty();
  }

  @Test
  void aRepeatedTokenFailsInsteadOfLoopingForever() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> Pages.readAll(r -> {
      calls.incrementAndGet();
      return Page.of(List.of("x"), r.token() == null ? "A" : r.token().equals("A") ? "B" : "A");
    }, 1, ORIGIN))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("paging token 'A' came back again after 3 pages")
        .hasMessageStartingWith("[t/app listAccounts]");
    assertThat(calls).hasValue(3);
  }

  @Test
  void aTransientFailureAfterTheFirstPageMarksTheListingIncomplete() {
    TransientException boom = new TransientException(ORIGIN, "connection reset", null);
    Listing<String> all = Pages.readAll(r -> {
      if (r.token() == null) {
        return Page.of(List.of("a"), "p2");
      }
      throw boom;
    }, 1, ORIGIN);
    assertThat(all.items()).containsExactly("a");
    assertThat(all.complete()).isFalse();
    assertThat(all.failureCause()).containsSame(boom);
  }

  @Test
  void aTruncatedPageMarksTheListingIncomplete() {
    Listing<String> all = Pages.readAll(r -> new Page<>(List.of("a"), null, false), 1, ORIGIN);
    assertThat(all.complete()).isFalse();
  }

  @Test
  void failuresOnTheFirstPageOrPermanentOnesAreThrown() {
    assertThatThrownBy(() -> Pages.readAll(r -> {
      throw new TransientException(ORIGIN, "down", null);
    }, 1, ORIGIN)).isInstanceOf(TransientException.class);
    assertThatThrownBy(() -> Pages.readAll(r -> {
      if (r.token() == null) {
        return Page.of(List.of("a"), "p2");
      }
      throw new UnauthorizedException(ORIGIN, "token revoked");
    }, 1, ORIGIN)).isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void pageRequestRejectsNonPositiveSizes() {
    assertThatThrownBy(() -> PageRequest.first(0)).hasMessage("page size must be at least 1, was 0");
  }
}
