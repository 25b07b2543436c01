package dev.usher.core.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Maps an unsuccessful HTTP answer to the connector error taxonomy, for connectors of any
 * HTTP stack.
 *
 * <table>
 *   <caption>Status to exception</caption>
 *   <tr><th>status</th><th>exception</th><th>retryable</th></tr>
 *   <tr><td>400, 405, 412, 413, 415, 422, other 4xx</td><td>{@link InvalidRequestException}</td><td>no</td></tr>
 *   <tr><td>401</td><td>{@link UnauthorizedException}</td><td>no</td></tr>
 *   <tr><td>403</td><td>{@link ForbiddenException}; with Retry-After or an exhausted
 *       rate limit, {@link RateLimitedException}</td><td>no / yes</td></tr>
 *   <tr><td>404</td><td>{@link NotFoundException}</td><td>no</td></tr>
 *   <tr><td>408</td><td>{@link TransientException}</td><td>yes</td></tr>
 *   <tr><td>409</td><td>{@link AlreadyExistsException}</td><td>no</td></tr>
 *   <tr><td>429</td><td>{@link RateLimitedException}</td><td>yes</td></tr>
 *   <tr><td>503 with Retry-After</td><td>{@link RateLimitedException}</td><td>yes</td></tr>
 *   <tr><td>other 5xx</td><td>{@link TransientException}</td><td>yes</td></tr>
 * </table>
 *
 * <p>{@code Retry-After} is read in both of its forms, delay-seconds and HTTP-date (relative to
 * the injected clock); {@code X-RateLimit-Remaining: 0} with {@code X-RateLimit-Reset} (epoch
 * seconds) counts as a rate limit too.
 *
 * <pre>{@code
 * throw HttpFailures.toException(origin, 429, response.headers(), "too many requests", clock);
 * }</pre>
 */
public final class HttpFailures {
  private HttpFailures() {}

  /**
   * The exception for this answer.
   *
   * @param headers response headers; names are matched without regard to case
   * @param detail what the server said, already stripped of anything secret; may be null
   * @throws IllegalArgumentException for a status below 300, which is not a failure
   */
  public static ConnectorException toException(
      ConnectorException.Origin origin,
      int status,
      Map<String, List<String>> headers,
      @Nullable String detail,
      Clock clock) {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(clock, "clock");
    if (status < 300) {
      throw new IllegalArgumentException("HTTP " + status + " is not a failure");
    }
    Map<String, String> h = firstValues(headers);
    String text = detail == null || detail.isBlank() ? reason(status) : detail;
    Duration retryAfter = retryAfter(h, clock);
    String limit = limitInfo(h);
    switch (status) {
      case 401:
        return new UnauthorizedException(origin, status, text, null);
      case 403:
        if (retryAfter != null || "0".equals(h.get("x-ratelimit-remaining"))) {
          return new RateLimitedException(origin, status, text, retryAfter, limit);
        }
        return new ForbiddenException(origin, status, text);
      case 404:
        return new NotFoundException(origin, status, text);
      case 408:
        return new TransientException(origin, status, text, null, false);
      case 409:
        return new AlreadyExistsException(origin, status, text, null);
      case 429:
        return new RateLimitedException(origin, status, text, retryAfter, limit);
      case 503:
        if (retryAfter != null) {
          return new RateLimitedException(origin, status, text, retryAfter, limit);
        }
        return new TransientException(origin, status, text, null, false);
      default:
        if (status >= 500) {
          // A 500/502/504 may come after the work was done: the engine must look before a retry.
          return new TransientException(origin, status, text, null, true);
        }
        return new InvalidRequestException(origin, status, text, null);
    }
  }

  /**
   * The delay a {@code Retry-After} value asks for: delay-seconds or an HTTP-date; null when
   * absent or unreadable. A date in the past gives zero.
   */
  public static @Nullable Duration parseRetryAfter(@Nullable String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(clock.instant(), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  private static @Nullable Duration retryAfter(Map<String, String> h, Clock clock) {
    Duration d = parseRetryAfter(h.get("retry-after"), clock);
    if (d != null) {
      return d;
    }
    if ("0".equals(h.get("x-ratelimit-remaining")) && h.containsKey("x-ratelimit-reset")) {
      try {
        Instant reset = Instant.ofEpochSecond(Long.parseLong(h.get("x-ratelimit-reset").trim()));
        Duration until = Duration.between(clock.instant(), reset);
        return until.isNegative() ? Duration.ZERO : until;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static @Nullable String limitInfo(Map<String, String> h) {
    String remaining = h.get("x-ratelimit-remaining");
    String limit = h.get("x-ratelimit-limit");
    if (remaining == null && limit == null) {
      return null;
    }
    return (remaining != null ? remaining : "?") + "/" + (limit != null ? limit : "?") + " remaining";
  }

  private static Map<String, String> firstValues(Map<String, List<String>> headers) {
    Map<String, String> out = new TreeMap<>();
    headers.forEach((k, v) -> {
      if (k != null && v != null && !v.isEmpty() && v.get(0) != null) {
        out.putIfAbsent(k.toLowerCase(Locale.ROOT), v.get(0));
      }
    });
    return out;
  }

  private static String reason(int status) {
    switch (status) {
      case 400: return "Bad Request";
      case 401: return "Unauthorized";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 405: return "Method Not Allowed";
      case 408: return "Request Timeout";
      case 409: return "Conflict";
      case 412: return "Precondition Failed";
      case 413: return "Payload Too Large";
      case 415: return "Unsupported Media Type";
      case 422: return "Unprocessable Entity";
      case 429: return "Too Many Requests";
      case 500: return "Internal Server Error";
      case 502: return "Bad Gateway";
      case 503: return "Service Unavailable";
      case 504: return "Gateway Timeout";
      default: return "HTTP " + status;
    }
  }
}
