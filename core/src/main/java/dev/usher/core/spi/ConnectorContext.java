package dev.usher.core.spi;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What Usher hands a connector when it makes one: which application it serves, the clock and
 * executor to use (never its own), and HTTP settings.
 *
 * <pre>{@code
 * ConnectorContext ctx = ConnectorContext.of("slack")
 *     .withClock(Clock.systemUTC())
 *     .withHttp(HttpSettings.defaults().withRequestTimeout(Duration.ofSeconds(30)));
 * }</pre>
 *
 * @param applicationId the application the connector will serve
 * @param clock the time source; connectors never call {@code Instant.now()} directly
 * @param executor where a connector may run background work
 * @param http timeouts, User-Agent, response limits
 */
public record ConnectorContext(String applicationId, Clock clock, Executor executor, HttpSettings http) {
  public ConnectorContext {
    Objects.requireNonNull(applicationId, "applicationId");
    if (applicationId.isBlank()) {
      throw new IllegalArgumentException("applicationId is blank");
    }
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(http, "http");
  }

  /**
   * A context for this application with the UTC system clock, {@link #defaultExecutor()} and
   * default HTTP settings.
   */
  public static ConnectorContext of(String applicationId) {
    return new ConnectorContext(
        applicationId, Clock.systemUTC(), defaultExecutor(), HttpSettings.defaults());
  }

  /**
   * The executor used when the embedding service supplies none: daemon threads named
   * {@code usher-io-N}, created on demand and retired after a minute idle. Connector work
   * blocks on I/O, so it must not run on {@code ForkJoinPool.commonPool()}, which has a single
   * worker on a two-core machine. Services that care about thread budgets pass their own.
   */
  public static Executor defaultExecutor() {
    return IoThreads.EXECUTOR;
  }

  private static final class IoThreads {
    private static final AtomicInteger COUNT = new AtomicInteger();
    // Created once per class loader and never reconfigured; idle threads die, so it holds no
    // resources when Usher is idle and needs no shutdown.
    static final Executor EXECUTOR = new ThreadPoolExecutor(
        0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "usher-io-" + COUNT.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  public ConnectorContext withClock(Clock clock) {
    return new ConnectorContext(applicationId, clock, executor, http);
  }

  public ConnectorContext withExecutor(Executor executor) {
    return new ConnectorContext(applicationId, clock, executor, http);
  }

  public ConnectorContext withHttp(HttpSettings http) {
    return new ConnectorContext(applicationId, clock, executor, http);
  }

  /** Names an operation of a connector of this type serving this application, for errors. */
  public ConnectorException.Origin origin(String connectorType, String operation) {
    return new ConnectorException.Origin(connectorType, applicationId, operation);
  }
}
