package dev.usher.core.store;

import dev.usher.core.plan.StagedOperation;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What Usher remembers between runs, namespaced by tenant: many Usher instances (one per
 * customer organisation) can share one store without seeing each other's data.
 *
 * <p>Implementations are thread-safe: the engine calls them from several threads at once.
 * Every method that takes a tenant id sees only that tenant's data.
 *
 * <pre>{@code
 * StateStore store = new InMemoryStateStore();
 * store.saveLink("acme", Link.of("github", "E1001", "42", clock.instant()));
 * store.link("acme", "github", "E1001");   // the link
 * store.link("globex", "github", "E1001"); // empty: another tenant
 * }</pre>
 */
public interface StateStore {

  /** The link of this user in this application. */
  Optional<Link> link(String tenantId, String applicationId, String userId);

  /**
   * Every link of the application, by user id. The map may be a live, read-only view; callers
   * read it and do not keep it across runs.
   */
  Map<String, Link> links(String tenantId, String applicationId);

  /** The link that names this account in this application, if any user is linked to it. */
  Optional<Link> linkOfAccount(String tenantId, String applicationId, String accountId);

  /** Saves (or replaces) the link of {@code link.userId()} in {@code link.applicationId()}. */
  void saveLink(String tenantId, Link link);

  /** Forgets the link of this user in this application; forgetting a missing link does nothing. */
  void removeLink(String tenantId, String applicationId, String userId);

  /** The staged operations waiting for approval, in the order they were staged. */
  List<StagedOperation> staged(String tenantId);

  /** Stages these operations, replacing staged operations with the same ids. */
  void saveStaged(String tenantId, Collection<StagedOperation> operations);

  /** Drops staged operations by id (after they ran, or when a newer plan no longer needs them). */
  void removeStaged(String tenantId, Collection<String> ids);

  /** Writes a journal entry before an operation is sent. */
  void beginPending(String tenantId, PendingOperation operation);

  /** Completes (removes) a journal entry after the operation finished, well or not. */
  void completePending(String tenantId, String pendingId);

  /** Journal entries never completed, oldest first: operations that may or may not have happened. */
  List<PendingOperation> pending(String tenantId);

  /** How many users the source gave in the last applied full run, if one was recorded. */
  OptionalInt lastSourceSize(String tenantId);

  /** Records how many users the source gave in a full run. */
  void saveSourceSize(String tenantId, int size);
}
