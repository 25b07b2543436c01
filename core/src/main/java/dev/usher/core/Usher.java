package dev.usher.core;

import dev.usher.core.engine.Application;
import dev.usher.core.engine.ApplyResult;
import dev.usher.core.engine.Engine;
import dev.usher.core.engine.QuarantinePolicy;
import dev.usher.core.engine.RetryPolicy;
import dev.usher.core.engine.Sleeper;
import dev.usher.core.events.ProvisioningListener;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import dev.usher.core.plan.Plan;
import dev.usher.core.plan.StagedOperation;
import dev.usher.core.policy.Policy;
import dev.usher.core.source.ChangeSet;
import dev.usher.core.source.FullRunUsers;
import dev.usher.core.source.LifecycleEvent;
import dev.usher.core.source.UserSource;
import dev.usher.core.spi.Connector;
import dev.usher.core.store.JournalRecovery;
import dev.usher.core.store.StateStore;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Keeps people's application accounts in step with who they are: joiners get accounts,
 * movers' accounts follow them, leavers lose everything.
 *
 * <pre>{@code
 * Usher usher = Usher.builder()
 *     .tenantId("acme")
 *     .application("github", githubConnector, Policy.load(Path.of("github.yaml")))
 *     .application("slack", slackConnector, Policy.load(Path.of("slack.yaml")))
 *     .users(() -> hr.exportUsers())
 *     .listener(AuditLog.jsonLines(Path.of("audit.jsonl")))
 *     .build();
 *
 * Plan plan = usher.plan();              // a value: print it, assert on it, approve it
 * System.out.println(plan.summary());
 * ApplyResult result = usher.apply(plan);
 * usher.offboard("E1042");               // a leaver: now, everywhere
 * }</pre>
 *
 * <p>Before its first plan or apply, an instance resolves the journal entries a crashed
 * process left behind ({@link #recover()}), so a retry never creates a duplicate account.
 *
 * <p>Thread-safe and free of static state: a process may hold one instance per tenant, all on
 * one shared executor and state store (which keeps tenants apart).
 */
public final class Usher {
  private final Engine engine;
  private final Supplier<? extends Collection<User>> users;
  private final Object recovering = new Object();
  private volatile boolean recovered;

  private Usher(Engine engine, Supplier<? extends Collection<User>> users) {
    this.engine = engine;
    this.users = users;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The engine behind this facade (for plans over other users, or direct access to settings). */
  public Engine engine() {
    return engine;
  }

  public String tenantId() {
    return engine.tenantId();
  }

  /**
   * Resolves the journal entries a crashed process left PENDING, against the applications
   * (read back; see {@link JournalRecovery}), and returns what was resolved. Every other call
   * of this instance does this first, once; call it yourself to run it at start, to log the
   * report, or to run it again (for example after an application that could not be reached
   * is back). Entries it cannot decide stay pending for the next apply, which looks a pending
   * create's account up before creating it.
   *
   * @throws dev.usher.core.store.StateStoreException when the store cannot be read or written
   */
  public JournalRecovery.Report recover() {
    synchronized (recovering) {
      Map<String, Connector> connectors = new LinkedHashMap<>();
      engine.applications().forEach((id, app) -> connectors.put(id, app.connector()));
      JournalRecovery.Report report = JournalRecovery.resolve(engine.stateStore(), engine.tenantId(), connectors);
      recovered = true;
      return report;
    }
  }

  /** Runs {@link #recover()} once per instance, before the first plan or apply. */
  private void recoverOnce() {
    if (recovered) {
      return;
    }
    synchronized (recovering) {
      if (!recovered) {
        recover();
      }
    }
  }

  /** Plans a full run over every user of the source and every application. */
  public Plan plan() {
    recoverOnce();
    return engine.plan(loadUsers());
  }

  /** Applies a plan as it stands; staged operations are kept until approved. */
  public ApplyResult apply(Plan plan) {
    recoverOnce();
    return engine.apply(plan);
  }

  /** Plans and applies a full run. */
  public ApplyResult reconcile() {
    return apply(plan());
  }

  /**
   * Plans for one user of the source across every application, asking the applications about
   * that user only.
   *
   * @throws IllegalArgumentException when the source has no user with this id
   */
  public Plan planFor(String userId) {
    Objects.requireNonNull(userId, "userId");
    recoverOnce();
    User user = findUser(userId).orElseThrow(() -> new IllegalArgumentException(
        "the user source has no user with id '" + userId + "'"));
    return engine.planFor(List.of(user));
  }

  /** Provisions this user now across every application (a joiner or a mover, on demand). */
  public ApplyResult provision(User user) {
    Objects.requireNonNull(user, "user");
    recoverOnce();
    return engine.apply(engine.planFor(List.of(user)));
  }

  /**
   * Offboards a user now: in every application, revokes every managed grant and disables or
   * deletes the account per policy (DISABLE_THEN_DELETE disables now; a later run deletes
   * after the grace period). The user need not be in the source any more.
   */
  public ApplyResult offboard(String userId) {
    Objects.requireNonNull(userId, "userId");
    recoverOnce();
    User user;
    try {
      user = findUser(userId).orElseGet(() -> User.builder(userId).build());
    } catch (ProvisioningException e) {
      // A source that cannot be read must not delay a leaver: offboard by id alone.
      user = User.builder(userId).build();
    }
    User leaver = user.toBuilder().status(UserStatus.TERMINATED).build();
    return engine.apply(engine.planFor(List.of(leaver)));
  }

  /**
   * Provisions the people these lifecycle events affect, now, in one plan across every
   * application: a joiner gets the accounts in scope, a mover's accounts follow, a leaver is
   * offboarded everywhere (as TERMINATED, whatever the reason they left). Nobody else is
   * looked at, and no application is listed.
   *
   * <pre>{@code
   * ChangeSet changes = detector.detect(source.snapshot());
   * usher.handle(changes);
   * }</pre>
   */
  public ApplyResult handle(ChangeSet changes) {
    Objects.requireNonNull(changes, "changes");
    return handle(changes.events());
  }

  /** Provisions the people these events affect, now, in one plan (see {@link #handle(ChangeSet)}). */
  public ApplyResult handle(Collection<LifecycleEvent> events) {
    Objects.requireNonNull(events, "events");
    java.util.Map<String, User> affected = new java.util.LinkedHashMap<>();
    for (LifecycleEvent e : events) {
      User u = e.type() == LifecycleEvent.Type.LEAVER
          ? e.user().toBuilder().status(UserStatus.TERMINATED).build()
          : e.user();
      affected.put(u.id(), u); // the last event of a person wins
    }
    recoverOnce();
    return engine.apply(engine.planFor(List.copyOf(affected.values())));
  }

  /** The staged operations waiting for approval. */
  public List<StagedOperation> staged() {
    return engine.staged();
  }

  /**
   * Runs these staged operations now.
   *
   * @throws IllegalArgumentException naming ids that are not staged
   */
  public ApplyResult approve(Collection<String> stagedIds) {
    Objects.requireNonNull(stagedIds, "stagedIds");
    recoverOnce();
    return engine.approve(stagedIds);
  }

  private Optional<User> findUser(String userId) {
    for (User u : loadUsers()) {
      if (u.id().equals(userId)) {
        return Optional.of(u);
      }
    }
    return Optional.empty();
  }

  private List<User> loadUsers() {
    Collection<User> loaded;
    try {
      loaded = users.get();
    } catch (ProvisioningException e) {
      throw e; // already says what went wrong with the source
    } catch (RuntimeException e) {
      throw new ProvisioningException("the user source failed: " + e.getMessage(), e);
    }
    if (loaded == null) {
      throw new ProvisioningException("the user source returned null instead of a collection of users");
    }
    int i = 0;
    for (User u : loaded) {
      if (u == null) {
        throw new ProvisioningException("the user source returned null at position " + i);
      }
      i++;
    }
    return List.copyOf(loaded);
  }

  /** Builds {@link Usher} instances; not thread-safe. */
  public static final class Builder {
    private final Engine.Builder engine = Engine.builder();
    private Supplier<? extends Collection<User>> users = List::of;
    private @Nullable UserSource source;

    private Builder() {}

    /** The tenant (customer organisation) this instance serves; namespaces the state store. */
    public Builder tenantId(String tenantId) {
      engine.tenantId(tenantId);
      return this;
    }

    /**
     * Adds an application: its connector and its policy.
     *
     * @throws ConfigurationException when the id is taken or the policy is another application's
     */
    public Builder application(String id, Connector connector, Policy policy) {
      engine.application(new Application(id, connector, policy));
      return this;
    }

    /** The users, fixed. */
    public Builder users(Collection<User> users) {
      this.source = null;
      List<User> copy = List.copyOf(Objects.requireNonNull(users, "users"));
      this.users = () -> copy;
      return this;
    }

    /**
     * The users, read from this source at each full plan. A snapshot that could make someone
     * look gone (incomplete, or with bad rows of people who have accounts) is refused with a
     * {@link dev.usher.core.source.UserSourceException} instead of offboarding them; see
     * {@link FullRunUsers}.
     */
    public Builder userSource(UserSource source) {
      Objects.requireNonNull(source, "source");
      this.source = source;
      return this;
    }

    /** The users, asked for at each plan (an HR export re-read, a directory query). */
    public Builder users(Supplier<? extends Collection<User>> users) {
      this.source = null;
      this.users = Objects.requireNonNull(users, "users");
      return this;
    }

    public Builder stateStore(StateStore store) {
      engine.stateStore(store);
      return this;
    }

    public Builder listener(ProvisioningListener listener) {
      engine.listener(listener);
      return this;
    }

    public Builder clock(Clock clock) {
      engine.clock(clock);
      return this;
    }

    public Builder executor(Executor executor) {
      engine.executor(executor);
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      engine.sleeper(sleeper);
      return this;
    }

    public Builder jitter(DoubleSupplier jitter) {
      engine.jitter(jitter);
      return this;
    }

    public Builder retryPolicy(RetryPolicy retry) {
      engine.retryPolicy(retry);
      return this;
    }

    public Builder quarantinePolicy(QuarantinePolicy quarantine) {
      engine.quarantinePolicy(quarantine);
      return this;
    }

    public Builder concurrencyPerApplication(int limit) {
      engine.concurrencyPerApplication(limit);
      return this;
    }

    public Builder planParallelism(int parallelism) {
      engine.planParallelism(parallelism);
      return this;
    }

    public Usher build() {
      Engine built = engine.build();
      Supplier<? extends Collection<User>> from = users;
      if (source != null) {
        from = FullRunUsers.of(source, id -> built.applications().keySet().stream()
            .anyMatch(app -> built.stateStore().link(built.tenantId(), app, id).isPresent()));
      }
      return new Usher(built, from);
    }
  }
}
