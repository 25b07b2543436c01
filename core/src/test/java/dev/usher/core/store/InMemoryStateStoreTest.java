package dev.usher.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usher.core.model.AttributeValue;
import dev.usher.core.plan.Operation;
import dev.usher.core.plan.OperationType;
import dev.usher.core.plan.Reason;
import dev.usher.core.plan.Situation;
import dev.usher.core.plan.StagedOperation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryStateStoreTest {
  final InMemoryStateStore store = new InMemoryStateStore();
  final Instant t0 = Instant.parse("2026-12-03T09:00:00Z");

  @Test
  void linksAreKeptPerTenantAndApplicationAndFoundByAccount() {
    store.saveLink("acme", Link.of("github", "E1", "42", t0));
    assertThat(store.link("acme", "github", "E1")).map(Link::accountId).hasValue("42");
    assertThat(store.link("globex", "github", "E1")).isEmpty();
    assertThat(store.link("acme", "slack", "E1")).isEmpty();
    assertThat(store.linkOfAccount("acme", "github", "42")).map(Link::userId).hasValue("E1");
    assertThat(store.linkOfAccount("globex", "github", "42")).isEmpty();

    store.saveLink("acme", Link.of("github", "E1", "43", t0));
    assertThat(store.linkOfAccount("acme", "github", "42")).isEmpty();
    assertThat(store.links("acme", "github")).containsOnlyKeys("E1");
    store.removeLink("acme", "github", "E1");
    assertThat(store.linkOfAccount("acme", "github", "43")).isEmpty();
    assertThat(store.links("acme", "github")).isEmpty();
  }

  @Test
  void aLinkCarriesWhenItWasDisabledAndWhatWasLastApplied() {
    Link l = Link.of("github", "E1", "42", t0).withDisabledAt(t0.plusSeconds(60))
        .withLastApplied(Map.of("title", AttributeValue.of("SRE")));
    store.saveLink("acme", l);
    Link back = store.link("acme", "github", "E1").orElseThrow();
    assertThat(back.disabledAt()).isEqualTo(t0.plusSeconds(60));
    assertThat(back.lastApplied()).containsEntry("title", AttributeValue.of("SRE"));
  }

  @Test
  void stagedOperationsAreReplacedByIdAndRemovedWhenDone() {
    Operation op = Operation.delete("github", "E1", "42", null, new Reason(Situation.LINKED, null, "leaver"));
    store.saveStaged("acme", List.of(new StagedOperation(op, "threshold")));
    store.saveStaged("acme", List.of(new StagedOperation(op, "threshold again")));
    assertThat(store.staged("acme")).extracting(StagedOperation::why).containsExactly("threshold again");
    assertThat(store.staged("globex")).isEmpty();
    store.removeStaged("acme", List.of(op.id()));
    assertThat(store.staged("acme")).isEmpty();
  }

  @Test
  void theJournalKeepsPendingOperationsUntilCompletedOldestFirst() {
    store.beginPending("acme", new PendingOperation("b", "github", "github/E2/create", OperationType.CREATE, "E2", null, t0.plusSeconds(1)));
    store.beginPending("acme", new PendingOperation("a", "github", "github/E1/create", OperationType.CREATE, "E1", null, t0));
    assertThat(store.pending("acme")).extracting(PendingOperation::id).containsExactly("a", "b");
    store.completePending("acme", "a");
    assertThat(store.pending("acme")).extracting(PendingOperation::id).containsExactly("b");
    assertThat(store.pending("globex")).isEmpty();
  }

  @Test
  void sourceSizeIsRememberedPerTenant() {
    assertThat(store.lastSourceSize("acme")).isEmpty();
    store.saveSourceSize("acme", 120);
    assertThat(store.lastSourceSize("acme")).hasValue(120);
    assertThat(store.lastSourceSize("globex")).isEmpty();
  }
}
