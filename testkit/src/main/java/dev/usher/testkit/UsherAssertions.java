package dev.usher.testkit;

import dev.usher.core.engine.ApplyResult;
import dev.usher.core.plan.Plan;

/**
 * Entry point for Usher's AssertJ assertions; import statically next to AssertJ's.
 *
 * <pre>{@code
 * import static dev.usher.testkit.UsherAssertions.assertThat;
 *
 * assertThat(usher.plan()).creates("github", "alice").grants("github", "alice", "team:eng").hasNoDeletes();
 * assertThat(usher.reconcile()).isSuccess();
 * }</pre>
 */
public final class UsherAssertions {
  private UsherAssertions() {}

  public static PlanAssert assertThat(Plan plan) {
    return new PlanAssert(plan);
  }

  public static ApplyResultAssert assertThat(ApplyResult result) {
    return new ApplyResultAssert(result);
  }
}
