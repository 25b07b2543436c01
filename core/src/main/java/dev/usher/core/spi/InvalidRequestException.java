package dev.usher.core.spi;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The application refused the request as wrong (HTTP 400, 412, 413, 422): a bad value, a
 * read-only attribute, a malformed filter. Permanent: sending it again gives the same answer.
 * {@link #targetDetail()} keeps the application's own explanation and error code.
 */
public class InvalidRequestException extends ConnectorException {
  private static final long serialVersionUID = 1L;
  private final @Nullable String targetCode;

  public InvalidRequestException(Origin origin, String detail) {
    this(origin, 0, detail, null);
  }

  /**
   * @param targetCode the application's error code (a SCIM {@code scimType}, a vendor code), if any
   */
  public InvalidRequestException(Origin origin, int httpStatus, String detail, @Nullable String targetCode) {
    super(origin, httpStatus, detail, null);
    this.targetCode = targetCode;
  }

  /** The application's error code, e.g. {@code invalidValue}. */
  public Optional<String> targetCode() {
    return Optional.ofNullable(targetCode);
  }

  /** The application's explanation. */
  public String targetDetail() {
    return detail();
  }
}
