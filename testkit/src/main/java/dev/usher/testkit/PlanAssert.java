package dev.usher.testkit;

import dev.usher.core.plan.Operation;
import dev.usher.core.plan.OperationType;
import dev.usher.core.plan.Plan;
import dev.usher.core.plan.StagedOperation;
import dev.usher.core.plan.ValueChange;
import dev.usher.core.plan.Warning;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on a {@link Plan}. Users are named by their user id; entitlements by
 * id or display name (ignoring case). Failures print the whole plan's summary.
 *
 * <pre>{@code
 * assertThat(plan).creates("github", "alice").grants("github", "alice", "team:eng").hasNoDeletes();
 * }</pre>
 */
public final class PlanAssert extends AbstractAssert<PlanAssert, Plan> {

  PlanAssert(Plan actual) {
    super(actual, PlanAssert.class);
  }

  /** Starts assertions on this plan. */
  public static PlanAssert assertThat(Plan plan) {
    return new PlanAssert(plan);
  }

  private PlanAssert has(String what, Predicate<Operation> p) {
    isNotNull();
    if (actual.operations().stream().noneMatch(p)) {
      failWithMessage("Expected the plan to %s, but it does not. Operations: %s%n%s", what,
          actual.operations().isEmpty() ? "none"
              : actual.operations().stream().map(Operation::id).collect(Collectors.joining(", ")),
          actual.summary());
    }
    return this;
  }

  private PlanAssert hasNo(String what, Predicate<Operation> p) {
    isNotNull();
    List<Operation> found = actual.operations().stream().filter(p).toList();
    if (!found.isEmpty()) {
      failWithMessage("Expected the plan not to %s, but it has %s.%n%s", what,
          found.stream().map(Operation::id).collect(Collectors.joining(", ")), actual.summary());
    }
    return this;
  }

  private static Predicate<Operation> op(OperationType type, String app, String user) {
    return o -> o.type() == type && o.applicationId().equals(app) && user.equals(o.userId());
  }

  private static Predicate<Operation> ent(OperationType type, String app, String user, String entitlement) {
    return op(type, app, user).and(o -> entitlement.equals(o.entitlementId())
        || (o.entitlementName() != null && entitlement.equalsIgnoreCase(o.entitlementName())));
  }

  public PlanAssert creates(String app, String user) {
    return has("create an account for " + user + " in " + app, op(OperationType.CREATE, app, user));
  }

  /** The create for this user sets the attribute to this value (userName and externalId included). */
  public PlanAssert createsWith(String app, String user, String attribute, Object value) {
    return has("create an account for " + user + " in " + app + " with " + attribute + "=" + value,
        op(OperationType.CREATE, app, user).and(o -> o.account() != null && o.account().attribute(attribute)
            .map(v -> v.toString().equals(String.valueOf(value))).orElse(false)));
  }

  public PlanAssert doesNotCreate(String app, String user) {
    return hasNo("create an account for " + user + " in " + app, op(OperationType.CREATE, app, user));
  }

  public PlanAssert links(String app, String user) {
    return has("link " + user + " in " + app, op(OperationType.LINK, app, user));
  }

  public PlanAssert updates(String app, String user) {
    return has("update " + user + " in " + app, op(OperationType.UPDATE, app, user));
  }

  /** An update of the user's account changes the attribute to this value ({@code null}: removes it). */
  public PlanAssert updates(String app, String user, String attribute, @Nullable Object value) {
    return has("update " + attribute + " of " + user + " in " + app + " to " + value,
        op(OperationType.UPDATE, app, user).and(o -> o.changes().stream().anyMatch(c -> c.attribute().equals(attribute)
            && (value == null ? c.after() == null && c.referencedUserId() == null
                : c.after() != null && c.after().toString().equals(String.valueOf(value))))));
  }

  public PlanAssert doesNotUpdate(String app, String user) {
    return hasNo("update " + user + " in " + app, op(OperationType.UPDATE, app, user));
  }

