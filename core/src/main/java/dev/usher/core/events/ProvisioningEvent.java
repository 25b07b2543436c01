package dev.usher.core.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.usher.core.plan.Operation;
import dev.usher.core.plan.OperationType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Something that happened while Usher planned or applied. Events carry ids, types, counts and
 * attribute names, never attribute values or credentials, so they are safe to log and audit.
 *
 * <pre>{@code
 * ProvisioningListener printer = event -> {
 *   if (event instanceof ProvisioningEvent.OperationFailed f) {
 *     System.err.println(f.operation().operationId() + ": " + f.error());
 *   }
 * };
 * }</pre>
 */
public sealed interface ProvisioningEvent {
  /** The tenant whose Usher instance emitted the event. */
  String tenantId();

  /** When it happened, by the instance's clock. */
  Instant at();

  /** The event's name in audit lines: {@code plan.computed}, {@code operation.failed}, ... */
  String name();

  /**
   * What an event says about an operation: ids and attribute names, no values.
   *
   * @param operationId the operation's id
   * @param type what it does
   * @param applicationId the application
   * @param userId the user, if any
   * @param accountId the account, if known
   * @param entitlementId the entitlement of a grant or revoke
   * @param attributes the names of the attributes a create or update sets
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record OperationRef(
      String operationId, OperationType type, String applicationId, @Nullable String userId,
      @Nullable String accountId, @Nullable String entitlementId, List<String> attributes) {
    public OperationRef {
      Objects.requireNonNull(operationId, "operationId");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(applicationId, "applicationId");
      attributes = List.copyOf(attributes);
    }

    /** The reference to this operation, addressed at this account id when known. */
    public static OperationRef of(Operation op, @Nullable String accountId) {
      List<String> names = new java.util.ArrayList<>();
      if (op.account() != null) {
        if (op.account().userName() != null) {
          names.add("userName");
        }
        if (op.account().externalId() != null) {
          names.add("externalId");
        }
        names.addAll(op.account().attributes().keySet());
      }
      op.changes().forEach(c -> names.add(c.attribute()));
      return new OperationRef(op.id(), op.type(), op.applicationId(), op.userId(),
          accountId != null ? accountId : op.accountId(), op.entitlementId(), names);
    }
  }

  /** A plan was computed. */
  record PlanComputed(
      String tenantId, Instant at, Map<OperationType, Integer> operations, int staged, int warnings)
      implements ProvisioningEvent {
    public PlanComputed {
      operations = Map.copyOf(operations);
    }

    @Override
    public String name() {
      return "plan.computed";
    }
  }

  /** An operation is about to be sent (after its journal entry was written). */
  record OperationStarted(String tenantId, Instant at, OperationRef operation, int attempt)
      implements ProvisioningEvent {
    @Override
    public String name() {
      return "operation.started";
    }
  }

  /** An operation succeeded; {@code note} says how when it was not the plain way (a fallback, an existing account). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record OperationSucceeded(String tenantId, Instant at, OperationRef operation, int attempts, @Nullable String note)
      implements ProvisioningEvent {
    @Override
    public String name() {
      return "operation.succeeded";
    }
  }

  /** An operation failed for good in this run. {@code error} is the connector's secret-free message. */
  record OperationFailed(String tenantId, Instant at, OperationRef operation, int attempts, boolean retryable, String error)
      implements ProvisioningEvent {
    @Override
    public String name() {
      return "operation.failed";
    }
  }

  /** An operation was not attempted, for the reason given. */
  record OperationSkipped(String tenantId, Instant at, OperationRef operation, String reason)
      implements ProvisioningEvent {
    @Override
    public String name() {
      return "operation.skipped";
    }
  }

  /** A run (an apply) finished. */
  record RunFinished(String tenantId, Instant at, int succeeded, int failed, int skipped, Duration duration)
      implements ProvisioningEvent {
    @Override
    public String name() {
      return "run.finished";
    }
  }
}
