package dev.usher.core.spi;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

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

  /** A context for this application with the UTC system clock, the common pool and default HTTP settings. */
  public static ConnectorContext of(String applicationId) {
    return new ConnectorContext(
        applicationId, Clock.systemUTC(), ForkJoinPool.commonPool(), HttpSettings.defaults());
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
