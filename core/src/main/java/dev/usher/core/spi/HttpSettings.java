package dev.usher.core.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * How connectors that speak HTTP should behave, handed to them through
 * {@link ConnectorContext}.
 *
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for a whole answer
 * @param userAgent the {@code User-Agent} header
 * @param maxResponseBytes the largest response body accepted
 */
public record HttpSettings(
    Duration connectTimeout, Duration requestTimeout, String userAgent, long maxResponseBytes) {

  /** The version of Usher, as its jar says, for the User-Agent. */
  public static final String USHER_VERSION = version();

  public HttpSettings {
    positive(connectTimeout, "connectTimeout");
    positive(requestTimeout, "requestTimeout");
    Objects.requireNonNull(userAgent, "userAgent");
    if (maxResponseBytes < 1) {
      throw new IllegalArgumentException("maxResponseBytes must be positive, was " + maxResponseBytes);
    }
  }

  /** 10 s to connect, 60 s per request, {@code User-Agent: usher/<version>}, 64 MiB per response. */
  public static HttpSettings defaults() {
    return new HttpSettings(
        Duration.ofSeconds(10), Duration.ofSeconds(60), "usher/" + USHER_VERSION, 64L << 20);
  }

  public HttpSettings withRequestTimeout(Duration timeout) {
    return new HttpSettings(connectTimeout, timeout, userAgent, maxResponseBytes);
  }

  public HttpSettings withConnectTimeout(Duration timeout) {
    return new HttpSettings(timeout, requestTimeout, userAgent, maxResponseBytes);
  }

  public HttpSettings withMaxResponseBytes(long max) {
    return new HttpSettings(connectTimeout, requestTimeout, userAgent, max);
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }

  private static String version() {
    String v = HttpSettings.class.getPackage().getImplementationVersion();
    return v != null ? v : "dev";
  }
}
