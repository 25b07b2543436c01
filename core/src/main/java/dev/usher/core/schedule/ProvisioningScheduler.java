package dev.usher.core.schedule;

import dev.usher.core.Usher;
import dev.usher.core.engine.ApplyResult;
import dev.usher.core.engine.Engine;
import dev.usher.core.model.User;
import dev.usher.core.plan.Operation;
import dev.usher.core.plan.Plan;
import dev.usher.core.plan.StagedOperation;
import dev.usher.core.schedule.RunProgress.Kind;
import dev.usher.core.schedule.RunProgress.Phase;
import dev.usher.core.source.ChangeBatch;
import dev.usher.core.source.ChangeDetector;
import dev.usher.core.source.ChangeFeed;
import dev.usher.core.source.ChangeSet;
import dev.usher.core.source.FullRunUsers;
import dev.usher.core.source.LifecycleEvent;
import dev.usher.core.source.UserSnapshot;
import dev.usher.core.source.UserSource;
import dev.usher.core.source.UserSourceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs provisioning on a schedule: a periodic full reconciliation of every person against
 * every application, and frequent change polling that provisions only the people who
 * changed (a leaver is offboarded within one poll interval, never waiting for the next full
 * run).
 *
 * <pre>{@code
 * ProvisioningScheduler scheduler = ProvisioningScheduler.builder(usher, hrSource, detector)
 *     .executor(scheduledExecutor)
 *     .fullReconciliationEvery(Duration.ofHours(6))
 *     .pollChangesEvery(Duration.ofMinutes(5))
 *     .progress(p -> log.info("{}", p))
 *     .build();
 * scheduler.start();
 * ...
 * scheduler.stop();                              // no new runs; the current one winds down
 * scheduler.awaitIdle(Duration.ofMinutes(1));    // wait for it
 * }</pre>
 *
 * <p>Runs never overlap: a run due while another is in progress is skipped (reported as
 * {@link Phase#SKIPPED}). A run that fails is reported as {@link Phase#FAILED} and the schedule
 * goes on. A full run first detects changes (keeping the detector's memory current) and is
 * skipped when the snapshot is suspicious or unsafe (see {@link FullRunUsers}).
 *
 * <p>Change polling uses the source's change feed from the token the detector remembers, and
 * falls back to a snapshot and change detection when the source has no feed, no token is
 * known yet, or the feed rejects the token.
 *
 * <p><b>Stopping</b> is graceful: {@link #stop()} cancels future runs at once; a full run in
 * progress finishes the application it is applying and stops (the next full run recomputes
 * the rest); a change poll in progress finishes every person of its batch, since the detector
 * has already consumed those changes. Operations interrupted by a crash stay in the state
 * store's journal.
 */
public final class ProvisioningScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProvisioningScheduler.class);

  private final Usher usher;
  private final UserSource source;
  private final ChangeDetector detector;
  private final ScheduledExecutorService executor;
  private final @Nullable Duration fullEvery;
  private final @Nullable Duration pollEvery;
  private final Consumer<RunProgress> progress;
  private final FullRunUsers fullRunUsers;
  private final ReentrantLock running = new ReentrantLock();
  private final List<ScheduledFuture<?>> futures = new ArrayList<>();
  private volatile boolean started;
  private volatile boolean stopping;

  private ProvisioningScheduler(Builder b) {
    this.usher = b.usher;
    this.source = b.source;
    this.detector = b.detector;
    this.executor = Objects.requireNonNull(b.executor, "executor: a ScheduledExecutorService is required");
    this.fullEvery = b.fullEvery;
    this.pollEvery = b.pollEvery;
    this.progress = b.progress;
    Engine engine = usher.engine();
    this.fullRunUsers = FullRunUsers.of(source, id -> engine.applications().keySet().stream()
        .anyMatch(app -> engine.stateStore().link(engine.tenantId(), app, id).isPresent()));
  }

  /**
   * A scheduler for this instance, reading this source and detecting changes with this
   * detector.
   */
  public static Builder builder(Usher usher, UserSource source, ChangeDetector detector) {
    return new Builder(Objects.requireNonNull(usher, "usher"), Objects.requireNonNull(source, "source"),
        Objects.requireNonNull(detector, "detector"));
  }

  /**
   * Schedules the runs: the first full reconciliation at once, then one every period after
   * the previous ended; the first change poll one poll period from now.
   *
   * @throws IllegalStateException when started before, or stopped
   */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("the scheduler was started already; build a new one to start again");
    }
    started = true;
    if (fullEvery != null) {
      futures.add(executor.scheduleWithFixedDelay(this::scheduledFullRun, 0, fullEvery.toNanos(), TimeUnit.NANOSECONDS));
    }
    if (pollEvery != null) {
      futures.add(executor.scheduleWithFixedDelay(this::scheduledPoll, pollEvery.toNanos(), pollEvery.toNanos(),
          TimeUnit.NANOSECONDS));
    }
  }

  /** Cancels every future run and asks a run in progress to wind down (see the class comment). Returns at once. */
  public synchronized void stop() {
    stopping = true;
    futures.forEach(f -> f.cancel(false));
    futures.clear();
  }

  /** True once {@link #stop()} was called. */
  public boolean isStopped() {
    return stopping;
  }

  /**
   * Waits until no run is in progress.
   *
   * @return false when a run was still in progress after {@code timeout}
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    if (running.isHeldByCurrentThread()) {
      return false;
    }
    if (running.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      running.unlock();
      return true;
    }
    return false;
  }

  /** Stops and waits up to 30 seconds for the run in progress. */
  @Override
  public void close() {
    stop();
    try {
      if (!awaitIdle(Duration.ofSeconds(30))) {
        LOG.warn("a provisioning run was still in progress 30 s after stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void scheduledFullRun() {
    if (!stopping) {
      runFullReconciliation();
    }
  }

  private void scheduledPoll() {
    if (!stopping) {
      pollChanges();
    }
  }

  /**
   * Runs a full reconciliation now, on the calling thread, unless another run is in progress.
   *
   * @return the last progress reported
   */
  public RunProgress runFullReconciliation() {
    if (running.isHeldByCurrentThread() || !running.tryLock()) {
      return report(new RunProgress(Kind.FULL_RECONCILIATION, Phase.SKIPPED, 0, 0, 0, 0, "another run is in progress"));
    }
    try {
      return fullRun();
    } catch (RuntimeException e) {
      LOG.warn("full reconciliation failed", e);
      return report(new RunProgress(Kind.FULL_RECONCILIATION, Phase.FAILED, 0, 0, 0, 0, String.valueOf(e.getMessage())));
    } finally {
      running.unlock();
    }
  }

  private RunProgress fullRun() {
    Kind kind = Kind.FULL_RECONCILIATION;
    report(new RunProgress(kind, Phase.STARTED, 0, 0, 0, 0, null));
    UserSnapshot snapshot = source.snapshot();
    ChangeSet changes = detector.detect(snapshot);
    if (changes.suspicious()) {
      return report(new RunProgress(kind, Phase.SKIPPED, 0, snapshot.users().size(), 0, 0,
          String.join("; ", changes.warnings())));
    }
    List<User> users;
    try {
      users = fullRunUsers.usersOf(snapshot);
    } catch (UserSourceException e) {
      return report(new RunProgress(kind, Phase.SKIPPED, 0, snapshot.users().size(), 0, 0, e.getMessage()));
    }
    Plan plan = usher.engine().plan(users);
    int planned = plan.operations().size();
    int people = users.size();
    report(new RunProgress(kind, Phase.PLANNED, people, people, 0, planned, null));
    int done = 0;
    for (Plan part : byApplication(plan)) {
      if (stopping) {
        return report(new RunProgress(kind, Phase.STOPPED, people, people, done, planned,
            "stopped; the next full run recomputes what was not applied"));
      }
      ApplyResult result = usher.apply(part);
      done += result.outcomes().size();
      report(new RunProgress(kind, Phase.APPLYING, people, people, done, planned, null));
    }
    return report(new RunProgress(kind, Phase.FINISHED, people, people, done, planned, null));
  }

  /** The plan cut per application, so progress and stopping can happen between applications. */
  private static List<Plan> byApplication(Plan plan) {
    TreeSet<String> apps = new TreeSet<>();
    plan.operations().forEach(o -> apps.add(o.applicationId()));
    plan.staged().forEach(s -> apps.add(s.operation().applicationId()));
    List<Plan> parts = new ArrayList<>();
    for (String app : apps) {
      List<Operation> ops = plan.operations(app);
      List<StagedOperation> staged = plan.staged().stream()
          .filter(s -> s.operation().applicationId().equals(app)).toList();
      parts.add(new Plan(plan.tenantId(), plan.createdAt(), ops, staged, plan.warnings(), plan.situations(),
          plan.sourceSize()));
    }
    return parts;
  }

  /**
   * Polls for changes now, on the calling thread, and provisions the people affected, unless
   * another run is in progress.
   *
   * @return the last progress reported
   */
  public RunProgress pollChanges() {
    if (running.isHeldByCurrentThread() || !running.tryLock()) {
      return report(new RunProgress(Kind.CHANGE_POLL, Phase.SKIPPED, 0, 0, 0, 0, "another run is in progress"));
    }
    try {
      return poll();
    } catch (RuntimeException e) {
      LOG.warn("change poll failed", e);
      return report(new RunProgress(Kind.CHANGE_POLL, Phase.FAILED, 0, 0, 0, 0, String.valueOf(e.getMessage())));
    } finally {
      running.unlock();
    }
  }

  private RunProgress poll() {
    Kind kind = Kind.CHANGE_POLL;
    report(new RunProgress(kind, Phase.STARTED, 0, 0, 0, 0, null));
    ChangeSet changes = changes();
    Map<String, List<LifecycleEvent>> byPerson = new LinkedHashMap<>();
    changes.events().forEach(e -> byPerson.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(e));
    int people = byPerson.size();
    String warning = changes.warnings().isEmpty() ? null : String.join("; ", changes.warnings());
    report(new RunProgress(kind, Phase.PLANNED, 0, people, 0, 0, warning));
    int processed = 0;
    int planned = 0;
    int done = 0;
    // Every person of the batch is provisioned even when stopping: the detector has consumed these changes.
    for (List<LifecycleEvent> events : byPerson.values()) {
      ApplyResult result = usher.handle(events);
      processed++;
      planned += result.outcomes().size();
      done += result.outcomes().size();
      report(new RunProgress(kind, Phase.APPLYING, processed, people, done, planned, null));
    }
    return report(new RunProgress(kind, stopping ? Phase.STOPPED : Phase.FINISHED, processed, people, done, planned,
        warning));
  }

  private ChangeSet changes() {
    Optional<ChangeFeed> feed = source.changeFeed();
    Optional<String> token = detector.changeToken(source.name());
    if (feed.isPresent() && token.isPresent()) {
      try {
        ChangeBatch batch = feed.get().changesSince(token.get());
        return detector.apply(source.name(), batch);
      } catch (UserSourceException e) {
        LOG.warn("change feed of {} refused token; taking a snapshot instead: {}", source.name(), e.getMessage());
      }
    }
    return detector.detect(source.snapshot());
  }

  private RunProgress report(RunProgress p) {
    try {
      progress.accept(p);
    } catch (RuntimeException e) {
      LOG.warn("progress callback failed on {}", p, e);
    }
    return p;
  }

  @Override
  public String toString() {
    return "ProvisioningScheduler[" + source.name() + ", full every " + fullEvery + ", poll every " + pollEvery
        + (stopping ? ", stopped" : started ? ", started" : "") + "]";
  }

  /** Configures a {@link ProvisioningScheduler}. */
  public static final class Builder {
    private final Usher usher;
    private final UserSource source;
    private final ChangeDetector detector;
    private @Nullable ScheduledExecutorService executor;
    private @Nullable Duration fullEvery;
    private @Nullable Duration pollEvery;
    private Consumer<RunProgress> progress = p -> { };

    private Builder(Usher usher, UserSource source, ChangeDetector detector) {
      this.usher = usher;
      this.source = source;
      this.detector = detector;
    }

    /** Where runs are scheduled and run; the scheduler never shuts it down (it is the caller's). */
    public Builder executor(ScheduledExecutorService executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** The delay between the end of one full reconciliation and the start of the next; none when not set. */
    public Builder fullReconciliationEvery(Duration period) {
      this.fullEvery = positive(period, "fullReconciliationEvery");
      return this;
    }

    /** The delay between the end of one change poll and the start of the next; none when not set. */
    public Builder pollChangesEvery(Duration period) {
      this.pollEvery = positive(period, "pollChangesEvery");
      return this;
    }

    /** Receives progress reports, on the thread running the run; must be quick. */
    public Builder progress(Consumer<RunProgress> progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }

    /**
     * The scheduler, not yet started.
     *
     * @throws NullPointerException when no executor was given
     * @throws IllegalArgumentException when neither full runs nor polls are scheduled
     */
    public ProvisioningScheduler build() {
      if (fullEvery == null && pollEvery == null) {
        throw new IllegalArgumentException("nothing to schedule: set fullReconciliationEvery and/or pollChangesEvery");
      }
      return new ProvisioningScheduler(this);
    }
  }
}
