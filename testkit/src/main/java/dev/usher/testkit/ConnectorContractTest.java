package dev.usher.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.Entitlement;
import dev.usher.core.spi.AlreadyExistsException;
import dev.usher.core.spi.AttributeChange;
import dev.usher.core.spi.Capabilities;
import dev.usher.core.spi.Capability;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorException;
import dev.usher.core.spi.Listing;
import dev.usher.core.spi.NotFoundException;
import dev.usher.core.spi.PageRequest;
import dev.usher.core.spi.Pages;
import dev.usher.core.spi.UnsupportedCapabilityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The behaviour every {@link Connector} owes Usher, as a JUnit 5 test class to extend.
 *
 * <p>Supply a connector; the suite creates, reads, updates, disables, enables, deletes, lists
 * across pages, grants and revokes, and checks the errors (AlreadyExists on a duplicate,
 * NotFound on a missing account) and idempotency (grant twice, revoke twice). A test whose
 * capability the connector does not claim is skipped with an assumption naming it; a
 * capability it does not claim must throw {@link UnsupportedCapabilityException}, never
 * silently do nothing.
 *
 * <pre>{@code
 * class AcmeConnectorTest extends ConnectorContractTest {
 *   static FakeAcme acme = FakeAcme.start();          // your stateful fake of the API
 *
 *   @Override protected Connector connector() {
 *     return new AcmeConnector(acme.config(), ConnectorContext.of("acme"));
 *   }
 *
 *   @Override protected Account newAccount(int n) {   // only if Acme needs more attributes
 *     return super.newAccount(n).toBuilder().attribute("title", "Tester").build();
 *   }
 * }
 * }</pre>
 *
 * <p>Accounts are named uniquely per test ({@link #unique(int)}), so the suite also runs
 * against a real, shared application; it deletes what it created when it can.
 */
public abstract class ConnectorContractTest {
  private Connector connector;
  private String runTag;
  private final List<String> created = new ArrayList<>();

  /** A connector for the application under test. Called before each test; closed after it. */
  protected abstract Connector connector();

  /** The application id the connector serves; used for the accounts the suite builds. */
  protected String applicationId() {
    return "contract";
  }

  /**
   * A new account the application does not hold yet. The default has a userName, an
   * externalId and an {@code email} attribute, all derived from {@link #unique(int)}.
   * Override to add what your application requires.
   */
  protected Account newAccount(int n) {
    String name = unique(n);
    return Account.builder(applicationId())
        .userName(name)
        .externalId("ext-" + name)
        .attribute("email", name + "@example.com")
        .build();
  }

  /**
   * A change the application accepts on an account made by {@link #newAccount(int)}; the
   * suite checks that reading the account back shows it. Default: replace {@code title}.
   */
  protected AttributeChange sampleChange(int n) {
    return AttributeChange.replace("title", AttributeValue.of("Contract tester " + n));
  }

  /** Ids of two entitlements the suite may grant and revoke. Default: the first two listed. */
  protected List<String> grantableEntitlementIds() {
    Listing<Entitlement> all = Pages.readAll(connector::listEntitlements, 100,
        new ConnectorException.Origin("contract", applicationId(), "listEntitlements"));
    return all.items().stream().limit(2).map(Entitlement::id).collect(Collectors.toList());
  }

  /** The page size the listing test asks for (small, so that listing spans pages). */
  protected int pageSize() {
    return 2;
  }

  /** A name unique to this test run and number: {@code c<run>-<n>}, lower case. */
  protected final String unique(int n) {
    return "c" + runTag + "-" + n;
  }

  /** The connector of the running test. */
  protected final Connector subject() {
    return connector;
  }

  @BeforeEach
  final void openConnector() {
    runTag = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36), 36)
        .toLowerCase(Locale.ROOT);
    connector = connector();
    assertThat(connector).as("connector()").isNotNull();
    assertThat(connector.capabilities()).as("capabilities()").isNotNull();
  }

  @AfterEach
  final void cleanUpAndClose() {
    try {
      if (connector.capabilities().supports(Capability.DELETE_ACCOUNT)) {
        for (String id : created) {
          try {
            connector.delete(id);
          } catch (ConnectorException ignored) {
            // Already gone, or the test broke the connection: nothing more to clean.
          }
        }
      }
    } finally {
      created.clear();
      connector.close();
    }
  }

  private Capabilities caps() {
    return connector.capabilities();
  }

  private void requires(Capability... needed) {
    for (Capability c : needed) {
      assumeTrue(caps().supports(c), () -> "connector does not claim " + c);
    }
  }

  private Account create(int n) {
    Account a = connector.create(newAccount(n));
    assertThat(a.id()).as("id of a created account").isNotBlank();
    created.add(a.id());
    return a;
  }

  // ---- accounts ----

  @Test
  @DisplayName("create returns the account with the application's id, and get reads it back")
  void createThenGet() {
    requires(Capability.CREATE_ACCOUNT, Capability.GET_ACCOUNT);
    Account desired = newAccount(1);
    Account a = create(1);
    assertThat(a.userName()).as("userName of the created account").isEqualToIgnoringCase(desired.userName());
    Optional<Account> read = connector.get(a.id());
    assertThat(read).as("get(%s)", a.id()).isPresent();
    assertThat(read.get().id()).isEqualTo(a.id());
    assertThat(read.get().userName()).isEqualToIgnoringCase(desired.userName());
    assertThat(read.get().active()).as("a new account is active").isTrue();
  }

  @Test
  @DisplayName("creating the same account twice throws AlreadyExists")
  void duplicateCreateThrowsAlreadyExists() {
    requires(Capability.CREATE_ACCOUNT);
    create(1);
    assertThatThrownBy(() -> connector.create(newAccount(1)))
        .isInstanceOf(AlreadyExistsException.class);
  }

  @Test
  @DisplayName("get of a missing account is empty")
  void getMissingIsEmpty() {
    requires(Capability.GET_ACCOUNT);
    assertThat(connector.get("missing-" + unique(0))).isEmpty();
  }

  @Test
  @DisplayName("update applies the change and get shows it")
  void updateAppliesChange() {
    requires(Capability.CREATE_ACCOUNT, Capability.UPDATE_ACCOUNT, Capability.GET_ACCOUNT);
    Account a = create(1);
    AttributeChange change = sampleChange(1);
    connector.update(a.id(), List.of(change));
    Account read = connector.get(a.id()).orElseThrow();
    assertThat(read.attribute(change.attribute())).as("attribute %s after update", change.attribute())
        .contains(change.value());
  }

  @Test
  @DisplayName("update of a missing account throws NotFound")
  void updateMissingThrowsNotFound() {
    requires(Capability.UPDATE_ACCOUNT);
    assertThatThrownBy(() -> connector.update("missing-" + unique(0), List.of(sampleChange(0))))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  @DisplayName("disable makes the account inactive, enable active again; both are idempotent")
  void disableThenEnable() {
    requires(Capability.CREATE_ACCOUNT, Capability.DISABLE_ACCOUNT, Capability.GET_ACCOUNT);
    Account a = create(1);
    connector.disable(a.id());
    connector.disable(a.id());
    assertThat(connector.get(a.id()).orElseThrow().active()).as("active after disable").isFalse();
    connector.enable(a.id());
    connector.enable(a.id());
    assertThat(connector.get(a.id()).orElseThrow().active()).as("active after enable").isTrue();
  }

  @Test
  @DisplayName("disable of a missing account throws NotFound")
  void disableMissingThrowsNotFound() {
    requires(Capability.DISABLE_ACCOUNT);
    assertThatThrownBy(() -> connector.disable("missing-" + unique(0))).isInstanceOf(NotFoundException.class);
  }

  @Test
  @DisplayName("delete removes the account (or deactivates it when delete is soft)")
  void deleteRemoves() {
    requires(Capability.CREATE_ACCOUNT, Capability.DELETE_ACCOUNT, Capability.GET_ACCOUNT);
    Account a = create(1);
    connector.delete(a.id());
    Optional<Account> after = connector.get(a.id());
    if (caps().deleteIsSoft()) {
      assertThat(after).as("account after a soft delete").isPresent();
      assertThat(after.get().active()).as("active after a soft delete").isFalse();
    } else {
      assertThat(after).as("account after delete").isEmpty();
    }
  }

  @Test
  @DisplayName("delete of a missing account throws NotFound")
  void deleteMissingThrowsNotFound() {
    requires(Capability.DELETE_ACCOUNT);
    assertThatThrownBy(() -> connector.delete("missing-" + unique(0))).isInstanceOf(NotFoundException.class);
  }

  @Test
  @DisplayName("listing across several pages returns every account once")
  void listingSpansPages() {
    requires(Capability.CREATE_ACCOUNT, Capability.LIST_ACCOUNTS);
    List<String> ids = new ArrayList<>();
    int count = pageSize() * 2 + 1;
    for (int i = 1; i <= count; i++) {
      ids.add(create(i).id());
    }
    Listing<Account> all = Pages.readAll(connector::listAccounts, pageSize(),
        new ConnectorException.Origin("contract", applicationId(), "listAccounts"));
    assertThat(all.complete()).as("listing complete").isTrue();
    List<String> listed = all.items().stream().map(Account::id).collect(Collectors.toList());
    assertThat(listed).as("ids listed").containsAll(ids).doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("find by userName and by externalId returns the account")
  void findByCorrelationAttributes() {
    requires(Capability.CREATE_ACCOUNT, Capability.FIND_ACCOUNT);
    Account desired = newAccount(1);
    Account a = create(1);
    assertThat(connector.find(Account.USER_NAME, AttributeValue.of(desired.userName())))
        .extracting(Account::id).containsExactly(a.id());
    if (desired.externalId() != null) {
      assertThat(connector.find(Account.EXTERNAL_ID, AttributeValue.of(desired.externalId())))
          .extracting(Account::id).containsExactly(a.id());
    }
    assertThat(connector.find(Account.USER_NAME, AttributeValue.of("nobody-" + unique(0)))).isEmpty();
  }

  // ---- entitlements and grants ----

  @Test
  @DisplayName("entitlements can be listed and read one by one")
  void entitlementsListAndGet() {
    requires(Capability.LIST_ENTITLEMENTS);
    List<String> ids = grantableEntitlementIds();
    assumeTrue(!ids.isEmpty(), "the application offers no entitlements to test with");
    for (String id : ids) {
      assertThat(connector.getEntitlement(id)).as("getEntitlement(%s)", id).isPresent()
          .get().extracting(Entitlement::id).isEqualTo(id);
    }
    assertThat(connector.getEntitlement("missing-" + unique(0))).isEmpty();
  }

  @Test
  @DisplayName("grant and revoke are idempotent and visible in the account's grants and the members")
  void grantAndRevoke() {
    requires(Capability.CREATE_ACCOUNT, Capability.GRANT, Capability.LIST_ENTITLEMENTS);
    List<String> ids = grantableEntitlementIds();
    assumeTrue(ids.size() >= 2, "the application offers fewer than two entitlements to test with");
    Account a = create(1);
    String first = ids.get(0);
    String second = ids.get(1);

    connector.grant(a.id(), first);
    connector.grant(a.id(), first);
    connector.grant(a.id(), second);
    if (caps().supports(Capability.LIST_ACCOUNT_GRANTS)) {
      assertThat(connector.grantsOf(a.id())).as("grants after granting").contains(first, second);
    }
    if (caps().supports(Capability.LIST_MEMBERS)) {
      assertThat(members(first)).as("members of %s", first).contains(a.id());
    }

    connector.revoke(a.id(), first);
    connector.revoke(a.id(), first);
    if (caps().supports(Capability.LIST_ACCOUNT_GRANTS)) {
      assertThat(connector.grantsOf(a.id())).as("grants after revoking %s", first)
          .doesNotContain(first).contains(second);
    }
    if (caps().supports(Capability.LIST_MEMBERS)) {
      assertThat(members(first)).as("members of %s after revoke", first).doesNotContain(a.id());
    }
  }

  private List<String> members(String entitlementId) {
    return Pages.readAll(r -> connector.members(entitlementId, r), pageSize(),
        new ConnectorException.Origin("contract", applicationId(), "members")).items();
  }

  // ---- honesty ----

  @Test
  @DisplayName("every capability not claimed throws UnsupportedCapability instead of doing nothing")
  void unclaimedCapabilitiesThrow() {
    List<String> silent = new ArrayList<>();
    check(silent, Capability.CREATE_ACCOUNT, () -> connector.create(newAccount(99)));
    check(silent, Capability.GET_ACCOUNT, () -> connector.get("missing-" + unique(0)));
    check(silent, Capability.FIND_ACCOUNT, () -> connector.find(Account.USER_NAME, AttributeValue.of(unique(0))));
    check(silent, Capability.LIST_ACCOUNTS, () -> connector.listAccounts(PageRequest.first(1)));
    check(silent, Capability.UPDATE_ACCOUNT, () -> connector.update("missing-" + unique(0), List.of(sampleChange(0))));
    check(silent, Capability.DISABLE_ACCOUNT, () -> connector.disable("missing-" + unique(0)));
    check(silent, Capability.DELETE_ACCOUNT, () -> connector.delete("missing-" + unique(0)));
    check(silent, Capability.LIST_ENTITLEMENTS, () -> connector.listEntitlements(PageRequest.first(1)));
    check(silent, Capability.GRANT, () -> connector.grant("missing-" + unique(0), "missing"));
    check(silent, Capability.LIST_ACCOUNT_GRANTS, () -> connector.grantsOf("missing-" + unique(0)));
    check(silent, Capability.LIST_MEMBERS, () -> connector.members("missing", PageRequest.first(1)));
    check(silent, Capability.TEST_CONNECTION, () -> connector.test());
    assertThat(silent).as("operations that neither are claimed nor throw UnsupportedCapabilityException").isEmpty();
  }

  private void check(List<String> silent, Capability c, Executable call) {
    if (caps().supports(c)) {
      return;
    }
    try {
      call.execute();
      silent.add(c.name());
    } catch (UnsupportedCapabilityException expected) {
      assertThat(expected.capability()).as("capability named by the exception").isEqualTo(c);
    } catch (Throwable other) {
      silent.add(c.name() + " threw " + other.getClass().getSimpleName() + " instead");
    }
  }

  @Test
  @DisplayName("test() succeeds against a reachable application")
  void connectionTestSucceeds() {
    requires(Capability.TEST_CONNECTION);
    connector.test();
  }
}
