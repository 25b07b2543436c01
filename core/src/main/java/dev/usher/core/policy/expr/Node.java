package dev.usher.core.policy.expr;

import org.jspecify.annotations.Nullable;

/**
 * One immutable node of a parsed expression. {@link #eval} is total: it returns null for a
 * missing value and never throws for any user or account.
 *
 * <p>Values are plain Java: String, BigDecimal, Boolean, LocalDate, Instant, an unmodifiable
 * List of values or an unmodifiable Map of String to values.
 */
abstract class Node {
  final Type type;

  Node(Type type) {
    this.type = type;
  }

  abstract @Nullable Object eval(Env env);

  /** Whether this node is a constant (a literal), so the parser may check or pre-compute it. */
  boolean isConstant() {
    return false;
  }
}
