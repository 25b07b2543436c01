package dev.usher.core.spi;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The application asked to slow down (HTTP 429, or 503 with Retry-After, or a vendor's
 * rate-limit signal). Retryable, never sooner than {@link #retryAfter()}.
 */
public class RateLimitedException extends TransientException {
  private static final long serialVersionUID = 1L;
  private final @Nullable Duration retryAfter;
  private final @Nullable String limitInfo;

  /**
   * @param retryAfter how long to wait, when the application said
   * @param limitInfo the limit as the application described it (e.g. {@code "0/5000 remaining"}), for messages
   */
  public RateLimitedException(
      Origin origin, int httpStatus, String detail, @Nullable Duration retryAfter, @Nullable String limitInfo) {
    super(origin, httpStatus, detail + (retryAfter != null ? " (retry after " + retryAfter.toSeconds() + " s)" : ""), null, false);
    this.retryAfter = retryAfter;
    this.limitInfo = limitInfo;
  }

  /** The earliest moment to try again, relative to when the answer arrived. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The rate limit as the application described it, if it did. */
  public Optional<String> limitInfo() {
    return Optional.ofNullable(limitInfo);
  }
}
