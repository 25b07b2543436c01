package dev.usher.benchmarks.engine;

import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.Entitlement;
import dev.usher.core.spi.AttributeChange;
import dev.usher.core.spi.Capabilities;
import dev.usher.core.spi.Capability;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.Page;
import dev.usher.core.spi.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A connector over fixed lists that does nothing on writes: what is left of an apply or a
 * plan is Usher's own work. Pages are sub-list views, so listing costs no copying.
 */
final class StaticConnector implements Connector {
  private final List<Account> accounts;
  private final List<Entitlement> entitlements;
  private final Capabilities caps = Capabilities.builder()
      .supports(Capability.values()).without(Capability.LIST_MEMBERS, Capability.LIST_ACCOUNT_GRANTS).build();

  StaticConnector(List<Account> accounts, List<Entitlement> entitlements) {
    this.accounts = accounts;
    this.entitlements = entitlements;
  }

  @Override
  public Capabilities capabilities() {
    return caps;
  }

  @Override
  public Account create(Account account) {
    return account.toBuilder().id("new").build();
  }

  @Override
  public Optional<Account> get(String accountId) {
    return Optional.empty();
  }

  @Override
  public List<Account> find(String attribute, AttributeValue value) {
    return List.of();
  }

  @Override
  public Page<Account> listAccounts(PageRequest request) {
    int from = request.token() == null ? 0 : Integer.parseInt(request.token());
    int to = Math.min(accounts.size(), from + request.size());
    return Page.of(accounts.subList(from, to), to < accounts.size() ? Integer.toString(to) : null);
  }

  @Override
  public Account update(String accountId, List<AttributeChange> changes) {
    return null;
  }

  @Override
  public void enable(String accountId) {}

  @Override
  public void disable(String accountId) {}

  @Override
  public void delete(String accountId) {}

  @Override
  public Page<Entitlement> listEntitlements(PageRequest request) {
    return Page.last(entitlements);
  }

  @Override
  public Optional<Entitlement> getEntitlement(String entitlementId) {
    return Optional.empty();
  }

  @Override
  public void grant(String accountId, String entitlementId) {}

  @Override
  public void revoke(String accountId, String entitlementId) {}

  @Override
  public Set<String> grantsOf(String accountId) {
    return Set.of();
  }

  @Override
  public Page<String> members(String entitlementId, PageRequest request) {
    return Page.last(List.of());
  }

  @Override
  public void test() {}

  @Override
  public void close() {}
}
