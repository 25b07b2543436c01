package dev.usher.core.engine;

import dev.usher.core.ConfigurationException;
import dev.usher.core.events.ProvisioningEvent;
import dev.usher.core.events.ProvisioningListener;
import dev.usher.core.model.User;
import dev.usher.core.plan.Plan;
import dev.usher.core.plan.StagedOperation;
import dev.usher.core.spi.Connector;
import dev.usher.core.store.InMemoryStateStore;
import dev.usher.core.store.StateStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciliation engine of one tenant: plans over given users and applies plans. The
 * {@link dev.usher.core.Usher} facade wraps it with a user source; use the engine directly
 * when the users come from elsewhere.
 *
 * <pre>{@code
 * Engine engine = Engine.builder()
 *     .tenantId("acme")
 *     .application(new Application("github", connector, policy))
 *     .stateStore(new InMemoryStateStore())
 *     .build();
 * Plan plan = engine.plan(users);
 * ApplyResult result = engine.apply(plan);
 * }</pre>
 *
 * <p>Thread-safe. Instances share nothing: several engines (one per tenant) can run in one
 * process, on one shared executor and one shared state store.
 */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  final String tenantId;
  final Map<String, Application> applications;
  final StateStore store;
  final List<ProvisioningListener> listeners;
  final Clock clock;
  final Executor executor;
  final Sleeper sleeper;
  final DoubleSupplier jitter;
  final RetryPolicy retry;
  final QuarantinePolicy quarantine;
  final int concurrencyPerApplication;
  final int planParallelism;

  private Engine(Builder b) {
    this.tenantId = b.tenantId;
    this.applications = Collections.unmodifiableMap(new TreeMap<>(b.applications));
    this.store = b.store;
    this.listeners = List.copyOf(b.listeners);
    this.clock = b.clock;
    this.executor = b.executor;
    this.sleeper = b.sleeper;
    this.jitter = b.jitter;
    this.retry = b.retry;
    this.quarantine = b.quarantine;
    this.concurrencyPerApplication = b.concurrencyPerApplication;
    this.planParallelism = b.planParallelism;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String tenantId() {
    return tenantId;
  }

  /** The applications, by id. */
  public Map<String, Application> applications() {
    return applications;
  }

  public StateStore stateStore() {
    return store;
  }

  public Clock clock() {
    return clock;
  }

  /**
   * Plans a full run over every application: lists accounts, correlates, finds orphans and
   * applies the safety rules. Emits {@link ProvisioningEvent.PlanComputed}.
   *
   * @param users every user of the source (a user missing here is treated as gone)
   */
  public Plan plan(Collection<User> users) {
    Objects.requireNonNull(users, "users");
    return announce(new Planner(this).plan(List.copyOf(users), true));
  }

  /**
   * Plans for these users only, asking each application about their accounts (no listing,
   * no orphans, no thresholds): for on-demand provisioning and offboarding.
   */
  public Plan planFor(Collection<User> users) {
    Objects.requireNonNull(users, "users");
    return announce(new Planner(this).plan(List.copyOf(users), false));
  }

  private Plan announce(Plan plan) {
    emit(new ProvisioningEvent.PlanComputed(tenantId, clock.instant(), plan.counts(),
        plan.staged().size(), plan.warnings().size()));
    return plan;
  }

  /**
   * Applies the plan as it stands (it is never recomputed): its operations run, its staged
   * operations are kept in the state store until approved.
   *
   * @throws ConfigurationException when the plan names an application this engine does not have
   */
  public ApplyResult apply(Plan plan) {
    Objects.requireNonNull(plan, "plan");
    if (!plan.tenantId().equals(tenantId)) {
      throw new ConfigurationException("the plan was computed for tenant '" + plan.tenantId()
          + "', this engine serves tenant '" + tenantId + "'");
    }
    plan.operations().forEach(o -> connector(o.applicationId()));
    return new Applier(this, plan).run();
  }

  /** The operations staged by earlier runs, waiting for approval. */
  public List<StagedOperation> staged() {
    return store.staged(tenantId);
  }

  /**
   * Runs staged operations now.
   *
   * @throws IllegalArgumentException naming the ids that are not staged
   */
  public ApplyResult approve(Collection<String> stagedIds) {
    Set<String> wanted = new LinkedHashSet<>(stagedIds);
    List<dev.usher.core.plan.Operation> ops = new ArrayList<>();
    for (StagedOperation s : store.staged(tenantId)) {
      if (wanted.remove(s.id())) {
        ops.add(s.operation());
      }
    }
    if (!wanted.isEmpty()) {
      throw new IllegalArgumentException("not staged for tenant '" + tenantId + "': " + wanted);
    }
    Plan plan = new Plan(tenantId, clock.instant(), ops, List.of(), List.of(), Map.of(), null);
    return apply(plan);
  }

  Connector connector(String applicationId) {
    Application app = applications.get(applicationId);
    if (app == null) {
      throw new ConfigurationException("the plan names application '" + applicationId
          + "', which is not configured; configured: " + applications.keySet());
    }
    return app.connector();
  }

  boolean hasListeners() {
    return !listeners.isEmpty();
  }

  void emit(ProvisioningEvent event) {
    for (ProvisioningListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("provisioning listener {} failed on {}: {}", l, event.name(), e.toString());
      }
    }
  }

  /** Builds {@link Engine}s; not thread-safe. */
  public static final class Builder {
    private String tenantId = "default";
    private final Map<String, Application> applications = new TreeMap<>();
    private StateStore store = new InMemoryStateStore();
    private final List<ProvisioningListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Executor executor = ForkJoinPool.commonPool();
    private Sleeper sleeper = Sleeper.system();
    private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
    private RetryPolicy retry = RetryPolicy.defaults();
    private QuarantinePolicy quarantine = QuarantinePolicy.defaults();
    private int concurrencyPerApplication = 4;
    private int planParallelism = 1;

    private Builder() {}

    /** The tenant this engine serves; namespaces the state store. Default {@code default}. */
    public Builder tenantId(String tenantId) {
      Objects.requireNonNull(tenantId, "tenantId");
      if (tenantId.isBlank()) {
        throw new IllegalArgumentException("tenantId is blank");
      }
      this.tenantId = tenantId;
      return this;
    }

    /** Adds an application. */
    public Builder application(Application application) {
      Objects.requireNonNull(application, "application");
      if (applications.putIfAbsent(application.id(), application) != null) {
        throw new ConfigurationException("application '" + application.id() + "' is configured twice");
      }
      return this;
    }

    public Builder stateStore(StateStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    public Builder listener(ProvisioningListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where operations and planning chunks run; may be shared by many engines. Default: the common pool. */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** How the engine waits between retries (tests inject one that does not sleep). */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** The source of jitter, numbers in [0, 1). Default: {@link ThreadLocalRandom}. */
    public Builder jitter(DoubleSupplier jitter) {
      this.jitter = Objects.requireNonNull(jitter, "jitter");
      return this;
    }

    public Builder retryPolicy(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    public Builder quarantinePolicy(QuarantinePolicy quarantine) {
      this.quarantine = Objects.requireNonNull(quarantine, "quarantine");
      return this;
    }

    /** At most this many operations in flight per application. Default 4. */
    public Builder concurrencyPerApplication(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("concurrencyPerApplication must be at least 1, was " + limit);
      }
      this.concurrencyPerApplication = limit;
      return this;
    }

    /** How many executor tasks plan users in parallel. Default 1 (on the calling thread). */
    public Builder planParallelism(int parallelism) {
      if (parallelism < 1) {
        throw new IllegalArgumentException("planParallelism must be at least 1, was " + parallelism);
      }
      this.planParallelism = parallelism;
      return this;
    }

    public Engine build() {
      return new Engine(this);
    }
  }
}
