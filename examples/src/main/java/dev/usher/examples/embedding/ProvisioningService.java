package dev.usher.examples.embedding;

import dev.usher.core.Usher;
import dev.usher.core.engine.ApplyResult;
import dev.usher.core.model.User;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * How a service might own Usher: a full reconciliation on a schedule (catches drift and
 * anything an event missed), and immediate provisioning or offboarding when HR says so.
 * The scheduler is the service's own; Usher needs no thread of its own.
 *
 * <pre>{@code
 * ProvisioningService service = new ProvisioningService(usher, result -> log.info(result.summary()));
 * service.start(scheduler, Duration.ofMinutes(15));
 * service.onJoinerOrMover(hrEvent.user());
 * service.onLeaver("E1042");
 * }</pre>
 */
public final class ProvisioningService implements AutoCloseable {
  private final Usher usher;
  private final Consumer<ApplyResult> onRun;
  private ScheduledFuture<?> schedule;

  public ProvisioningService(Usher usher, Consumer<ApplyResult> onRun) {
    this.usher = Objects.requireNonNull(usher, "usher");
    this.onRun = Objects.requireNonNull(onRun, "onRun");
  }

  /** Reconciles everyone now and then every period, one run at a time. */
  public synchronized void start(ScheduledExecutorService scheduler, Duration period) {
    if (schedule != null) {
      throw new IllegalStateException("the service is already started");
    }
    schedule = scheduler.scheduleWithFixedDelay(this::reconcile, 0, period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One full run; a failure is reported and the next scheduled run tries again. */
  public void reconcile() {
    try {
      onRun.accept(usher.reconcile());
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again: report and keep the schedule.
      System.err.println("reconciliation failed: " + e.getMessage());
    }
  }

  /** A joiner or mover event from HR: this person's accounts now, without waiting for the schedule. */
  public ApplyResult onJoinerOrMover(User user) {
    return usher.provision(user);
  }

  /** A leaver: every account disabled or removed now, every grant revoked. */
  public ApplyResult onLeaver(String userId) {
    return usher.offboard(userId);
  }

  @Override
  public synchronized void close() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }
}
