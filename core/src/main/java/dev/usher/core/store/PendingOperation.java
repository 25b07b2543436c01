package dev.usher.core.store;

import dev.usher.core.plan.OperationType;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A journal entry: an operation that was about to be sent and has not been completed. An
 * entry left behind by a crash tells the next run that the operation may have happened (a
 * create is then looked up before it is sent again).
 *
 * @param id the entry's id, unique per tenant
 * @param applicationId the application
 * @param operationId the {@link dev.usher.core.plan.Operation#id()}
 * @param type what was being done
 * @param userId the user, if any
 * @param accountId the account, if known
 * @param startedAt when it was written
 */
public record PendingOperation(
    String id, String applicationId, String operationId, OperationType type,
    @Nullable String userId, @Nullable String accountId, Instant startedAt) {
  public PendingOperation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(startedAt, "startedAt");
  }
}
