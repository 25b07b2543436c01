package dev.usher.testkit.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} driven by hand: tasks run on the test's thread when
 * {@link #advance(Duration)} moves the fake time past their due time. Fixed-delay tasks are
 * due again one delay after they ran.
 */
final class FakeScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  private long now;
  private long sequence;
  private final List<Task> tasks = new ArrayList<>();
  private boolean shutdown;

  final class Task implements ScheduledFuture<Object> {
    final Runnable body;
    final long periodNanos;
    final long order = sequence++;
    long due;
    boolean cancelled;
    boolean done;

    Task(Runnable body, long due, long periodNanos) {
      this.body = body;
      this.due = due;
      this.periodNanos = periodNanos;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(due - now, TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      cancelled = true;
      tasks.remove(this);
      return true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return cancelled || done;
    }

    @Override
    public Object get() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }
  }

  /** Moves time forward, running every task that falls due, in due order. */
  void advance(Duration d) {
    long until = now + d.toNanos();
    while (true) {
      Task next = tasks.stream().filter(t -> t.due <= until)
          .min(Comparator.<Task>comparingLong(t -> t.due).thenComparingLong(t -> t.order)).orElse(null);
      if (next == null) {
        break;
      }
      now = Math.max(now, next.due);
      tasks.remove(next);
      next.body.run();
      if (next.periodNanos > 0 && !next.cancelled) {
        next.due = now + next.periodNanos;
        tasks.add(next);
      } else {
        next.done = true;
      }
    }
    now = until;
  }

  /** Tasks waiting to run. */
  int pending() {
    return tasks.size();
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return add(command, unit.toNanos(delay), 0);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    return add(command, unit.toNanos(initialDelay), unit.toNanos(period));
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return add(command, unit.toNanos(initialDelay), unit.toNanos(delay));
  }

  private Task add(Runnable command, long delay, long period) {
    Task t = new Task(command, now + delay, period);
    tasks.add(t);
    return t;
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }

  @Override
  public void execute(Runnable command) {
    command.run();
  }
}
