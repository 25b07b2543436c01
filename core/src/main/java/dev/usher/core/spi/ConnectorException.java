package dev.usher.core.spi;

import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The root of every error a connector reports. Carries where it happened (connector type,
 * application id, operation), the HTTP status when there was one, and whether trying again
 * may succeed. Specific subclasses say what went wrong; the engine decides on retries from
 * {@link #isRetryable()} alone.
 *
 * <p>Messages read {@code [scim/slack create] 409: user 'alice' already exists}. They never
 * contain credentials.
 */
public class ConnectorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Where an error happened.
   *
   * @param connectorType the provider's type name ({@code scim}, {@code github})
   * @param applicationId the application the connector serves
   * @param operation what was being done ({@code create}, {@code listAccounts})
   */
  public record Origin(String connectorType, String applicationId, String operation) {
    public Origin {
      Objects.requireNonNull(connectorType, "connectorType");
      Objects.requireNonNull(applicationId, "applicationId");
      Objects.requireNonNull(operation, "operation");
    }

    /** The same connector and application, another operation. */
    public Origin operation(String otherOperation) {
      return new Origin(connectorType, applicationId, otherOperation);
    }

    @Override
    public String toString() {
      return connectorType + "/" + applicationId + " " + operation;
    }
  }

  private final Origin origin;
  private final int httpStatus;
  private final String detail;

  /**
   * An error without HTTP status.
   *
   * @param origin where it happened
   * @param detail what went wrong, without credentials
   */
  public ConnectorException(Origin origin, String detail) {
    this(origin, 0, detail, null);
  }

  /** An error with its cause. */
  public ConnectorException(Origin origin, String detail, @Nullable Throwable cause) {
    this(origin, 0, detail, cause);
  }

  /**
   * An error from an HTTP exchange.
   *
   * @param httpStatus the response status, or 0 when there was no response
   */
  public ConnectorException(Origin origin, int httpStatus, String detail, @Nullable Throwable cause) {
    super(format(origin, httpStatus, detail), cause);
    this.origin = Objects.requireNonNull(origin, "origin");
    this.httpStatus = httpStatus;
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  private static String format(Origin origin, int status, String detail) {
    return "[" + origin + "] " + (status > 0 ? status + ": " : "") + detail;
  }

  /** Where the error happened. */
  public Origin origin() {
    return origin;
  }

  public String connectorType() {
    return origin.connectorType();
  }

  public String applicationId() {
    return origin.applicationId();
  }

  public String operation() {
    return origin.operation();
  }

  /** The HTTP status of the response that carried the error, if there was one. */
  public OptionalInt httpStatus() {
    return httpStatus > 0 ? OptionalInt.of(httpStatus) : OptionalInt.empty();
  }

  /** The error's description without the origin prefix. */
  public String detail() {
    return detail;
  }

  /** Whether the same request may succeed later. False unless a subclass says otherwise. */
  public boolean isRetryable() {
    return false;
  }
}
