package dev.usher.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.Entitlement;
import dev.usher.core.model.EntitlementType;
import dev.usher.core.spi.AlreadyExistsException;
import dev.usher.core.spi.AttributeChange;
import dev.usher.core.spi.Capabilities;
import dev.usher.core.spi.Capability;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.Page;
import dev.usher.core.spi.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Proves the contract suite catches broken connectors, so passing it means something. */
class ContractSuiteCanFailTest {

  /**
   * Wraps a correct connector and breaks it the way real connectors break: duplicates are
   * accepted (no AlreadyExists), a second revoke fails, disable does nothing although claimed,
   * and the unclaimed LIST_MEMBERS silently returns nothing.
   */
  static final class BrokenConnector implements Connector {
    private final InMemoryConnector inner = InMemoryConnector.builder("contract")
        .entitlement(Entitlement.of(EntitlementType.GROUP, "g1", "One"))
        .entitlement(Entitlement.of(EntitlementType.GROUP, "g2", "Two"))
        .build();

    @Override public Capabilities capabilities() {
      return Capabilities.all().toBuilder().without(Capability.LIST_MEMBERS).build();
    }
    @Override public Account create(Account account) {
      try {
        return inner.create(account);
      } catch (AlreadyExistsException e) {
        return inner.seed(account.toBuilder().userName(account.userName() + "-dup").externalId(null).build());
      }
    }
    @Override public Optional<Account> get(String id) { return inner.get(id); }
    @Override public List<Account> find(String a, AttributeValue v) { return inner.find(a, v); }
    @Override public Page<Account> listAccounts(PageRequest r) { return inner.listAccounts(r); }
    @Override public Account update(String id, List<AttributeChange> c) { return inner.update(id, c); }
    @Override public void enable(String id) { inner.enable(id); }
    @Override public void disable(String id) { /* claimed but ignored */ }
    @Override public void delete(String id) { inner.delete(id); }
    @Override public Page<Entitlement> listEntitlements(PageRequest r) { return inner.listEntitlements(r); }
    @Override public Optional<Entitlement> getEntitlement(String id) { return inner.getEntitlement(id); }
    @Override public void grant(String a, String e) { inner.grant(a, e); }
    @Override public void revoke(String a, String e) {
      if (!inner.grantsOf(a).contains(e)) {
        throw new IllegalStateException("not a member");
      }
      inner.revoke(a, e);
    }
    @Override public Set<String> grantsOf(String a) { return inner.grantsOf(a); }
    @Override public Page<String> members(String e, PageRequest r) { return Page.last(List.of()); }
    @Override public void test() {}
    @Override public void close() {}
  }

  /** Run only through the EngineTestKit below (nested classes are not picked up by Surefire). */
  static class BrokenConnectorContract extends ConnectorContractTest {
    @Override
    protected Connector connector() {
      return new BrokenConnector();
    }
  }

  @Test
  void contractSuiteFailsABrokenConnector() {
    Events tests = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(BrokenConnectorContract.class))
        .execute()
        .testEvents();

    Set<String> failed = tests.failed().stream()
        .map(e -> e.getTestDescriptor().getDisplayName())
        .collect(Collectors.toSet());
    assertThat(failed).containsExactlyInAnyOrder(
        "creating the same account twice throws AlreadyExists",
        "disable of a missing account throws NotFound",
        "disable makes the account inactive, enable active again; both are idempotent",
        "grant and revoke are idempotent and visible in the account's grants and the members",
        "every capability not claimed throws UnsupportedCapability instead of doing nothing");
    assertThat(tests.succeeded().count()).isGreaterThan(5);
  }

  @Test
  void contractSuitePassesTheInMemoryConnector() {
    Events tests = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(InMemoryConnectorContractTest.class))
        .execute()
        .testEvents();
    assertThat(tests.failed().count()).isZero();
    assertThat(tests.skipped().count()).isZero();
    assertThat(tests.succeeded().count()).isEqualTo(15);
  }
}
