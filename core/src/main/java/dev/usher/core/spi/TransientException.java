package dev.usher.core.spi;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A failure that may go away by itself: a timeout, a dropped connection, a 5xx, a 408.
 * Retryable. When the request may have reached the application (a lost response),
 * {@link #mayHaveApplied()} says so: the engine then looks before it retries a create.
 */
public class TransientException extends ConnectorException {
  private static final long serialVersionUID = 1L;
  private final boolean mayHaveApplied;

  public TransientException(Origin origin, String detail, @Nullable Throwable cause) {
    this(origin, 0, detail, cause, true);
  }

  public TransientException(
      Origin origin, int httpStatus, String detail, @Nullable Throwable cause, boolean mayHaveApplied) {
    super(origin, httpStatus, detail, cause);
    this.mayHaveApplied = mayHaveApplied;
  }

  /** True when the request may have been applied although no (good) answer arrived. */
  public boolean mayHaveApplied() {
    return mayHaveApplied;
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
