package dev.usher.core.engine;

import dev.usher.core.ProvisioningException;
import dev.usher.core.events.ProvisioningEvent;
import dev.usher.core.events.ProvisioningEvent.OperationRef;
import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.plan.CorrelationKey;
import dev.usher.core.plan.Operation;
import dev.usher.core.plan.OperationType;
import dev.usher.core.plan.Plan;
import dev.usher.core.plan.StagedOperation;
import dev.usher.core.plan.ValueChange;
import dev.usher.core.spi.AlreadyExistsException;
import dev.usher.core.spi.AttributeChange;
import dev.usher.core.spi.Capability;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorException;
import dev.usher.core.spi.NotFoundException;
import dev.usher.core.spi.RateLimitedException;
import dev.usher.core.spi.TransientException;
import dev.usher.core.spi.UnsupportedCapabilityException;
import dev.usher.core.store.Link;
import dev.usher.core.store.JournalRecovery;
import dev.usher.core.store.PendingOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Applies one plan: groups each user's operations per application (run in order), runs groups
 * of different users and applications concurrently with a per-application limit, retries,
 * quarantines, journals, and records state.
 */
final class Applier {
  private final Engine engine;
  private final Plan plan;
  private final String runId = UUID.randomUUID().toString();
  private final Map<String, OperationOutcome> outcomes = new ConcurrentHashMap<>();
  /** Accounts created or linked in this run, by application and user: manager references resolve here. */
  private final Map<String, String> accountsThisRun = new ConcurrentHashMap<>();
  /** Creates that a previous, interrupted run may have sent: looked up before sending again. */
  private final Set<String> interruptedCreates = new HashSet<>();
  private final Map<String, AppRun> apps = new LinkedHashMap<>();

  Applier(Engine engine, Plan plan) {
    this.engine = engine;
    this.plan = plan;
  }

  /** Per application: its connector, its queue of groups, and its failure counts. */
  private final class AppRun {
    final String applicationId;
    final Connector connector;
    final ConcurrentLinkedQueue<List<Operation>> queue = new ConcurrentLinkedQueue<>();
    final AtomicInteger finished = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    volatile @Nullable String quarantineReason;

    AppRun(String applicationId, Connector connector) {
      this.applicationId = applicationId;
      this.connector = connector;
    }

    void count(OperationOutcome o) {
      if (o.status() == OperationOutcome.Status.SKIPPED || o.operation().type().isStateOnly()) {
        return;
      }
      int f = o.status() == OperationOutcome.Status.FAILED ? failed.incrementAndGet() : failed.get();
      int n = finished.incrementAndGet();
      if (quarantineReason == null && engine.quarantine.crossed(n, f)) {
        quarantineReason = "application '" + applicationId + "' is quarantined for this run: "
            + f + " of " + n + " operations failed";
      }
    }
  }

