package dev.usher.core.spi;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The application did not accept the credentials (HTTP 401): missing, expired or revoked.
 * Not retryable: someone has to fix the credentials.
 */
public class UnauthorizedException extends ConnectorException {
  private static final long serialVersionUID = 1L;
  public UnauthorizedException(Origin origin, String detail) {
    super(origin, detail);
  }

  public UnauthorizedException(Origin origin, int httpStatus, String detail, @Nullable Throwable cause) {
    super(origin, httpStatus, detail, cause);
  }
}
