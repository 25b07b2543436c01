package dev.usher.core.spi;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The credentials are valid but lack the permission for this operation (HTTP 403). */
public class ForbiddenException extends ConnectorException {
  private static final long serialVersionUID = 1L;
  public ForbiddenException(Origin origin, String detail) {
    super(origin, detail);
  }

  public ForbiddenException(Origin origin, int httpStatus, String detail) {
    super(origin, httpStatus, detail, null);
  }
}
