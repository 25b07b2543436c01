package dev.usher.core.policy;

import dev.usher.core.model.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Users for whom the condition holds should hold these entitlements.
 *
 * <pre>{@code
 * EntitlementRule eng = EntitlementRule.builder("engineering-team")
 *     .when("user.department == \"Engineering\"")
 *     .grant(EntitlementRef.byName(EntitlementType.TEAM, "Engineering"))
 *     .build();
 * }</pre>
 */
public final class EntitlementRule {
  private final @Nullable String explicitId;
  private final String id;
  private final Condition condition;
  private final List<EntitlementRef> entitlements;

  private EntitlementRule(@Nullable String explicitId, String id, Condition condition, List<EntitlementRef> entitlements) {
    this.explicitId = explicitId;
    this.id = id;
    this.condition = condition;
    this.entitlements = entitlements;
  }

  /** A builder; {@code id} may be null, and a policy then names the rule {@code entitlementRules[<i>]}. */
  public static Builder builder(@Nullable String id) {
    return new Builder(id);
  }

  public Builder toBuilder() {
    Builder b = new Builder(explicitId);
    b.condition = condition;
    b.entitlements.addAll(entitlements);
    return b;
  }

  EntitlementRule withDefaultId(String defaultId) {
    return explicitId != null ? this : new EntitlementRule(null, defaultId, condition, entitlements);
  }

  /** Explicit {@code id} or {@code entitlementRules[<i>]}. */
  public String id() {
    return id;
  }

  public Condition condition() {
    return condition;
  }

  /** Whether the user should hold this rule's entitlements. */
  public boolean matches(User user) {
    return condition.test(Objects.requireNonNull(user, "user"));
  }

  public List<EntitlementRef> entitlements() {
    return entitlements;
  }

  @Override
  public String toString() {
    return id + ": when " + condition + " grant " + entitlements;
  }

  /** Builds {@link EntitlementRule}s; not thread-safe. */
  public static final class Builder {
    private final @Nullable String id;
    private Condition condition = Condition.ALWAYS;
    private final List<EntitlementRef> entitlements = new ArrayList<>();

    private Builder(@Nullable String id) {
      this.id = id;
    }

    /** The condition; defaults to every user in scope. */
    public Builder when(Condition condition) {
      this.condition = Objects.requireNonNull(condition, "condition");
      return this;
    }

    /** The condition in the expression syntax. */
    public Builder when(String condition) {
      return when(Condition.parse(condition));
    }

    public Builder grant(EntitlementRef... refs) {
      for (EntitlementRef r : refs) {
        entitlements.add(Objects.requireNonNull(r, "ref"));
      }
      return this;
    }

    /** @throws IllegalStateException when no entitlement was given */
    public EntitlementRule build() {
      if (entitlements.isEmpty()) {
        throw new IllegalStateException("entitlement rule " + (id == null ? "" : "'" + id + "' ")
            + "grants nothing: add at least one entitlement");
      }
      return new EntitlementRule(id, id == null ? "entitlementRule" : id, condition, List.copyOf(entitlements));
    }
  }
}