  ApplyResult run() {
    Instant started = engine.clock.instant();
    long startNanos = System.nanoTime();
    String tenant = engine.tenantId;
    List<PendingOperation> leftOver = engine.store.pending(tenant);
    for (PendingOperation p : leftOver) {
      if (p.type() == OperationType.CREATE && p.userId() != null) {
        interruptedCreates.add(key(p.applicationId(), p.userId()));
      }
    }
    if (!plan.staged().isEmpty()) {
      engine.store.saveStaged(tenant, plan.staged());
    }
    List<String> runningStaged = new ArrayList<>();
    Set<String> stagedIds = new HashSet<>();
    for (StagedOperation s : engine.store.staged(tenant)) {
      stagedIds.add(s.id());
    }

    Map<String, List<Operation>> first = new LinkedHashMap<>();
    Map<String, List<Operation>> deferred = new LinkedHashMap<>();
    for (Operation op : plan.operations()) {
      if (stagedIds.contains(op.id())) {
        runningStaged.add(op.id());
      }
      (op.deferred() ? deferred : first)
          .computeIfAbsent(op.applicationId() + "\u0000" + op.subject(), k -> new ArrayList<>()).add(op);
      apps.computeIfAbsent(op.applicationId(), id -> new AppRun(id, engine.connector(id)));
    }
    if (!runningStaged.isEmpty()) {
      engine.store.removeStaged(tenant, runningStaged);
    }
    runPhase(first);
    runPhase(deferred);
    resolveLeftOver(leftOver);

    List<OperationOutcome> ordered = new ArrayList<>(plan.operations().size());
    int ok = 0;
    int bad = 0;
    int skipped = 0;
    for (Operation op : plan.operations()) {
      OperationOutcome o = outcomes.get(op.id());
      if (o == null) {
        o = OperationOutcome.skipped(op, "not attempted: the run was interrupted");
      }
      ordered.add(o);
      switch (o.status()) {
        case SUCCEEDED -> ok++;
        case FAILED -> bad++;
        case SKIPPED -> skipped++;
      }
    }
    if (plan.sourceSize() != null) {
      engine.store.saveSourceSize(tenant, plan.sourceSize());
    }
    Duration duration = Duration.between(started, engine.clock.instant());
    if (duration.isZero()) {
      duration = Duration.ofNanos(System.nanoTime() - startNanos);
    }
    Set<String> quarantined = new HashSet<>();
    apps.values().forEach(a -> {
      if (a.quarantineReason != null) {
        quarantined.add(a.applicationId);
      }
    });
    engine.emit(new ProvisioningEvent.RunFinished(tenant, engine.clock.instant(), ok, bad, skipped, duration));
    return new ApplyResult(tenant, started, duration, ordered, quarantined);
  }

