package dev.usher.core.schedule;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a scheduled run stands: reported to the progress callback when a run starts, after
 * planning, after each application (full runs) or person (change polls), and when it ends.
 *
 * <pre>{@code
 * .progress(p -> log.info("{} {}: {}/{} people, {}/{} operations",
 *     p.kind(), p.phase(), p.peopleProcessed(), p.peopleTotal(), p.operationsDone(), p.operationsPlanned()))
 * }</pre>
 *
 * @param kind full reconciliation or change poll
 * @param phase where the run is
 * @param peopleProcessed people planned for so far
 * @param peopleTotal people in this run (the source's users, or the people the changes affect)
 * @param operationsDone operations applied so far (succeeded, failed or skipped)
 * @param operationsPlanned operations planned so far
 * @param detail why a run was skipped, stopped or failed; the suspicious-snapshot warning
 */
public record RunProgress(
    Kind kind, Phase phase, int peopleProcessed, int peopleTotal, int operationsDone, int operationsPlanned,
    @Nullable String detail) {

  /** What kind of run. */
  public enum Kind {
    /** Every person of the source against every application. */
    FULL_RECONCILIATION,
    /** Only the people who changed since the last poll. */
    CHANGE_POLL
  }

  /** Where a run is. */
  public enum Phase {
    STARTED,
    /** The plan is known: people and operations totals are set. */
    PLANNED,
    /** Some operations have been applied. */
    APPLYING,
    FINISHED,
    /** The scheduler was stopped during the run; what was in flight finished. */
    STOPPED,
    /** Another run was in progress, or the snapshot was not safe to act on; nothing was applied. */
    SKIPPED,
    FAILED
  }

  public RunProgress {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(phase, "phase");
  }

  public Optional<String> details() {
    return Optional.ofNullable(detail);
  }
}
