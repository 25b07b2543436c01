package dev.usher.core.spi;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The account, entitlement or resource addressed does not exist in the application (HTTP 404). */
public class NotFoundException extends ConnectorException {
  private static final long serialVersionUID = 1L;
  public NotFoundException(Origin origin, String detail) {
    super(origin, detail);
  }

  public NotFoundException(Origin origin, int httpStatus, String detail) {
    super(origin, httpStatus, detail, null);
  }
}
