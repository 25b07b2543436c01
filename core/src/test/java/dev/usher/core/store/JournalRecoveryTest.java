package dev.usher.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.usher.core.model.Account;
import dev.usher.core.plan.OperationType;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorException;
import dev.usher.core.spi.TransientException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JournalRecoveryTest {
  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final Connector github = mock(Connector.class);

  private static PendingOperation entry(String id, OperationType type, String user, String account) {
    return new PendingOperation(id, "github", "github/" + user + "/" + type.label(), type, user, account, T0);
  }

  @Test
  void completesACreateWhoseAccountWasCreatedAndLinked() {
    store.beginPending("acme", entry("r/1", OperationType.CREATE, "E1", null));
    store.saveLink("acme", Link.of("github", "E1", "42", T0));
    when(github.get("42")).thenReturn(Optional.of(Account.builder("github").id("42").build()));

    JournalRecovery.Report report = JournalRecovery.resolve(store, "acme", Map.of("github", github));

    assertThat(report.resolved()).singleElement().satisfies(r -> assertThat(r.why()).contains("linked to account '42'"));
    assertThat(store.pending("acme")).isEmpty();
  }

  @Test
  void keepsACreateNotKnownToHaveHappenedForTheNextApplyToLookUp() {
    store.beginPending("acme", entry("r/1", OperationType.CREATE, "E1", null));
    store.saveLink("acme", Link.of("github", "E1", "gone", T0));
    when(github.get(anyString())).thenReturn(Optional.empty());

    JournalRecovery.Report report = JournalRecovery.resolve(store, "acme", Map.of("github", github));

    assertThat(report.stillPending()).singleElement().satisfies(r -> assertThat(r.why()).contains("looks the account up"));
    assertThat(store.pending("acme")).hasSize(1);
  }

  @Test
  void completesConvergingOperationsOnceTheApplicationAnswers() {
    store.beginPending("acme", entry("r/1", OperationType.DISABLE, "E1", "42"));
    store.beginPending("acme", entry("r/2", OperationType.LINK, "E2", "43"));
    when(github.get("42")).thenReturn(Optional.empty());

    JournalRecovery.Report report = JournalRecovery.resolve(store, "acme", Map.of("github", github));

    assertThat(report.resolved()).hasSize(2);
    assertThat(report.resolved().get(0).why()).contains("disable converges", "is gone");
    assertThat(store.pending("acme")).isEmpty();
  }

  @Test
  void keepsEntriesOfApplicationsItCannotReadBack() {
    store.beginPending("acme", entry("r/1", OperationType.DISABLE, "E1", "42"));
    store.beginPending("acme", new PendingOperation("r/2", "slack", "slack/E1/disable", OperationType.DISABLE,
        "E1", "7", T0));
    when(github.get("42")).thenThrow(new TransientException(
        new ConnectorException.Origin("scim", "github", "get"), "503 from the application", null));

    JournalRecovery.Report report = JournalRecovery.resolve(store, "acme", Map.of("github", github));

    assertThat(report.stillPending()).extracting(JournalRecovery.Resolution::why)
        .anySatisfy(w -> assertThat(w).contains("could not read back", "503"))
        .anySatisfy(w -> assertThat(w).contains("no connector for application 'slack'"));
    assertThat(store.pending("acme")).hasSize(2);
  }
}
