package dev.usher.core.plan;

import java.util.Objects;

/**
 * An operation held back by a safety rule until someone approves it by its {@link #id()}.
 *
 * <pre>{@code
 * plan.staged().forEach(s -> System.out.println(s.id() + ": " + s.why()));
 * usher.approve(List.of("github/E1001/delete"));
 * }</pre>
 *
 * @param operation what would run once approved
 * @param why which safety rule staged it
 */
public record StagedOperation(Operation operation, String why) {
  public StagedOperation {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(why, "why");
  }

  /** The id to approve: the operation's id. */
  public String id() {
    return operation.id();
  }
}
