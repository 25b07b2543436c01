package dev.usher.core.policy;

import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import dev.usher.core.policy.expr.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who should have an account in an application: a list of groups, where a user is in scope
 * when ANY group holds, and a group holds when ALL of its conditions hold (as in Entra ID
 * scoping filters). An empty scope holds for nobody.
 *
 * <pre>{@code
 * Scope scope = Scope.builder()
 *     .group(Expression.attribute("department").eq("Engineering"),
 *            Expression.attribute("title").startsWith("Senior"))
 *     .group(Expression.attribute("custom.contractor").eq(true))
 *     .build();
 * }</pre>
 */
public final class Scope implements Condition {
  private static final Scope DEFAULT = builder()
      .group(Expression.attribute("status").in(UserStatus.ACTIVE.name(), UserStatus.SUSPENDED.name()))
      .build();

  private final List<List<Condition>> groups;

  private Scope(List<List<Condition>> groups) {
    this.groups = groups;
  }

  /** The default scope: every ACTIVE or SUSPENDED user. */
  public static Scope defaultScope() {
    return DEFAULT;
  }

  /** A scope of one group holding this one condition. */
  public static Scope of(Condition condition) {
    return builder().group(condition).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The groups (OR), each a list of conditions (AND). */
  public List<List<Condition>> groups() {
    return groups;
  }

  @Override
  public boolean test(User user) {
    Objects.requireNonNull(user, "user");
    for (List<Condition> group : groups) {
      boolean all = true;
      for (Condition c : group) {
        if (!c.test(user)) {
          all = false;
          break;
        }
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Scope[");
    for (int i = 0; i < groups.size(); i++) {
      sb.append(i == 0 ? "" : " or ").append('(');
      List<Condition> g = groups.get(i);
      for (int j = 0; j < g.size(); j++) {
        sb.append(j == 0 ? "" : " and ").append(g.get(j));
      }
      sb.append(')');
    }
    return sb.append(']').toString();
  }

  /** Builds {@link Scope}s; not thread-safe. */
  public static final class Builder {
    private final List<List<Condition>> groups = new ArrayList<>();

    private Builder() {}

    /** Adds a group that holds when all these conditions hold. */
    public Builder group(Condition... allOf) {
      Objects.requireNonNull(allOf, "allOf");
      List<Condition> g = new ArrayList<>();
      for (Condition c : allOf) {
        g.add(Objects.requireNonNull(c, "condition"));
      }
      if (g.isEmpty()) {
        throw new IllegalArgumentException("a scope group needs at least one condition");
      }
      groups.add(List.copyOf(g));
      return this;
    }

    /** Adds a group that holds when all these conditions hold. */
    public Builder group(List<? extends Condition> allOf) {
      return group(allOf.toArray(new Condition[0]));
    }

    /** Adds a group given in the expression syntax. */
    public Builder group(String expression) {
      return group(Expression.parseCondition(expression));
    }

    public Scope build() {
      return new Scope(List.copyOf(groups));
    }
  }
}
