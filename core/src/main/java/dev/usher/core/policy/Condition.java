package dev.usher.core.policy;

import dev.usher.core.model.User;
import dev.usher.core.policy.expr.Expression;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A test on a user: scope groups, entitlement rules. Implementations are null-safe and total:
 * a missing attribute makes a condition false, never an exception.
 *
 * <pre>{@code
 * Condition engineers = Condition.parse("user.department == \"Engineering\"");
 * Condition seniors = Condition.of(u -> u.title() != null && u.title().startsWith("Senior"));
 * }</pre>
 */
@FunctionalInterface
public interface Condition extends Predicate<User> {

  /** Holds for every user. */
  Condition ALWAYS = user -> true;

  /**
   * A condition in the policy expression syntax.
   *
   * @throws dev.usher.core.policy.expr.ExpressionException with position and caret
   */
  static Condition parse(String expression) {
    return Expression.parseCondition(expression);
  }

  /**
   * A plain Java predicate made total: an exception thrown by it counts as "does not hold".
   */
  static Condition of(Predicate<? super User> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    if (predicate instanceof Condition c) {
      return c;
    }
    return user -> {
      try {
        return predicate.test(user);
      } catch (RuntimeException e) {
        return false;
      }
    };
  }
}
