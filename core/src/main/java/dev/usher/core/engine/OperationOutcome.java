package dev.usher.core.engine;

import dev.usher.core.plan.Operation;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What became of one operation of an applied plan.
 *
 * <pre>{@code
 * OperationOutcome o = result.outcome("github/E1001/create").orElseThrow();
 * if (o.status() == OperationOutcome.Status.FAILED && o.retryable()) { ... try again later ... }
 * }</pre>
 *
 * @param operation the operation as planned
 * @param status succeeded, failed or skipped
 * @param attempts how many times it was sent (0 when skipped or state-only)
 * @param accountId the account it ended up addressing (for a create: the new or found account)
 * @param detail for a success, how (when not plainly: a fallback, an existing account found);
 *     for a failure, the error message; for a skip, the reason
 * @param retryable for a failure: whether a later run may succeed
 * @param error for a failure: the exception, when there was one
 */
public record OperationOutcome(
    Operation operation, Status status, int attempts, @Nullable String accountId,
    @Nullable String detail, boolean retryable, @Nullable Throwable error) {

  /** The result of an operation. */
  public enum Status {
    /** The application now holds what the operation asked for. */
    SUCCEEDED,
    /** It did not work out; see {@link #detail()} and {@link #retryable()}. */
    FAILED,
    /** It was not attempted, for the reason in {@link #detail()}. */
    SKIPPED
  }

  public OperationOutcome {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(status, "status");
    if (status != Status.SUCCEEDED && detail == null) {
      throw new IllegalArgumentException(status + " outcome of " + operation.id() + " needs a detail");
    }
  }

  static OperationOutcome succeeded(Operation op, int attempts, @Nullable String accountId, @Nullable String note) {
    return new OperationOutcome(op, Status.SUCCEEDED, attempts, accountId, note, false, null);
  }

  static OperationOutcome failed(Operation op, int attempts, String message, boolean retryable, @Nullable Throwable error) {
    return new OperationOutcome(op, Status.FAILED, attempts, op.accountId(), message, retryable, error);
  }

  static OperationOutcome skipped(Operation op, String reason) {
    return new OperationOutcome(op, Status.SKIPPED, 0, op.accountId(), reason, false, null);
  }

  /** The operation's id. */
  public String id() {
    return operation.id();
  }

  public Optional<String> detailText() {
    return Optional.ofNullable(detail);
  }

  @Override
  public String toString() {
    return operation.id() + " " + status + (attempts > 1 ? " after " + attempts + " attempts" : "")
        + (detail != null ? ": " + detail : "");
  }
}
