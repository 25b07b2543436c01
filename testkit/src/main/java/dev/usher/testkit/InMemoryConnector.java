package dev.usher.testkit;

import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.Entitlement;
import dev.usher.core.spi.AlreadyExistsException;
import dev.usher.core.spi.AttributeChange;
import dev.usher.core.spi.Capabilities;
import dev.usher.core.spi.Capability;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorException;
import dev.usher.core.spi.InvalidRequestException;
import dev.usher.core.spi.NotFoundException;
import dev.usher.core.spi.Page;
import dev.usher.core.spi.PageRequest;
import dev.usher.core.spi.TransientException;
import dev.usher.core.spi.UnsupportedCapabilityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A connector whose application lives in memory: for tests of provisioning rules, of the
 * engine, and of code that embeds Usher.
 *
 * <pre>{@code
 * InMemoryConnector github = InMemoryConnector.builder("github")
 *     .entitlement(Entitlement.of(EntitlementType.TEAM, "eng", "Engineering"))
 *     .without(Capability.DISABLE_ACCOUNT)          // GitHub cannot disable members
 *     .build();
 * github.failNext(Operation.CREATE, 2, origin -> new TransientException(origin, "boom", null));
 * ...
 * assertThat(github.calls(Operation.CREATE)).hasSize(3);
 * assertThat(github.accountByUserName("alice")).isPresent();
 * }</pre>
 *
 * <p>Behaves as the {@link Connector} contract says: userName (ignoring case) and externalId
 * are unique, grants and revokes are idempotent, a missing account is {@link NotFoundException}.
 * Thread-safe: every operation runs under one lock, so it also serves concurrency tests.
 * Faults can be injected per operation: fail the next N calls with a given exception, or
 * apply the next N calls and then lose their answers (a {@link TransientException} that
 * {@linkplain TransientException#mayHaveApplied() may have applied}).
 */
public final class InMemoryConnector implements Connector {
  /** The provider type name of this connector. */
  public static final String TYPE = "in-memory";

  /** The operations of the {@link Connector} interface, for fault injection and call inspection. */
  public enum Operation {
    CREATE, GET, FIND, LIST_ACCOUNTS, UPDATE, ENABLE, DISABLE, DELETE,
    LIST_ENTITLEMENTS, GET_ENTITLEMENT, GRANT, REVOKE, GRANTS_OF, MEMBERS, TEST
  }

  /**
   * One call the connector received.
   *
   * @param operation which operation
   * @param arguments its arguments, rendered for assertions ({@code "acct-1"}, {@code "acct-1 eng"})
   */
  public record Call(Operation operation, String arguments) {}

  private record Fault(int remaining, @Nullable Function<ConnectorException.Origin, ? extends RuntimeException> error) {}

  private final String applicationId;
  private final Capabilities capabilities;
  private final Duration latency;
  private final Object lock = new Object();
  private final Map<String, Account> accounts = new TreeMap<>();
  private final Map<String, Entitlement> entitlements = new LinkedHashMap<>();
  private final Map<Operation, Fault> faults = new EnumMap<>(Operation.class);
  private final List<Call> calls = new ArrayList<>();
  private long nextId = 1;
  private boolean closed;

  private InMemoryConnector(Builder b) {
    this.applicationId = b.applicationId;
    this.capabilities = b.capabilities.build();
    this.latency = b.latency;
    b.entitlements.forEach(e -> entitlements.put(e.id(), e));
    b.accounts.forEach(this::seed);
  }

  /** A builder for a connector serving this application id, with every capability. */
  public static Builder builder(String applicationId) {
    return new Builder(applicationId);
  }

  // ---- inspection and set-up (not recorded as calls, never faulted) ----

  /** The application id this connector serves. */
  public String applicationId() {
    return applicationId;
  }

  /** Adds an account as if it had always been there (a pre-existing account); returns it with its id. */
  public Account seed(Account account) {
    synchronized (lock) {
      Account withId = account.toBuilder()
          .id(account.id() != null ? account.id() : newId())
          .build();
      if (!withId.applicationId().equals(applicationId)) {
        withId = Account.builder(applicationId).id(withId.id()).externalId(withId.externalId())
            .userName(withId.userName()).attributes(withId.attributes()).active(withId.active())
            .entitlementIds(withId.entitlementIds()).build();
      }
      for (String e : withId.entitlementIds()) {
        if (!entitlements.containsKey(e)) {
          throw new IllegalArgumentException("seeded account " + withId.userName()
              + " holds unknown entitlement '" + e + "'; known: " + entitlements.keySet());
        }
      }
      accounts.put(withId.id(), withId);
      return withId;
    }
  }

  /** Adds an entitlement the application offers. */
  public void seedEntitlement(Entitlement entitlement) {
    synchronized (lock) {
      entitlements.put(entitlement.id(), entitlement);
    }
  }

  /** Every account now held, ordered by id. */
  public List<Account> accounts() {
    synchronized (lock) {
      return List.copyOf(accounts.values());
    }
  }

  /** The account with this id, as held now. */
  public Optional<Account> account(String id) {
    synchronized (lock) {
      return Optional.ofNullable(accounts.get(id));
    }
  }

  /** The account with this userName (ignoring case), as held now. */
  public Optional<Account> accountByUserName(String userName) {
    synchronized (lock) {
      return accounts.values().stream()
          .filter(a -> a.userName() != null && a.userName().equalsIgnoreCase(userName))
          .findFirst();
    }
  }

  /** The entitlements on offer. */
  public List<Entitlement> entitlements() {
    synchronized (lock) {
      return List.copyOf(entitlements.values());
    }
  }

  /** Every call received so far, in order. */
  public List<Call> calls() {
    synchronized (lock) {
      return List.copyOf(calls);
    }
  }

  /** The calls of one operation, in order. */
  public List<Call> calls(Operation operation) {
    synchronized (lock) {
      return calls.stream().filter(c -> c.operation() == operation).collect(Collectors.toUnmodifiableList());
    }
  }

  /** Forgets the calls received so far. */
  public void clearCalls() {
    synchronized (lock) {
      calls.clear();
    }
  }

  /**
   * The next {@code times} calls of {@code operation} fail with the exception {@code error}
   * makes (it receives the call's origin), without changing anything.
   */
  public void failNext(Operation operation, int times,
      Function<ConnectorException.Origin, ? extends RuntimeException> error) {
    Objects.requireNonNull(error, "error");
    inject(operation, times, error);
  }

  /**
   * The next {@code times} calls of {@code operation} take effect, but their answers are lost:
   * the caller gets a {@link TransientException} that may have applied — as when a
   * connection drops after the application committed.
   */
  public void loseResponseOfNext(Operation operation, int times) {
    inject(operation, times, null);
  }

  /** Removes every injected fault. */
  public void clearFaults() {
    synchronized (lock) {
      faults.clear();
    }
  }

  private void inject(Operation operation, int times, @Nullable Function<ConnectorException.Origin, ? extends RuntimeException> error) {
    Objects.requireNonNull(operation, "operation");
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, was " + times);
    }
    synchronized (lock) {
      faults.put(operation, new Fault(times, error));
    }
  }

  // ---- the Connector ----

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public Account create(Account account) {
    Objects.requireNonNull(account, "account");
    return call(Operation.CREATE, Capability.CREATE_ACCOUNT, describe(account), () -> {
      Account clash = clash(account, null);
      if (clash != null) {
        throw new AlreadyExistsException(origin("create"), 409,
            "an account with userName '" + clash.userName() + "' or externalId '" + clash.externalId()
                + "' already exists", clash.id());
      }
      for (String e : account.entitlementIds()) {
        requireEntitlement(e, "create");
      }
      Account stored = Account.builder(applicationId)
          .id(newId()).userName(account.userName()).externalId(account.externalId())
          .attributes(account.attributes()).active(account.active())
          .entitlementIds(account.entitlementIds()).build();
      accounts.put(stored.id(), stored);
      return stored;
    });
  }

  @Override
  public Optional<Account> get(String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return call(Operation.GET, Capability.GET_ACCOUNT, accountId, () -> Optional.ofNullable(accounts.get(accountId)));
  }

  @Override
  public List<Account> find(String attribute, AttributeValue value) {
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(value, "value");
    return call(Operation.FIND, Capability.FIND_ACCOUNT, attribute + "=" + value, () ->
        accounts.values().stream().filter(a -> matches(a, attribute, value)).collect(Collectors.toUnmodifiableList()));
  }

  @Override
  public Page<Account> listAccounts(PageRequest request) {
    Objects.requireNonNull(request, "request");
    return call(Operation.LIST_ACCOUNTS, Capability.LIST_ACCOUNTS, String.valueOf(request.token()),
        () -> page(new ArrayList<>(accounts.values()), request, "listAccounts"));
  }

  @Override
  public Account update(String accountId, List<AttributeChange> changes) {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(changes, "changes");
    return call(Operation.UPDATE, Capability.UPDATE_ACCOUNT, accountId + " " + changes, () -> {
      Account current = require(accountId, "update");
      Account.Builder b = current.toBuilder();
      Map<String, AttributeValue> attrs = new TreeMap<>(current.attributes());
      for (AttributeChange c : changes) {
        apply(c, b, attrs, current);
      }
      Account updated = b.attributes(attrs).build();
      Account clash = clash(updated, accountId);
      if (clash != null) {
        throw new AlreadyExistsException(origin("update"), 409,
            "another account already has userName '" + updated.userName() + "' or externalId '" + updated.externalId() + "'",
            clash.id());
      }
      accounts.put(accountId, updated);
      return updated;
    });
  }

  @Override
  public void enable(String accountId) {
    setActive(Operation.ENABLE, accountId, true);
  }

  @Override
  public void disable(String accountId) {
    setActive(Operation.DISABLE, accountId, false);
  }

  private void setActive(Operation op, String accountId, boolean active) {
    Objects.requireNonNull(accountId, "accountId");
    call(op, Capability.DISABLE_ACCOUNT, accountId, () -> {
      Account a = require(accountId, op.name().toLowerCase(Locale.ROOT));
      accounts.put(accountId, a.toBuilder().active(active).build());
      return null;
    });
  }

  @Override
  public void delete(String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    call(Operation.DELETE, Capability.DELETE_ACCOUNT, accountId, () -> {
      Account a = require(accountId, "delete");
      if (capabilities.deleteIsSoft()) {
        accounts.put(accountId, a.toBuilder().active(false).build());
      } else {
        accounts.remove(accountId);
      }
      return null;
    });
  }

  @Override
  public Page<Entitlement> listEntitlements(PageRequest request) {
    Objects.requireNonNull(request, "request");
    return call(Operation.LIST_ENTITLEMENTS, Capability.LIST_ENTITLEMENTS, String.valueOf(request.token()),
        () -> page(new ArrayList<>(entitlements.values()), request, "listEntitlements"));
  }

  @Override
  public Optional<Entitlement> getEntitlement(String entitlementId) {
    Objects.requireNonNull(entitlementId, "entitlementId");
    return call(Operation.GET_ENTITLEMENT, Capability.LIST_ENTITLEMENTS, entitlementId,
        () -> Optional.ofNullable(entitlements.get(entitlementId)));
  }

  @Override
  public void grant(String accountId, String entitlementId) {
    changeGrant(Operation.GRANT, accountId, entitlementId, true);
  }

  @Override
  public void revoke(String accountId, String entitlementId) {
    changeGrant(Operation.REVOKE, accountId, entitlementId, false);
  }

  private void changeGrant(Operation op, String accountId, String entitlementId, boolean grant) {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(entitlementId, "entitlementId");
    String name = op.name().toLowerCase(Locale.ROOT);
    call(op, Capability.GRANT, accountId + " " + entitlementId, () -> {
      Account a = require(accountId, name);
      requireEntitlement(entitlementId, name);
      Account.Builder b = a.toBuilder();
      accounts.put(accountId, (grant ? b.entitlement(entitlementId) : b.removeEntitlement(entitlementId)).build());
      return null;
    });
  }

  @Override
  public Set<String> grantsOf(String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return call(Operation.GRANTS_OF, Capability.LIST_ACCOUNT_GRANTS, accountId,
        () -> require(accountId, "grantsOf").entitlementIds());
  }

  @Override
  public Page<String> members(String entitlementId, PageRequest request) {
    Objects.requireNonNull(entitlementId, "entitlementId");
    Objects.requireNonNull(request, "request");
    return call(Operation.MEMBERS, Capability.LIST_MEMBERS, entitlementId + " " + request.token(), () -> {
      requireEntitlement(entitlementId, "members");
      List<String> ids = accounts.values().stream()
          .filter(a -> a.entitlementIds().contains(entitlementId)).map(Account::id)
          .collect(Collectors.toList());
      return page(ids, request, "members");
    });
  }

  @Override
  public void test() {
    call(Operation.TEST, Capability.TEST_CONNECTION, "", () -> null);
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
    }
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "InMemoryConnector[" + applicationId + ", " + accounts.size() + " accounts, "
          + entitlements.size() + " entitlements]";
    }
  }

  // ---- internals ----

  private interface Body<T> {
    T run();
  }

  private <T> T call(Operation op, Capability needed, String args, Body<T> body) {
    if (!latency.isZero()) {
      try {
        Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransientException(origin(op.name()), "interrupted", e);
      }
    }
    synchronized (lock) {
      calls.add(new Call(op, args));
      ConnectorException.Origin origin = origin(opName(op));
      if (closed) {
        throw new IllegalStateException("connector for '" + applicationId + "' is closed");
      }
      if (!capabilities.supports(needed)) {
        throw new UnsupportedCapabilityException(origin, needed);
      }
      Fault fault = faults.get(op);
      if (fault != null) {
        if (fault.remaining() <= 1) {
          faults.remove(op);
        } else {
          faults.put(op, new Fault(fault.remaining() - 1, fault.error()));
        }
        if (fault.error() != null) {
          throw Objects.requireNonNull(fault.error().apply(origin), "injected error");
        }
        body.run();
        throw new TransientException(origin, 0, "response lost after the change was applied (injected)", null, true);
      }
      return body.run();
    }
  }

  private static String opName(Operation op) {
    String[] parts = op.name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder sb = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      sb.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    return sb.toString();
  }

  private ConnectorException.Origin origin(String operation) {
    return new ConnectorException.Origin(TYPE, applicationId, operation);
  }

  private String newId() {
    String id;
    do {
      id = "acct-" + nextId++;
    } while (accounts.containsKey(id));
    return id;
  }

  private Account require(String accountId, String operation) {
    Account a = accounts.get(accountId);
    if (a == null) {
      throw new NotFoundException(origin(operation), 404, "account '" + accountId + "' does not exist");
    }
    return a;
  }

  private void requireEntitlement(String entitlementId, String operation) {
    if (!entitlements.containsKey(entitlementId)) {
      throw new NotFoundException(origin(operation), 404, "entitlement '" + entitlementId + "' does not exist");
    }
  }

  private @Nullable Account clash(Account candidate, @Nullable String exceptId) {
    for (Account a : accounts.values()) {
      if (a.id().equals(exceptId)) {
        continue;
      }
      boolean sameName = candidate.userName() != null && a.userName() != null
          && a.userName().equalsIgnoreCase(candidate.userName());
      boolean sameExternal = candidate.externalId() != null && candidate.externalId().equals(a.externalId());
      if (sameName || sameExternal) {
        return a;
      }
    }
    return null;
  }

  private static boolean matches(Account a, String attribute, AttributeValue value) {
    Optional<AttributeValue> actual = a.attribute(attribute);
    if (actual.isEmpty()) {
      return false;
    }
    AttributeValue v = actual.get();
    if (v instanceof AttributeValue.ListValue list) {
      return list.values().stream().anyMatch(e -> sameValue(e, value));
    }
    return sameValue(v, value);
  }

  private static boolean sameValue(AttributeValue a, AttributeValue b) {
    // Strings compare without case, as user names and emails do in most applications.
    if (a instanceof AttributeValue.StringValue sa && b instanceof AttributeValue.StringValue sb) {
      return sa.value().equalsIgnoreCase(sb.value());
    }
    return a.equals(b);
  }

  private void apply(AttributeChange c, Account.Builder b, Map<String, AttributeValue> attrs, Account current) {
    String name = c.attribute();
    AttributeValue value = c.value();
    switch (name) {
      case Account.USER_NAME:
      case Account.EXTERNAL_ID: {
        String text = null;
        if (c.op() != AttributeChange.Op.REMOVE) {
          text = value.asText().orElseThrow(() -> new InvalidRequestException(origin("update"), 400,
              name + " must be a string, was a " + value.typeName(), "invalidValue"));
        }
        if (name.equals(Account.USER_NAME)) {
          if (text == null) {
            throw new InvalidRequestException(origin("update"), 400, "userName cannot be removed", "mutability");
          }
          b.userName(text);
        } else {
          b.externalId(text);
        }
        return;
      }
      case Account.ACTIVE:
        if (!(value instanceof AttributeValue.BooleanValue bool)) {
          throw new InvalidRequestException(origin("update"), 400, "active must be true or false", "invalidValue");
        }
        b.active(bool.value());
        return;
      default:
        break;
    }
    AttributeValue existing = attrs.get(name);
    switch (c.op()) {
      case REPLACE:
        attrs.put(name, value);
        break;
      case ADD:
        if (existing instanceof AttributeValue.ListValue list) {
          List<AttributeValue> values = new ArrayList<>(list.values());
          Collection<AttributeValue> added = value instanceof AttributeValue.ListValue l ? l.values() : List.of(value);
          for (AttributeValue v : added) {
            if (!values.contains(v)) {
              values.add(v);
            }
          }
          attrs.put(name, AttributeValue.list(values));
        } else {
          attrs.put(name, value);
        }
        break;
      case REMOVE:
        if (value == null) {
          attrs.remove(name);
        } else if (existing instanceof AttributeValue.ListValue list) {
          Collection<AttributeValue> removed = value instanceof AttributeValue.ListValue l ? l.values() : List.of(value);
          List<AttributeValue> values = new ArrayList<>(list.values());
          values.removeAll(removed);
          attrs.put(name, AttributeValue.list(values));
        } else if (value.equals(existing)) {
          attrs.remove(name);
        }
        break;
      default:
        throw new IllegalStateException("unknown op " + c.op());
    }
  }

  private <T> Page<T> page(List<T> all, PageRequest request, String operation) {
    int size = capabilities.maxPageSize() > 0 ? Math.min(request.size(), capabilities.maxPageSize()) : request.size();
    int offset = 0;
    if (request.token() != null) {
      try {
        offset = Integer.parseInt(request.token());
      } catch (NumberFormatException e) {
        throw new InvalidRequestException(origin(operation), 400, "paging token '" + request.token() + "' is not one this connector issued", "invalidCursor");
      }
      if (offset < 0 || offset > all.size()) {
        throw new InvalidRequestException(origin(operation), 400, "paging token '" + request.token() + "' is out of range", "invalidCursor");
      }
    }
    int end = Math.min(all.size(), offset + size);
    return Page.of(all.subList(offset, end), end < all.size() ? Integer.toString(end) : null);
  }

  private static String describe(Account a) {
    return a.userName() != null ? a.userName() : String.valueOf(a.externalId());
  }

  /** Builds {@link InMemoryConnector}s. */
  public static final class Builder {
    private final String applicationId;
    private final Capabilities.Builder capabilities = Capabilities.all().toBuilder();
    private final List<Entitlement> entitlements = new ArrayList<>();
    private final List<Account> accounts = new ArrayList<>();
    private Duration latency = Duration.ZERO;

    private Builder(String applicationId) {
      this.applicationId = Objects.requireNonNull(applicationId, "applicationId");
    }

    /** Removes capabilities (all are on by default). */
    public Builder without(Capability... capabilities) {
      this.capabilities.without(capabilities);
      return this;
    }

    /** Exactly these capabilities. */
    public Builder capabilities(Capabilities capabilities) {
      this.capabilities.without(Capability.values()).supports(capabilities.supported())
          .deleteIsSoft(capabilities.deleteIsSoft()).maxPageSize(capabilities.maxPageSize());
      return this;
    }

    /** Makes DELETE only deactivate the account, as some applications do. */
    public Builder deleteIsSoft(boolean soft) {
      capabilities.deleteIsSoft(soft);
      return this;
    }

    /** Caps every page at this size, as applications do. */
    public Builder maxPageSize(int max) {
      capabilities.maxPageSize(max);
      return this;
    }

    /** An entitlement the application offers. */
    public Builder entitlement(Entitlement entitlement) {
      entitlements.add(Objects.requireNonNull(entitlement, "entitlement"));
      return this;
    }

    /** An account that exists before the test starts. */
    public Builder account(Account account) {
      accounts.add(Objects.requireNonNull(account, "account"));
      return this;
    }

    /** A fixed delay before every call (real time: use it sparingly). */
    public Builder latency(Duration latency) {
      if (latency.isNegative()) {
        throw new IllegalArgumentException("latency must not be negative, was " + latency);
      }
      this.latency = latency;
      return this;
    }

    public InMemoryConnector build() {
      return new InMemoryConnector(this);
    }
  }
}
