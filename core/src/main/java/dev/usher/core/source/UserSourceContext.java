package dev.usher.core.source;

import dev.usher.core.spi.HttpSettings;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * What Usher hands a user source when it makes one: its name, the clock and executor to use,
 * and HTTP settings for sources that call an HR system.
 *
 * <pre>{@code
 * UserSourceContext ctx = UserSourceContext.of("hr").withClock(clock);
 * }</pre>
 *
 * @param name the source's name in messages and change detection
 * @param clock the time source
 * @param executor where a source may run background work
 * @param http timeouts, User-Agent, response limits
 */
public record UserSourceContext(String name, Clock clock, Executor executor, HttpSettings http) {
  public UserSourceContext {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name is blank");
    }
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(http, "http");
  }

  /** A context with the UTC system clock, the common pool and default HTTP settings. */
  public static UserSourceContext of(String name) {
    return new UserSourceContext(name, Clock.systemUTC(), ForkJoinPool.commonPool(), HttpSettings.defaults());
  }

  public UserSourceContext withClock(Clock clock) {
    return new UserSourceContext(name, clock, executor, http);
  }

  public UserSourceContext withExecutor(Executor executor) {
    return new UserSourceContext(name, clock, executor, http);
  }

  public UserSourceContext withHttp(HttpSettings http) {
    return new UserSourceContext(name, clock, executor, http);
  }
}
