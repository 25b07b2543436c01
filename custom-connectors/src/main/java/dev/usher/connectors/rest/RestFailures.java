package dev.usher.connectors.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.usher.core.spi.ConnectorException;
import dev.usher.core.spi.HttpFailures;
import dev.usher.core.spi.RateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps an unsuccessful vendor answer to the connector error taxonomy: the vendor's own error
 * message becomes the detail, vendor rate-limit signals become {@link RateLimitedException},
 * and everything else follows {@link HttpFailures}.
 *
 * <p>Vendor signals read here, beyond what {@link HttpFailures} reads from status and headers:
 * <ul>
 *   <li>GitHub secondary rate limits: 403 or 429 whose message mentions a secondary rate limit,
 *       even without {@code Retry-After} (GitHub then asks for at least one minute);
 *   <li>Google APIs: 403 with reason {@code rateLimitExceeded}, {@code userRateLimitExceeded}
 *       or {@code quotaExceeded}.
 * </ul>
 *
 * <p>Error bodies understood for the detail: GitHub ({@code {"message": ...}}), Microsoft Graph
 * and Google ({@code {"error": {"code": ..., "message": ...}}}), Zoom
 * ({@code {"code": 1001, "message": ...}}) and OAuth ({@code {"error": ..., "error_description": ...}}).
 *
 * <pre>{@code
 * throw RestFailures.toException(origin, response, clock);
 * }</pre>
 */
public final class RestFailures {
  /** GitHub asks to wait at least a minute after a secondary limit without Retry-After. */
  static final Duration GITHUB_SECONDARY_DEFAULT_WAIT = Duration.ofMinutes(1);
  private static final Set<String> GOOGLE_RATE_REASONS =
      Set.of("ratelimitexceeded", "userratelimitexceeded", "quotaexceeded");
  private static final int MAX_DETAIL = 500;

  private RestFailures() {}

  /** The exception for an unsuccessful answer. */
  public static ConnectorException toException(
      ConnectorException.Origin origin, RestResponse response, Clock clock) {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(response, "response");
    String detail = detail(response);
    String lower = detail.toLowerCase(Locale.ROOT);
    if ((response.status() == 403 || response.status() == 429) && lower.contains("secondary rate limit")) {
      Duration wait = HttpFailures.parseRetryAfter(response.header("retry-after").orElse(null), clock);
      return new RateLimitedException(origin, response.status(), detail,
          wait != null ? wait : GITHUB_SECONDARY_DEFAULT_WAIT, limitInfo(response));
    }
    if (response.status() == 403) {
      String reason = googleReason(response.body());
      if (reason != null && GOOGLE_RATE_REASONS.contains(reason.toLowerCase(Locale.ROOT))) {
        Duration wait = HttpFailures.parseRetryAfter(response.header("retry-after").orElse(null), clock);
        return new RateLimitedException(origin, 403, detail, wait, reason);
      }
    }
    return HttpFailures.toException(origin, response.status(), response.headers(), detail, clock);
  }

  /**
   * The vendor's explanation of a failure, from the error body shapes listed above, or the
   * start of the body text; never longer than 500 characters.
   */
  public static String detail(RestResponse response) {
    JsonNode b = response.body();
    String text = null;
    JsonNode error = b.path("error");
    if (error.isObject()) {
      String code = textOf(error.path("code"));
      String message = textOf(error.path("message"));
      text = join(code, message);
    } else if (error.isTextual()) {
      text = join(error.asText(), textOf(b.path("error_description")));
    } else if (b.path("message").isTextual()) {
      String code = textOf(b.path("code"));
      text = join(code, b.path("message").asText());
      JsonNode errors = b.path("errors");
      if (errors.isArray() && !errors.isEmpty()) {
        StringBuilder sb = new StringBuilder(text).append(" (");
        for (int i = 0; i < errors.size(); i++) {
          JsonNode e = errors.get(i);
          if (i > 0) {
            sb.append("; ");
          }
          sb.append(e.isTextual() ? e.asText()
              : e.has("message") ? e.path("message").asText() : e.path("code").asText(e.toString()));
        }
        text = sb.append(')').toString();
      }
    }
    if (text == null || text.isBlank()) {
      text = response.text().strip();
    }
    return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "..." : text;
  }

  private static @Nullable String googleReason(JsonNode body) {
    JsonNode errors = body.path("error").path("errors");
    if (errors.isArray() && !errors.isEmpty()) {
      return textOf(errors.get(0).path("reason"));
    }
    return null;
  }

  private static @Nullable String limitInfo(RestResponse r) {
    String remaining = r.header("x-ratelimit-remaining").orElse(null);
    String limit = r.header("x-ratelimit-limit").orElse(null);
    if (remaining == null && limit == null) {
      return null;
    }
    return (remaining != null ? remaining : "?") + "/" + (limit != null ? limit : "?") + " remaining";
  }

  private static @Nullable String textOf(JsonNode n) {
    return n.isValueNode() && !n.isNull() ? n.asText() : null;
  }

  private static @Nullable String join(@Nullable String code, @Nullable String message) {
    if (code == null || code.isBlank()) {
      return message;
    }
    if (message == null || message.isBlank()) {
      return code;
    }
    return code + ": " + message;
  }
}
