package dev.usher.core.store;

import dev.usher.core.plan.StagedOperation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link StateStore} in memory: for tests, examples, and services that rebuild links from
 * correlation after a restart. Thread-safe; tenants are kept apart.
 *
 * <pre>{@code
 * Usher usher = Usher.builder().tenantId("acme").stateStore(new InMemoryStateStore())...build();
 * }</pre>
 */
public final class InMemoryStateStore implements StateStore {
  private final ConcurrentHashMap<String, Tenant> tenants = new ConcurrentHashMap<>();

  private static final class Tenant {
    final ConcurrentHashMap<String, ConcurrentHashMap<String, Link>> links = new ConcurrentHashMap<>();
    /** application id + NUL + account id -> user id. */
    final ConcurrentHashMap<String, String> byAccount = new ConcurrentHashMap<>();
    final LinkedHashMap<String, StagedOperation> staged = new LinkedHashMap<>();
    final ConcurrentHashMap<String, PendingOperation> pending = new ConcurrentHashMap<>();
    volatile int sourceSize = -1;
  }

  private Tenant tenant(String tenantId) {
    Objects.requireNonNull(tenantId, "tenantId");
    return tenants.computeIfAbsent(tenantId, t -> new Tenant());
  }

  private ConcurrentHashMap<String, Link> appLinks(String tenantId, String applicationId) {
    Objects.requireNonNull(applicationId, "applicationId");
    return tenant(tenantId).links.computeIfAbsent(applicationId, a -> new ConcurrentHashMap<>());
  }

  @Override
  public Optional<Link> link(String tenantId, String applicationId, String userId) {
    Objects.requireNonNull(userId, "userId");
    return Optional.ofNullable(appLinks(tenantId, applicationId).get(userId));
  }

  @Override
  public Map<String, Link> links(String tenantId, String applicationId) {
    return Collections.unmodifiableMap(appLinks(tenantId, applicationId));
  }

  @Override
  public Optional<Link> linkOfAccount(String tenantId, String applicationId, String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    String user = tenant(tenantId).byAccount.get(applicationId + "\u0000" + accountId);
    return user == null ? Optional.empty() : link(tenantId, applicationId, user)
        .filter(l -> l.accountId().equals(accountId));
  }

  @Override
  public void saveLink(String tenantId, Link link) {
    Objects.requireNonNull(link, "link");
    Tenant t = tenant(tenantId);
    synchronized (t) {
      Link old = appLinks(tenantId, link.applicationId()).put(link.userId(), link);
      if (old != null && !old.accountId().equals(link.accountId())) {
        t.byAccount.remove(link.applicationId() + "\u0000" + old.accountId(), old.userId());
      }
      t.byAccount.put(link.applicationId() + "\u0000" + link.accountId(), link.userId());
    }
  }

  @Override
  public void removeLink(String tenantId, String applicationId, String userId) {
    Objects.requireNonNull(userId, "userId");
    Tenant t = tenant(tenantId);
    synchronized (t) {
      Link old = appLinks(tenantId, applicationId).remove(userId);
      if (old != null) {
        t.byAccount.remove(applicationId + "\u0000" + old.accountId(), userId);
      }
    }
  }

  @Override
  public List<StagedOperation> staged(String tenantId) {
    Tenant t = tenant(tenantId);
    synchronized (t.staged) {
      return List.copyOf(t.staged.values());
    }
  }

  @Override
  public void saveStaged(String tenantId, Collection<StagedOperation> operations) {
    Tenant t = tenant(tenantId);
    synchronized (t.staged) {
      for (StagedOperation s : operations) {
        t.staged.put(s.id(), s);
      }
    }
  }

  @Override
  public void removeStaged(String tenantId, Collection<String> ids) {
    Tenant t = tenant(tenantId);
    synchronized (t.staged) {
      ids.forEach(t.staged::remove);
    }
  }

  @Override
  public void beginPending(String tenantId, PendingOperation operation) {
    Objects.requireNonNull(operation, "operation");
    tenant(tenantId).pending.put(operation.id(), operation);
  }

  @Override
  public void completePending(String tenantId, String pendingId) {
    Objects.requireNonNull(pendingId, "pendingId");
    tenant(tenantId).pending.remove(pendingId);
  }

  @Override
  public List<PendingOperation> pending(String tenantId) {
    List<PendingOperation> out = new ArrayList<>(tenant(tenantId).pending.values());
    out.sort(Comparator.comparing(PendingOperation::startedAt).thenComparing(PendingOperation::id));
    return out;
  }

  @Override
  public OptionalInt lastSourceSize(String tenantId) {
    int size = tenant(tenantId).sourceSize;
    return size < 0 ? OptionalInt.empty() : OptionalInt.of(size);
  }

  @Override
  public void saveSourceSize(String tenantId, int size) {
    if (size < 0) {
      throw new IllegalArgumentException("source size must be >= 0, was " + size);
    }
    tenant(tenantId).sourceSize = size;
  }

  @Override
  public String toString() {
    return "InMemoryStateStore" + tenants.keySet();
  }
}
