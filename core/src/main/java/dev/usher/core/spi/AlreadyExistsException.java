package dev.usher.core.spi;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The application already holds what a create asked for (HTTP 409 on create). When the
 * application says which account is in the way, {@link #existingId()} holds its id, so the
 * engine can link that account instead of creating a duplicate.
 */
public class AlreadyExistsException extends ConnectorException {
  private static final long serialVersionUID = 1L;
  private final @Nullable String existingId;

  public AlreadyExistsException(Origin origin, String detail) {
    this(origin, 0, detail, null);
  }

  public AlreadyExistsException(Origin origin, int httpStatus, String detail, @Nullable String existingId) {
    super(origin, httpStatus, detail, null);
    this.existingId = existingId;
  }

  /** The id of the account that already exists, when the application told it. */
  public Optional<String> existingId() {
    return Optional.ofNullable(existingId);
  }
}
