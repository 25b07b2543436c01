package dev.usher.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.Entitlement;
import dev.usher.core.model.EntitlementType;
import dev.usher.core.spi.AlreadyExistsException;
import dev.usher.core.spi.AttributeChange;
import dev.usher.core.spi.Capability;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.ConnectorRegistry;
import dev.usher.core.spi.PageRequest;
import dev.usher.core.spi.RateLimitedException;
import dev.usher.core.spi.TransientException;
import dev.usher.core.spi.UnsupportedCapabilityException;
import dev.usher.testkit.InMemoryConnector.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryConnectorTest {

  private static InMemoryConnector github() {
    return InMemoryConnector.builder("github")
        .entitlement(Entitlement.of(EntitlementType.TEAM, "eng", "Engineering"))
        .build();
  }

  @Test
  void failsTheNextCallsWithTheInjectedErrorThenRecovers() {
    InMemoryConnector c = github();
    c.failNext(Operation.CREATE, 2, o -> new RateLimitedException(o, 429, "slow down", Duration.ofSeconds(5), null));
    Account alice = Account.builder("github").userName("alice").build();
    assertThatThrownBy(() -> c.create(alice)).isInstanceOf(RateLimitedException.class)
        .hasMessageStartingWith("[in-memory/github create] 429: slow down");
    assertThatThrownBy(() -> c.create(alice)).isInstanceOf(RateLimitedException.class);
    assertThat(c.accounts()).isEmpty();
    assertThat(c.create(alice).id()).isEqualTo("acct-1");
    assertThat(c.calls(Operation.CREATE)).hasSize(3).allMatch(call -> call.arguments().equals("alice"));
  }

  @Test
  void aLostResponseAppliesTheChangeButReportsATransientFailure() {
    InMemoryConnector c = github();
    c.loseResponseOfNext(Operation.CREATE, 1);
    assertThatThrownBy(() -> c.create(Account.builder("github").userName("alice").build()))
        .isInstanceOfSatisfying(TransientException.class, e -> assertThat(e.mayHaveApplied()).isTrue());
    assertThat(c.accountByUserName("ALICE")).isPresent();
    assertThatThrownBy(() -> c.create(Account.builder("github").userName("alice").build()))
        .isInstanceOfSatisfying(AlreadyExistsException.class, e -> assertThat(e.existingId()).contains("acct-1"));
  }

  @Test
  void updatesMultiValuedAttributesElementByElement() {
    InMemoryConnector c = github();
    Account a = c.seed(Account.builder("github").userName("alice")
        .attribute("emails", List.of("a@x.com", "other@x.com")).build());
    Account after = c.update(a.id(), List.of(
        AttributeChange.add("emails", AttributeValue.of("new@x.com")),
        AttributeChange.remove("emails", AttributeValue.of("a@x.com")),
        AttributeChange.replace("title", AttributeValue.of("SRE")),
        AttributeChange.replace(Account.USER_NAME, AttributeValue.of("alice2"))));
    assertThat(after.attribute("emails")).contains(AttributeValue.from(List.of("other@x.com", "new@x.com")));
    assertThat(after.attribute("title")).contains(AttributeValue.of("SRE"));
    assertThat(after.userName()).isEqualTo("alice2");
    assertThat(c.find("emails", AttributeValue.of("NEW@x.com"))).extracting(Account::id).containsExactly(a.id());
  }

  @Test
  void missingCapabilityThrowsAndIsRecorded() {
    InMemoryConnector c = InMemoryConnector.builder("gh").without(Capability.DISABLE_ACCOUNT).build();
    Account a = c.seed(Account.builder("gh").userName("bob").build());
    assertThatThrownBy(() -> c.disable(a.id()))
        .isInstanceOfSatisfying(UnsupportedCapabilityException.class,
            e -> assertThat(e.capability()).isEqualTo(Capability.DISABLE_ACCOUNT))
        .hasMessageContaining("capability DISABLE_ACCOUNT is not supported");
    assertThat(c.account(a.id()).orElseThrow().active()).isTrue();
    assertThat(c.calls(Operation.DISABLE)).hasSize(1);
  }

  @Test
  void pagesAreCappedByMaxPageSize() {
    InMemoryConnector c = InMemoryConnector.builder("app").maxPageSize(2).build();
    for (int i = 0; i < 5; i++) {
      c.seed(Account.builder("app").userName("u" + i).build());
    }
    assertThat(c.listAccounts(PageRequest.first(100)).items()).hasSize(2);
  }

  @Test
  void isThreadSafeUnderConcurrentCreates() throws Exception {
    InMemoryConnector c = github();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        futures.add(pool.submit(() -> c.create(Account.builder("github").userName("user" + n).build())));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(c.accounts()).hasSize(200).extracting(Account::id).doesNotHaveDuplicates();
  }

  @Test
  void isFoundThroughTheRegistryAndConfiguredFromAMap() {
    ConnectorRegistry registry = ConnectorRegistry.discover();
    assertThat(registry.types()).contains("in-memory");
    Connector c = registry.open("in-memory", Map.of(
        "without", List.of("DISABLE_ACCOUNT"),
        "deleteIsSoft", true,
        "entitlements", List.of(Map.of("type", "team", "id", "eng", "displayName", "Engineering"))),
        ConnectorContext.of("github"));
    assertThat(c.capabilities().supports(Capability.DISABLE_ACCOUNT)).isFalse();
    assertThat(c.capabilities().deleteIsSoft()).isTrue();
    assertThat(c.getEntitlement("eng")).get().extracting(Entitlement::type).isEqualTo(EntitlementType.TEAM);
    assertThat(((InMemoryConnector) c).applicationId()).isEqualTo("github");
  }

  @Test
  void registryReportsBadInMemoryConfigByKey() {
    assertThatThrownBy(() -> ConnectorRegistry.discover().open("in-memory",
            Map.of("without", List.of("FLY")), ConnectorContext.of("x")))
        .hasMessageContaining("without[0]: expected one of CREATE_ACCOUNT");
  }
}
