package dev.usher.testkit;

import dev.usher.core.engine.ApplyResult;
import dev.usher.core.engine.OperationOutcome;
import dev.usher.core.engine.OperationOutcome.Status;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on an {@link ApplyResult}; operations are named by their plan ids
 * ({@code github/E1001/create}).
 *
 * <pre>{@code
 * assertThat(result).isSuccess();
 * assertThat(result).skipped("github/E1001/disable", "DISABLE_ACCOUNT");
 * }</pre>
 */
public final class ApplyResultAssert extends AbstractAssert<ApplyResultAssert, ApplyResult> {

  ApplyResultAssert(ApplyResult actual) {
    super(actual, ApplyResultAssert.class);
  }

  public static ApplyResultAssert assertThat(ApplyResult result) {
    return new ApplyResultAssert(result);
  }

  /** Every operation succeeded. */
  public ApplyResultAssert isSuccess() {
    isNotNull();
    if (!actual.isSuccess()) {
      failWithMessage("Expected every operation to succeed.%n%s", actual.summary());
    }
    return this;
  }

  private OperationOutcome outcome(String operationId) {
    isNotNull();
    Optional<OperationOutcome> o = actual.outcome(operationId);
    if (o.isEmpty()) {
      failWithMessage("Expected an outcome for %s, but the result has none.%n%s", operationId, actual.summary());
    }
    return o.orElseThrow();
  }

  private ApplyResultAssert status(String operationId, Status status, String detailPart) {
    OperationOutcome o = outcome(operationId);
    if (o.status() != status || (!detailPart.isEmpty()
        && (o.detail() == null || !o.detail().contains(detailPart)))) {
      failWithMessage("Expected %s to be %s%s, but it is: %s%n%s", operationId, status,
          detailPart.isEmpty() ? "" : " with '" + detailPart + "'", o, actual.summary());
    }
    return this;
  }

  public ApplyResultAssert succeeded(String operationId) {
    return status(operationId, Status.SUCCEEDED, "");
  }

  /** Succeeded, with a detail (how) that contains the text. */
  public ApplyResultAssert succeeded(String operationId, String detailPart) {
    return status(operationId, Status.SUCCEEDED, detailPart);
  }

  public ApplyResultAssert failed(String operationId, String detailPart) {
    return status(operationId, Status.FAILED, detailPart);
  }

  public ApplyResultAssert skipped(String operationId, String reasonPart) {
    return status(operationId, Status.SKIPPED, reasonPart);
  }

  public ApplyResultAssert quarantined(String applicationId) {
    isNotNull();
    if (!actual.quarantined().contains(applicationId)) {
      failWithMessage("Expected %s to be quarantined.%n%s", applicationId, actual.summary());
    }
    return this;
  }
}