  public PlanAssert enables(String app, String user) {
    return has("enable " + user + " in " + app, op(OperationType.ENABLE, app, user));
  }

  public PlanAssert disables(String app, String user) {
    return has("disable " + user + " in " + app, op(OperationType.DISABLE, app, user));
  }

  public PlanAssert doesNotDisable(String app, String user) {
    return hasNo("disable " + user + " in " + app, op(OperationType.DISABLE, app, user));
  }

  public PlanAssert deletes(String app, String user) {
    return has("delete " + user + " in " + app, op(OperationType.DELETE, app, user));
  }

  public PlanAssert doesNotDelete(String app, String user) {
    return hasNo("delete " + user + " in " + app, op(OperationType.DELETE, app, user));
  }

  public PlanAssert grants(String app, String user, String entitlement) {
    return has("grant " + entitlement + " to " + user + " in " + app, ent(OperationType.GRANT, app, user, entitlement));
  }

  public PlanAssert doesNotGrant(String app, String user, String entitlement) {
    return hasNo("grant " + entitlement + " to " + user + " in " + app, ent(OperationType.GRANT, app, user, entitlement));
  }

  public PlanAssert revokes(String app, String user, String entitlement) {
    return has("revoke " + entitlement + " from " + user + " in " + app, ent(OperationType.REVOKE, app, user, entitlement));
  }

  public PlanAssert doesNotRevoke(String app, String user, String entitlement) {
    return hasNo("revoke " + entitlement + " from " + user + " in " + app, ent(OperationType.REVOKE, app, user, entitlement));
  }

  public PlanAssert hasNoDeletes() {
    return hasNo("delete anything", o -> o.type() == OperationType.DELETE);
  }

  public PlanAssert hasNoDisables() {
    return hasNo("disable anything", o -> o.type() == OperationType.DISABLE);
  }

  /** No operation at all for this user in this application. */
  public PlanAssert hasNoOperationsFor(String app, String user) {
    return hasNo("touch " + user + " in " + app, o -> o.applicationId().equals(app) && user.equals(o.userId()));
  }

  public PlanAssert hasNoOperations() {
    return hasNo("do anything", o -> true);
  }

  public PlanAssert hasOperationCount(int expected) {
    isNotNull();
    if (actual.operations().size() != expected) {
      failWithMessage("Expected %d operations but the plan has %d.%n%s", expected, actual.operations().size(), actual.summary());
    }
    return this;
  }

  /** A staged operation of this type for this user (or {@code account:<id>}) in this application. */
  public PlanAssert stages(String app, String subject, OperationType type) {
    isNotNull();
    boolean found = actual.staged().stream().map(StagedOperation::operation)
        .anyMatch(o -> o.type() == type && o.applicationId().equals(app) && o.subject().equals(subject));
    if (!found) {
      failWithMessage("Expected the plan to stage %s of %s in %s, but it does not.%n%s", type.label(), subject, app,
          actual.summary());
    }
    return this;
  }

  public PlanAssert hasNothingStaged() {
    isNotNull();
    if (!actual.staged().isEmpty()) {
      failWithMessage("Expected nothing staged, but %d operations are.%n%s", actual.staged().size(), actual.summary());
    }
    return this;
  }

  /** A warning of this kind, for this application, whose message contains the text. */
  public PlanAssert hasWarning(Warning.Kind kind, String app, String messagePart) {
    isNotNull();
    Objects.requireNonNull(messagePart, "messagePart");
    if (actual.warnings().stream().noneMatch(w -> w.kind() == kind && w.applicationId().equals(app)
        && w.message().contains(messagePart))) {
      failWithMessage("Expected a %s warning for %s containing '%s'.%n%s", kind, app, messagePart, actual.summary());
    }
    return this;
  }

  /** Shows every value change of a user's update, for diagnostics in custom assertions. */
  static String changes(Operation o) {
    return o.changes().stream().map(ValueChange::toString).collect(Collectors.joining(", "));
  }
}
