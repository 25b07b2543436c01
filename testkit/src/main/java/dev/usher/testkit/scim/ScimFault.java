package dev.usher.testkit.scim;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A fault the {@link FakeScimServer} injects into its next matching requests.
 *
 * <pre>{@code
 * server.inject(ScimFault.status(503).withRetryAfter(Duration.ofSeconds(2)).times(2));
 * server.inject(ScimFault.dropConnection().matching("POST", "/Users"));
 * server.inject(ScimFault.loseResponse().matching("PATCH", "/Groups"));
 * }</pre>
 *
 * <p>Paths are matched as prefixes of the request path below the base path (so {@code "/Users"}
 * matches {@code /scim/v2/Users/42}). A fault applies to one request unless {@link #times(int)}
 * says more. Faults are immutable; every {@code with...} method returns a changed copy.
 */
public final class ScimFault {

  /** What happens to a faulted request. */
  public enum Kind {
    /** The request is not processed; the server answers a status (with a SCIM Error body). */
    STATUS,
    /** The request is not processed; the server closes the connection without an answer. */
    DROP_CONNECTION,
    /** The request is processed (the change is applied) but the connection closes before the answer. */
    LOSE_RESPONSE
  }

  private final Kind kind;
  private final int status;
  private final @Nullable Duration retryAfter;
  private final @Nullable String method;
  private final String pathPrefix;
  private final int times;

  private ScimFault(Kind kind, int status, @Nullable Duration retryAfter, @Nullable String method,
      String pathPrefix, int times) {
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
    this.method = method;
    this.pathPrefix = pathPrefix;
    this.times = times;
  }

  /** Answer {@code status} (400 to 599) instead of processing the request. */
  public static ScimFault status(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("fault status must be 400..599, not " + status);
    }
    return new ScimFault(Kind.STATUS, status, null, null, "", 1);
  }

  /** Close the connection without processing the request or answering. */
  public static ScimFault dropConnection() {
    return new ScimFault(Kind.DROP_CONNECTION, 0, null, null, "", 1);
  }

  /** Process the request (apply the change), then close the connection without answering. */
  public static ScimFault loseResponse() {
    return new ScimFault(Kind.LOSE_RESPONSE, 0, null, null, "", 1);
  }

  /** Adds a {@code Retry-After} header (whole seconds, rounded up) to a status fault. */
  public ScimFault withRetryAfter(Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (kind != Kind.STATUS) {
      throw new IllegalStateException("Retry-After only applies to a status fault, not " + kind);
    }
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
    }
    return new ScimFault(kind, status, retryAfter, method, pathPrefix, times);
  }

  /** Applies only to requests with this method (any case) whose path below the base path starts with the prefix. */
  public ScimFault matching(String method, String pathPrefix) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathPrefix, "pathPrefix");
    if (method.isBlank()) {
      throw new IllegalArgumentException("method must not be blank");
    }
    return new ScimFault(kind, status, retryAfter, method.toUpperCase(Locale.ROOT), pathPrefix, times);
  }

  /** Applies to any method whose path below the base path starts with the prefix. */
  public ScimFault matchingPath(String pathPrefix) {
    Objects.requireNonNull(pathPrefix, "pathPrefix");
    return new ScimFault(kind, status, retryAfter, null, pathPrefix, times);
  }

  /** Applies to the next {@code times} matching requests (at least 1). */
  public ScimFault times(int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, not " + times);
    }
    return new ScimFault(kind, status, retryAfter, method, pathPrefix, times);
  }

  /** What the fault does to a request. */
  public Kind kind() {
    return kind;
  }

  /** The status a {@link Kind#STATUS} fault answers; 0 for the other kinds. */
  public int status() {
    return status;
  }

  /** The Retry-After a status fault sends; null for none. */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }

  /** The method matched, upper-case; null for any. */
  public @Nullable String method() {
    return method;
  }

  /** The prefix of the path below the base path that the fault applies to; empty for any. */
  public String pathPrefix() {
    return pathPrefix;
  }

  /** How many matching requests the fault applies to. */
  public int times() {
    return times;
  }

  boolean matches(String requestMethod, String relativePath) {
    return (method == null || method.equalsIgnoreCase(requestMethod)) && relativePath.startsWith(pathPrefix);
  }

  @Override
  public String toString() {
    return "ScimFault[" + kind + (kind == Kind.STATUS ? " " + status : "")
        + (retryAfter == null ? "" : " retryAfter=" + retryAfter)
        + " on " + (method == null ? "any method" : method) + " " + (pathPrefix.isEmpty() ? "any path" : pathPrefix + "*")
        + " x" + times + "]";
  }
}