  private void runPhase(Map<String, List<Operation>> groups) {
    if (groups.isEmpty()) {
      return;
    }
    for (Map.Entry<String, List<Operation>> e : groups.entrySet()) {
      apps.get(e.getValue().get(0).applicationId()).queue.add(e.getValue());
    }
    List<Runnable> workers = new ArrayList<>();
    for (AppRun app : apps.values()) {
      int n = Math.min(engine.concurrencyPerApplication, app.queue.size());
      for (int i = 0; i < n; i++) {
        workers.add(() -> {
          List<Operation> group;
          while ((group = app.queue.poll()) != null) {
            runGroup(app, group);
          }
        });
      }
    }
    CountDownLatch done = new CountDownLatch(workers.size());
    List<Throwable> crashes = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (Runnable w : workers) {
      try {
        engine.executor.execute(() -> {
          try {
            w.run();
          } catch (Throwable t) {
            crashes.add(t);
          } finally {
            done.countDown();
          }
        });
      } catch (RejectedExecutionException e) {
        done.countDown();
        crashes.add(e);
      }
    }
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProvisioningException("interrupted while applying the plan for tenant '" + engine.tenantId + "'", e);
    }
    if (!crashes.isEmpty()) {
      throw new ProvisioningException("applying the plan failed: " + crashes.get(0), crashes.get(0));
    }
  }

  private void runGroup(AppRun app, List<Operation> group) {
    String accountId = null;
    String brokenBy = null;
    for (Operation planned : group) {
      if (accountId == null && planned.accountId() == null && planned.userId() != null
          && planned.type() != OperationType.CREATE) {
        accountId = accountOf(planned.applicationId(), planned.userId());
      }
      Operation op = planned.accountId() == null && accountId != null ? planned.withAccountId(accountId) : planned;
      OperationOutcome outcome;
      String quarantine = app.quarantineReason;
      if (quarantine != null) {
        outcome = OperationOutcome.skipped(planned, quarantine);
      } else if (brokenBy != null) {
        outcome = OperationOutcome.skipped(planned, "not attempted: the account was not created or linked (" + brokenBy + ")");
      } else {
        outcome = execute(app, op);
        if (!planned.equals(op) || outcome.operation() != planned) {
          outcome = new OperationOutcome(planned, outcome.status(), outcome.attempts(),
              outcome.accountId() != null ? outcome.accountId() : op.accountId(), outcome.detail(),
              outcome.retryable(), outcome.error());
        }
      }
      outcomes.put(planned.id(), outcome);
      app.count(outcome);
      report(outcome);
      if (outcome.status() == OperationOutcome.Status.SUCCEEDED) {
        if (outcome.accountId() != null) {
          accountId = outcome.accountId();
        }
      } else if (planned.type() == OperationType.CREATE || planned.type() == OperationType.LINK) {
        // what follows addresses the account this made or linked; other failures (a revoke, an
        // update) do not stop the rest, so a leaver is still disabled when one revoke fails
        brokenBy = planned.id();
      }
    }
  }

  private void report(OperationOutcome o) {
    if (!engine.hasListeners()) {
      return;
    }
    Instant now = engine.clock.instant();
    OperationRef ref = OperationRef.of(o.operation(), o.accountId());
    switch (o.status()) {
      case SUCCEEDED -> engine.emit(new ProvisioningEvent.OperationSucceeded(engine.tenantId, now, ref, o.attempts(), o.detail()));
      case FAILED -> engine.emit(new ProvisioningEvent.OperationFailed(engine.tenantId, now, ref, o.attempts(), o.retryable(),
          String.valueOf(o.detail())));
      case SKIPPED -> engine.emit(new ProvisioningEvent.OperationSkipped(engine.tenantId, now, ref, String.valueOf(o.detail())));
    }
  }

  // ---------------------------------------------------------------- one operation

  private OperationOutcome execute(AppRun app, Operation op) {
    if (op.type().isStateOnly()) {
      return applyStateOnly(op);
    }
    if (op.type() != OperationType.CREATE && op.accountId() == null) {
      return OperationOutcome.failed(op, 0, "no account id: the account this operation addresses was never created", false, null);
    }
    Capabilities caps = new Capabilities(app.connector);
    OperationType type = op.type();
    String note = null;
    Capability needed = capabilityFor(type);
    if (!caps.supports(needed)) {
      OperationType fb = op.fallback();
      if (fb != null && caps.supports(capabilityFor(fb))) {
        note = "fell back to " + fb.label() + ": the application lacks " + needed;
        type = fb;
      } else {
        return OperationOutcome.skipped(op, "the application lacks capability " + needed
            + " needed to " + type.label() + (fb != null ? " (and " + capabilityFor(fb) + " for the fallback "
            + fb.label() + ")" : ""));
      }
    }
    PendingOperation pending = new PendingOperation(runId + "/" + op.id(), op.applicationId(), op.id(), type,
        op.userId(), op.accountId(), engine.clock.instant());
    engine.store.beginPending(engine.tenantId, pending);
    if (engine.hasListeners()) {
      engine.emit(new ProvisioningEvent.OperationStarted(engine.tenantId, engine.clock.instant(),
          OperationRef.of(op, op.accountId()), 1));
    }
    try {
      OperationOutcome outcome = withRetries(app, op, type);
      if (note != null && outcome.status() == OperationOutcome.Status.SUCCEEDED) {
        outcome = OperationOutcome.succeeded(op, outcome.attempts(), outcome.accountId(),
            outcome.detail() == null ? note : note + "; " + outcome.detail());
      }
      if (outcome.status() == OperationOutcome.Status.SUCCEEDED) {
        remember(op, type, outcome);
      }
      return outcome;
    } finally {
      engine.store.completePending(engine.tenantId, pending.id());
    }
  }

  /**
   * Resolves the entries an earlier, interrupted run left in the journal, of the applications
   * this run worked on, by the same rules as at start ({@link JournalRecovery}): a create
   * whose user is now linked to an account the application has is complete, and so on.
   */
  private void resolveLeftOver(List<PendingOperation> leftOver) {
    List<PendingOperation> ours = leftOver.stream().filter(p -> apps.containsKey(p.applicationId())).toList();
    if (ours.isEmpty()) {
      return;
    }
    Map<String, Connector> connectors = new LinkedHashMap<>();
    apps.forEach((id, app) -> connectors.put(id, app.connector));
    JournalRecovery.resolve(engine.store, engine.tenantId, connectors, ours);
  }

  /** Capabilities with a null-safe view: a connector returning null supports nothing. */
  private static final class Capabilities {
    private final dev.usher.core.spi.@Nullable Capabilities caps;

    Capabilities(Connector c) {
      this.caps = c.capabilities();
    }

    boolean supports(Capability c) {
      return caps != null && caps.supports(c);
    }
  }

  private static Capability capabilityFor(OperationType type) {
    return switch (type) {
      case CREATE -> Capability.CREATE_ACCOUNT;
      case UPDATE -> Capability.UPDATE_ACCOUNT;
      case ENABLE, DISABLE -> Capability.DISABLE_ACCOUNT;
      case DELETE -> Capability.DELETE_ACCOUNT;
      case GRANT, REVOKE -> Capability.GRANT;
      case LINK, UNLINK -> throw new IllegalArgumentException(type + " needs no capability");
    };
  }

  private OperationOutcome withRetries(AppRun app, Operation op, OperationType type) {
    Instant first = engine.clock.instant();
    boolean lookFirst = op.type() == OperationType.CREATE && op.userId() != null
        && interruptedCreates.contains(key(op.applicationId(), op.userId()));
    String lookWhy = "found and linked the account a previous, interrupted run created";
    for (int attempt = 1; ; attempt++) {
      try {
        if (lookFirst) {
          lookFirst = false;
          Optional<Account> found = lookup(app.connector, op);
          if (found.isPresent()) {
            return adoptExisting(app, op, found.get(), attempt, lookWhy);
          }
        }
        return send(app, op, type, attempt);
      } catch (AlreadyExistsException e) {
        if (op.type() != OperationType.CREATE) {
          return OperationOutcome.failed(op, attempt, e.getMessage(), false, e);
        }
        return onAlreadyExists(app, op, e, attempt);
      } catch (NotFoundException e) {
        if (type == OperationType.DISABLE || type == OperationType.DELETE || type == OperationType.REVOKE) {
          return OperationOutcome.succeeded(op, attempt, op.accountId(), "the account is already gone");
        }
        return OperationOutcome.failed(op, attempt, e.getMessage(), false, e);
      } catch (UnsupportedCapabilityException e) {
        return OperationOutcome.skipped(op, "the application lacks capability " + e.capability()
            + ": " + e.detail());
      } catch (ConnectorException e) {
        if (!e.isRetryable()) {
          return OperationOutcome.failed(op, attempt, e.getMessage(), false, e);
        }
        if (attempt >= engine.retry.maxAttempts()) {
          return OperationOutcome.failed(op, attempt, "gave up after " + attempt + " attempts: " + e.getMessage(), true, e);
        }
        Duration retryAfter = e instanceof RateLimitedException r ? r.retryAfter().orElse(Duration.ZERO) : Duration.ZERO;
        Duration wait = engine.retry.backoff(attempt, engine.jitter.getAsDouble(), retryAfter);
        Duration elapsed = Duration.between(first, engine.clock.instant());
        if (elapsed.plus(wait).compareTo(engine.retry.maxElapsed()) > 0) {
          return OperationOutcome.failed(op, attempt, "gave up after " + attempt + " attempts: the next wait of "
              + wait.toMillis() + " ms would exceed " + engine.retry.maxElapsed() + " for the operation: "
              + e.getMessage(), true, e);
        }
        try {
          engine.sleeper.sleep(wait);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return OperationOutcome.failed(op, attempt, "interrupted while waiting to retry: " + e.getMessage(), true, e);
        }
        if (op.type() == OperationType.CREATE && e instanceof TransientException t && t.mayHaveApplied()) {
          lookFirst = true;
          lookWhy = "the response was lost; found and linked the account it created";
        }
      } catch (RuntimeException e) {
        return OperationOutcome.failed(op, attempt, "the connector failed unexpectedly: "
            + e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : ""), false, e);
      }
    }
  }

  private OperationOutcome send(AppRun app, Operation op, OperationType type, int attempt) {
    Connector c = app.connector;
    String id = op.accountId();
    switch (type) {
      case CREATE -> {
        Account created = c.create(op.account());
        if (created == null || created.id() == null) {
          return OperationOutcome.failed(op, attempt, "the connector returned no id for the created account", false, null);
        }
        return OperationOutcome.succeeded(op, attempt, created.id(), null);
      }
      case UPDATE -> {
        List<AttributeChange> changes = toChanges(op);
        if (changes == null) {
          return OperationOutcome.failed(op, attempt, "a manager reference could not be resolved: the manager has no account in '"
              + op.applicationId() + "'", false, null);
        }
        c.update(id, changes);
      }
      case ENABLE -> c.enable(id);
      case DISABLE -> c.disable(id);
      case DELETE -> c.delete(id);
      case GRANT -> c.grant(id, op.entitlementId());
      case REVOKE -> c.revoke(id, op.entitlementId());
      default -> throw new IllegalStateException("not sent: " + type);
    }
    return OperationOutcome.succeeded(op, attempt, id, null);
  }

  private @Nullable List<AttributeChange> toChanges(Operation op) {
    List<AttributeChange> out = new ArrayList<>(op.changes().size());
    for (ValueChange v : op.changes()) {
      if (v.referencedUserId() != null) {
        String managerAccount = accountOf(op.applicationId(), v.referencedUserId());
        if (managerAccount == null) {
          return null;
        }
        out.add(AttributeChange.replace(v.attribute(), AttributeValue.of(managerAccount)));
      } else if (v.after() == null) {
        out.add(AttributeChange.remove(v.attribute()));
      } else {
        out.add(AttributeChange.replace(v.attribute(), v.after()));
      }
    }
    return out;
  }

  private @Nullable String accountOf(String applicationId, String userId) {
    String id = accountsThisRun.get(key(applicationId, userId));
    if (id != null) {
      return id;
    }
    return engine.store.link(engine.tenantId, applicationId, userId).map(Link::accountId).orElse(null);
  }

  private OperationOutcome onAlreadyExists(AppRun app, Operation op, AlreadyExistsException e, int attempt) {
    Optional<Account> existing = Optional.empty();
    if (e.existingId().isPresent() && new Capabilities(app.connector).supports(Capability.GET_ACCOUNT)) {
      existing = app.connector.get(e.existingId().get()).filter(a -> !ownedByAnother(op, a));
    }
    if (existing.isEmpty()) {
      existing = lookup(app.connector, op);
    }
    if (existing.isEmpty()) {
      return OperationOutcome.failed(op, attempt, "the application says the account already exists, but no single"
          + " account matches its correlation values: " + e.getMessage(), false, e);
    }
    return adoptExisting(app, op, existing.get(), attempt, "linked the existing account after the application said it already exists");
  }

  /** Links an account found instead of created, and updates it to the desired values. */
  private OperationOutcome adoptExisting(AppRun app, Operation op, Account found, int attempt, String how) {
    Account desired = op.account();
    List<AttributeChange> changes = new ArrayList<>();
    if (desired.userName() != null && !desired.userName().equals(found.userName())) {
      changes.add(AttributeChange.replace(Account.USER_NAME, AttributeValue.of(desired.userName())));
    }
    if (desired.externalId() != null && !desired.externalId().equals(found.externalId())) {
      changes.add(AttributeChange.replace(Account.EXTERNAL_ID, AttributeValue.of(desired.externalId())));
    }
    desired.attributes().forEach((k, v) -> {
      if (!v.equals(found.attributes().get(k))) {
        changes.add(AttributeChange.replace(k, v));
      }
    });
    String note = how;
    if (!changes.isEmpty()) {
      if (new Capabilities(app.connector).supports(Capability.UPDATE_ACCOUNT)) {
        app.connector.update(found.requireId(), changes);
        note += " and updated " + changes.size() + (changes.size() == 1 ? " attribute" : " attributes");
      } else {
        note += "; " + changes.size() + " attributes differ but the application lacks UPDATE_ACCOUNT";
      }
    }
    if (!found.active() && desired.active() && new Capabilities(app.connector).supports(Capability.DISABLE_ACCOUNT)) {
      app.connector.enable(found.requireId());
      note += " and enabled it";
    }
    return OperationOutcome.succeeded(op, attempt, found.requireId(), note);
  }

  /** Finds the account a create is for, by its correlation keys, then externalId and userName. */
  private Optional<Account> lookup(Connector c, Operation op) {
    if (!new Capabilities(c).supports(Capability.FIND_ACCOUNT)) {
      return Optional.empty();
    }
    Set<CorrelationKey> keys = new LinkedHashSet<>(op.correlation());
    Account desired = op.account();
    if (desired != null && desired.externalId() != null) {
      keys.add(new CorrelationKey(Account.EXTERNAL_ID, AttributeValue.of(desired.externalId())));
    }
    if (desired != null && desired.userName() != null) {
      keys.add(new CorrelationKey(Account.USER_NAME, AttributeValue.of(desired.userName())));
    }
    for (CorrelationKey k : keys) {
      List<Account> found = c.find(k.attribute(), k.value()).stream().filter(a -> !ownedByAnother(op, a)).toList();
      if (found.size() == 1) {
        return Optional.of(found.get(0));
      }
      if (found.size() > 1) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * True when the account must not be adopted for the operation's user: it is linked to
   * another user, or the policy's exclusion rules say it is never touched.
   */
  private boolean ownedByAnother(Operation op, Account a) {
    if (a.id() == null) {
      return true;
    }
    Application app = engine.applications.get(op.applicationId());
    if (app != null && app.policy().orphans().excludes(a)) {
      return true;
    }
    return engine.store.linkOfAccount(engine.tenantId, op.applicationId(), a.id())
        .map(l -> !l.userId().equals(op.userId())).orElse(false);
  }

  // ---------------------------------------------------------------- state

  private OperationOutcome applyStateOnly(Operation op) {
    String tenant = engine.tenantId;
    if (op.userId() == null || op.accountId() == null) {
      return OperationOutcome.failed(op, 0, op.type().label() + " needs a user and an account", false, null);
    }
    if (op.type() == OperationType.LINK) {
      Link existing = engine.store.link(tenant, op.applicationId(), op.userId()).orElse(null);
      if (existing == null || !existing.accountId().equals(op.accountId())) {
        engine.store.saveLink(tenant, Link.of(op.applicationId(), op.userId(), op.accountId(), engine.clock.instant()));
      }
      accountsThisRun.put(key(op.applicationId(), op.userId()), op.accountId());
    } else {
      engine.store.link(tenant, op.applicationId(), op.userId())
          .filter(l -> l.accountId().equals(op.accountId()))
          .ifPresent(l -> engine.store.removeLink(tenant, op.applicationId(), op.userId()));
    }
    return OperationOutcome.succeeded(op, 0, op.accountId(), null);
  }

  private void remember(Operation op, OperationType done, OperationOutcome outcome) {
    String user = op.userId();
    if (user == null) {
      return;
    }
    String tenant = engine.tenantId;
    String app = op.applicationId();
    Instant now = engine.clock.instant();
    switch (done) {
      case CREATE -> {
        String accountId = outcome.accountId();
        if (accountId != null) {
          accountsThisRun.put(key(app, user), accountId);
          engine.store.saveLink(tenant, Link.of(app, user, accountId, now).withLastApplied(applied(op.account())));
        }
      }
      case UPDATE -> engine.store.link(tenant, app, user).ifPresent(l -> {
        Map<String, AttributeValue> values = new HashMap<>(l.lastApplied());
        for (ValueChange c : op.changes()) {
          if (c.after() != null) {
            values.put(c.attribute(), c.after());
          } else if (c.referencedUserId() == null) {
            values.remove(c.attribute());
          }
        }
        engine.store.saveLink(tenant, l.withLastApplied(values));
      });
      case DISABLE -> engine.store.link(tenant, app, user)
          .ifPresent(l -> engine.store.saveLink(tenant, l.withDisabledAt(l.disabledAt() != null ? l.disabledAt() : now)));
      case ENABLE -> engine.store.link(tenant, app, user)
          .ifPresent(l -> engine.store.saveLink(tenant, l.withDisabledAt(null)));
      case DELETE -> engine.store.removeLink(tenant, app, user);
      default -> { }
    }
  }

  private static Map<String, AttributeValue> applied(@Nullable Account a) {
    Map<String, AttributeValue> values = new HashMap<>();
    if (a != null) {
      values.putAll(a.attributes());
      if (a.userName() != null) {
        values.put(Account.USER_NAME, AttributeValue.of(a.userName()));
      }
      if (a.externalId() != null) {
        values.put(Account.EXTERNAL_ID, AttributeValue.of(a.externalId()));
      }
    }
    return values;
  }

  private static String key(String applicationId, String userId) {
    return applicationId + "\u0000" + userId;
  }
}
