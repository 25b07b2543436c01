package dev.usher.core.policy;

import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.User;
import dev.usher.core.policy.expr.Expression;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One way to find a user's existing account: accounts whose {@link #targetAttribute()} equals
 * {@link #valueFor(User)}. A policy lists these in order; the first rule that yields matches wins.
 *
 * <pre>{@code
 * CorrelationRule byExternalId = CorrelationRule.of("externalId", Expression.attribute("id"));
 * CorrelationRule byUserName = CorrelationRule.of("userName", Expression.parse("lower(user.email)"));
 * }</pre>
 */
public final class CorrelationRule {
  private final @Nullable String explicitId;
  private final String id;
  private final String targetAttribute;
  private final Expression expression;

  private CorrelationRule(@Nullable String explicitId, String id, String targetAttribute, Expression expression) {
    this.explicitId = explicitId;
    this.id = id;
    this.targetAttribute = targetAttribute;
    this.expression = expression;
  }

  /** A rule named {@code correlation[<i>]} once in a policy. */
  public static CorrelationRule of(String targetAttribute, Expression expression) {
    return of(null, targetAttribute, expression);
  }

  /** A rule with an explicit id (null for the default {@code correlation[<i>]}). */
  public static CorrelationRule of(@Nullable String id, String targetAttribute, Expression expression) {
    Objects.requireNonNull(targetAttribute, "targetAttribute");
    Objects.requireNonNull(expression, "expression");
    if (targetAttribute.isBlank()) {
      throw new IllegalArgumentException("a correlation rule needs a non-blank target attribute");
    }
    return new CorrelationRule(id, id != null ? id : "correlation(" + targetAttribute + ")", targetAttribute, expression);
  }

  CorrelationRule withDefaultId(String defaultId) {
    return explicitId != null ? this : new CorrelationRule(null, defaultId, targetAttribute, expression);
  }

  public String id() {
    return id;
  }

  /** The account attribute compared, e.g. {@code externalId}, {@code userName}, {@code emails}. */
  public String targetAttribute() {
    return targetAttribute;
  }

  public Expression expression() {
    return expression;
  }

  /** The value to look for; null when the user has none (the rule then yields no match). */
  public @Nullable AttributeValue valueFor(User user) {
    return expression.evaluate(Objects.requireNonNull(user, "user"));
  }

  @Override
  public String toString() {
    return id + ": " + targetAttribute + " = " + expression.source();
  }
}
