package dev.usher.core.policy;

import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.User;
import dev.usher.core.policy.expr.Expression;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How one target account attribute is derived from a user: from a user attribute, a constant,
 * an expression or a Java function, applied ALWAYS or only ON_CREATE.
 *
 * <pre>{@code
 * AttributeMapping userName = AttributeMapping.builder("userName")
 *     .expression("selectUnique(lower(\"{user.givenName}.{user.familyName}\"),"
 *         + " lower(\"{user.givenName}.{user.familyName}{user.id}\"))")
 *     .applies(Applies.ON_CREATE)
 *     .build();
 * AttributeMapping title = AttributeMapping.of("title", Expression.attribute("title"));
 * AttributeMapping level = AttributeMapping.builder("level").function(u -> u.roles().size()).build();
 * }</pre>
 */
public final class AttributeMapping {
  /** When a mapping is applied. */
  public enum Applies {
    /** On create and on every update. */
    ALWAYS,
    /** Only when the account is created; later changes of the user never overwrite it. */
    ON_CREATE
  }

  private final @Nullable String explicitId;
  private final String id;
  private final String target;
  private final Applies applies;
  private final boolean managerReference;
  private final Expression expression;

  private AttributeMapping(Builder b, Expression expression) {
    this.explicitId = b.id;
    this.id = b.id != null ? b.id : b.defaultId;
    this.target = b.target;
    this.applies = b.applies;
    this.managerReference = b.managerReference;
    this.expression = expression;
  }

  /** A mapping applied ALWAYS. */
  public static AttributeMapping of(String target, Expression expression) {
    return builder(target).expression(expression).build();
  }

  /** A mapping whose value is the manager's account id in this application (see {@link #isManagerReference()}). */
  public static AttributeMapping managerReference(String target) {
    return builder(target).managerReference().build();
  }

  public static Builder builder(String target) {
    return new Builder(Objects.requireNonNull(target, "target"));
  }

  /** A builder holding this mapping's values. */
  public Builder toBuilder() {
    Builder b = new Builder(target);
    b.id = explicitId;
    b.applies = applies;
    b.managerReference = managerReference;
    b.expression = managerReference ? null : expression;
    return b;
  }

  /** A copy whose default id (used when no explicit id was given) is this one. */
  AttributeMapping withDefaultId(String defaultId) {
    Builder b = toBuilder();
    b.defaultId = defaultId;
    return b.build();
  }

  /** Rule id for reasons: explicit {@code id} or {@code mappings[<i>]}. */
  public String id() {
    return id;
  }

  /** Target account attribute ({@code userName}, {@code externalId}, {@code emails}, {@code title}, ...). */
  public String target() {
    return target;
  }

  public Applies applies() {
    return applies;
  }

  /**
   * True when the value is the manager's account id in this application; {@link #evaluate}
   * then returns the manager's user id ({@link User#managerId()}), which the engine resolves
   * to that user's account id in a second pass.
   */
  public boolean isManagerReference() {
    return managerReference;
  }

  /** The expression computing the value. */
  public Expression expression() {
    return expression;
  }

  /**
   * The value for this user; null when absent.
   *
   * @param context answers {@code selectUnique}'s "is this value taken" for {@link #target()}
   */
  public @Nullable AttributeValue evaluate(User user, EvaluationContext context) {
    return expression.evaluate(user, context, target);
  }

  @Override
  public String toString() {
    return id + ": " + target + " <- " + (managerReference ? "manager reference" : expression.source())
        + (applies == Applies.ON_CREATE ? " (on create)" : "");
  }

  /** Builds {@link AttributeMapping}s; exactly one value source must be given. Not thread-safe. */
  public static final class Builder {
    private final String target;
    private @Nullable String id;
    private String defaultId;
    private Applies applies = Applies.ALWAYS;
    private boolean managerReference;
    private @Nullable Expression expression;

    private Builder(String target) {
      this.target = target;
      this.defaultId = target;
    }

    /** The rule id shown in plan reasons; defaults to {@code mappings[<i>]} in a policy. */
    public Builder id(@Nullable String id) {
      this.id = id;
      return this;
    }

    public Builder applies(Applies applies) {
      this.applies = Objects.requireNonNull(applies, "applies");
      return this;
    }

    /** Shorthand for {@code applies(Applies.ON_CREATE)}. */
    public Builder onCreate() {
      return applies(Applies.ON_CREATE);
    }

    public Builder expression(Expression expression) {
      this.expression = Objects.requireNonNull(expression, "expression");
      return this;
    }

    /** An expression in the policy syntax; throws {@link dev.usher.core.policy.expr.ExpressionException}. */
    public Builder expression(String expression) {
      return expression(Expression.parse(expression));
    }

    /** A user attribute such as {@code email} or {@code custom.costCenter}. */
    public Builder attribute(String userAttribute) {
      return expression(Expression.attribute(userAttribute));
    }

    /** A constant value (text, number, boolean, date or list). */
    public Builder constant(Object value) {
      return expression(Expression.literal(value));
    }

    /** A plain Java function of the user ({@code user -> ...}); see {@link Expression#of}. */
    public Builder function(Function<? super User, ? extends @Nullable Object> function) {
      return expression(Expression.of(function));
    }

    /** The value is the manager's account id in this application. */
    public Builder managerReference() {
      this.managerReference = true;
      return this;
    }

    /**
     * @throws IllegalStateException when no value source, or both a value and a manager reference, were given
     */
    public AttributeMapping build() {
      if (target.isBlank()) {
        throw new IllegalStateException("a mapping needs a non-blank target attribute");
      }
      if (managerReference) {
        if (expression != null) {
          throw new IllegalStateException("mapping for '" + target
              + "' is a manager reference and cannot also have a value expression");
        }
        return new AttributeMapping(this, Expression.attribute("managerId"));
      }
      if (expression == null) {
        throw new IllegalStateException("mapping for '" + target
            + "' needs a value: attribute, constant, expression, function or managerReference");
      }
      return new AttributeMapping(this, expression);
    }
  }
}
