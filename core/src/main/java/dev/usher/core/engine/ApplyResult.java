package dev.usher.core.engine;

import dev.usher.core.engine.OperationOutcome.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What applying a plan did: one outcome per operation, in plan order.
 *
 * <pre>{@code
 * ApplyResult result = usher.apply(plan);
 * if (!result.isSuccess()) {
 *   result.failed().forEach(o -> log.warn("{}", o));
 * }
 * }</pre>
 *
 * @param tenantId the tenant
 * @param startedAt when the apply began
 * @param duration how long it took, by the instance's clock (measured with {@link System#nanoTime()}
 *     when that clock did not move, as a fixed test clock does not)
 * @param outcomes one per operation, in plan order
 * @param quarantined applications quarantined during the run
 */
public record ApplyResult(
    String tenantId, Instant startedAt, Duration duration, List<OperationOutcome> outcomes,
    Set<String> quarantined) {

  public ApplyResult {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(duration, "duration");
    outcomes = List.copyOf(outcomes);
    quarantined = Collections.unmodifiableSet(new TreeSet<>(quarantined));
  }

  /** The outcome of the operation with this id. */
  public Optional<OperationOutcome> outcome(String operationId) {
    return outcomes.stream().filter(o -> o.id().equals(operationId)).findFirst();
  }

  public List<OperationOutcome> succeeded() {
    return with(Status.SUCCEEDED);
  }

  public List<OperationOutcome> failed() {
    return with(Status.FAILED);
  }

  public List<OperationOutcome> skipped() {
    return with(Status.SKIPPED);
  }

  private List<OperationOutcome> with(Status status) {
    return outcomes.stream().filter(o -> o.status() == status).toList();
  }

  /** How many outcomes of each status (statuses with none are left out). */
  public Map<Status, Integer> counts() {
    Map<Status, Integer> counts = new EnumMap<>(Status.class);
    outcomes.forEach(o -> counts.merge(o.status(), 1, Integer::sum));
    return Collections.unmodifiableMap(counts);
  }

  /** True when nothing failed and nothing was skipped. */
  public boolean isSuccess() {
    return outcomes.stream().allMatch(o -> o.status() == Status.SUCCEEDED);
  }

  /** One line per outcome after a headline with the counts. */
  public String summary() {
    Map<Status, Integer> c = counts();
    return "Applied for tenant '" + tenantId + "' in " + duration.toMillis() + " ms: "
        + c.getOrDefault(Status.SUCCEEDED, 0) + " succeeded, " + c.getOrDefault(Status.FAILED, 0)
        + " failed, " + c.getOrDefault(Status.SKIPPED, 0) + " skipped"
        + (quarantined.isEmpty() ? "" : "; quarantined: " + String.join(", ", quarantined)) + "\n"
        + outcomes.stream().map(o -> "  " + o).collect(Collectors.joining("\n"));
  }
}
