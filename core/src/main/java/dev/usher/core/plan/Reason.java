package dev.usher.core.plan;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Why an operation is in a plan: the situation it answers and the policy rule behind it.
 *
 * <pre>{@code
 * Reason r = new Reason(Situation.LINKED, "entitlementRules[0]", "department is Engineering");
 * }</pre>
 *
 * @param situation how user and account related when the plan was computed
 * @param ruleId the policy rule that asked for the operation ({@code mappings[2]}, {@code scope},
 *     {@code deprovisioning.onTerminated}), when one did
 * @param detail a short human explanation
 */
public record Reason(Situation situation, @Nullable String ruleId, String detail) {
  public Reason {
    Objects.requireNonNull(situation, "situation");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return situation + (ruleId != null ? " [" + ruleId + "]" : "") + (detail.isEmpty() ? "" : " " + detail);
  }
}
