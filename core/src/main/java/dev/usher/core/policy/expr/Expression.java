package dev.usher.core.policy.expr;

import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.User;
import dev.usher.core.policy.Condition;
import dev.usher.core.policy.EvaluationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A value or condition computed from a user (or, for orphan exclusions, from an account):
 * parsed once from the policy syntax, built with typed Java calls, or wrapping a lambda.
 * Immutable and thread-safe; evaluation is total and null-safe (a missing attribute yields
 * null, never an exception) and does no parsing and no reflection.
 *
 * <pre>{@code
 * Expression userName = Expression.parse("lower(\"{user.givenName}.{user.familyName}\")");
 * Expression engineers = Expression.attribute("department").eq("Engineering")
 *     .and(Expression.attribute("title").startsWith("Senior"));
 * AttributeValue v = userName.evaluate(alice);          // "alice.liddell"
 * boolean senior = engineers.test(alice);
 * }</pre>
 *
 * <p>As a {@link Condition}, an expression holds for a user when it evaluates to {@code true};
 * anything else (false, null, a text) does not hold.
 */
public final class Expression implements Condition {
  private final Node root;
  private final String source;
  private final boolean accountSubject;

  Expression(Node root, String source, boolean accountSubject) {
    this.root = root;
    this.source = source;
    this.accountSubject = accountSubject;
  }

  // ---- parsing ------------------------------------------------------------------------------

  /**
   * Parses an expression over {@code user.*} attributes.
   *
   * @throws ExpressionException with position and caret for any problem in the text
   */
  public static Expression parse(String source) {
    Objects.requireNonNull(source, "source");
    return new Expression(Parser.parse(source, false, false), source, false);
  }

  /**
   * Parses a condition over {@code user.*} attributes: the expression must be true/false.
   *
   * @throws ExpressionException with position and caret for any problem, including a value
   *     that is not true/false
   */
  public static Expression parseCondition(String source) {
    Objects.requireNonNull(source, "source");
    return new Expression(Parser.parse(source, false, true), source, false);
  }

  /**
   * Parses a condition over {@code account.*} fields and attributes (orphan exclusions), such
   * as {@code account.userName startsWith "svc-"}.
   */
  public static Expression parseAccountCondition(String source) {
    Objects.requireNonNull(source, "source");
    return new Expression(Parser.parse(source, true, true), source, true);
  }

  // ---- building -----------------------------------------------------------------------------

  /**
   * A user attribute: {@code "givenName"}, {@code "user.givenName"} or a custom one,
   * {@code "custom.costCenter"} (nested: {@code "custom.address.city"}).
   *
   * @throws ExpressionException naming the nearest valid names for an unknown attribute
   */
  public static Expression attribute(String name) {
    Objects.requireNonNull(name, "name");
    String path = name.startsWith("user.") ? name.substring(5) : name;
    String source = "user." + path;
    return new Expression(Parser.userAttribute(source, 5, List.of(path.split("\\.", -1))), source, false);
  }

  /**
   * An account field ({@code id}, {@code externalId}, {@code userName}, {@code active},
   * {@code entitlementIds}) or attribute (nested: {@code "manager.value"}), for orphan
   * exclusions: {@code Expression.accountAttribute("userName").startsWith("svc-")}.
   */
  public static Expression accountAttribute(String name) {
    Objects.requireNonNull(name, "name");
    String path = name.startsWith("account.") ? name.substring(8) : name;
    List<String> parts = List.of(path.split("\\.", -1));
    int at = 8;
    for (String part : parts) {
      if (part.isEmpty()) {
        throw new ExpressionException("account." + path, at, "expected an attribute name after '.'");
      }
      at += part.length() + 1;
    }
    return new Expression(Attributes.account(parts), "account." + path, true);
  }

  /**
   * A constant: text, number, boolean, date, timestamp, an enum (its name), or a list or map
   * of those.
   *
   * @throws IllegalArgumentException naming the type of a value that has no attribute form
   */
  public static Expression literal(Object value) {
    Objects.requireNonNull(value, "value");
    Object v = value instanceof Enum<?> e ? e.name() : value;
    AttributeValue.from(v);
    return new Expression(Ops.literal(v), Values.describe(Values.fromJava(v)), false);
  }

  /**
   * A plain Java function of the user. Its result is converted like
   * {@link AttributeValue#from}; a null result is an absent value, and an exception thrown by
   * the function counts as an absent value too, so evaluation stays total.
   */
  public static Expression of(Function<? super User, ? extends @Nullable Object> function) {
    Objects.requireNonNull(function, "function");
    Node node = new Node(Type.ANY) {
      @Override
      @Nullable Object eval(Env env) {
        User u = env.user;
        if (u == null) {
          return null;
        }
        try {
          return Values.fromJava(function.apply(u));
        } catch (RuntimeException e) {
          return null;
        }
      }
    };
    return new Expression(node, "<java function>", false);
  }

  // ---- evaluating ---------------------------------------------------------------------------

  /** The value for this user; null when absent. {@code selectUnique} treats nothing as taken. */
  public @Nullable AttributeValue evaluate(User user) {
    return evaluate(user, EvaluationContext.NONE, "");
  }

  /**
   * The value for this user, asking {@code context} whether a {@code selectUnique} candidate
   * is already taken for {@code targetAttribute}.
   */
  public @Nullable AttributeValue evaluate(User user, EvaluationContext context, String targetAttribute) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(targetAttribute, "targetAttribute");
    return Values.toAttribute(root.eval(new Env(user, null, context, targetAttribute)));
  }

  /** Whether this expression is {@code true} for the user. */
  @Override
  public boolean test(User user) {
    Objects.requireNonNull(user, "user");
    return Values.isTrue(root.eval(new Env(user, null, EvaluationContext.NONE, "")));
  }

  /** Whether this expression is {@code true} for the account (for {@code account.*} conditions). */
  public boolean test(Account account) {
    Objects.requireNonNull(account, "account");
    return Values.isTrue(root.eval(new Env(null, account, EvaluationContext.NONE, "")));
  }

  /** Whether this expression reads {@code account.*} rather than {@code user.*}. */
  public boolean isAccountCondition() {
    return accountSubject;
  }

  /** The text this expression was parsed from, or a rendering of how it was built. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return source;
  }

  Node node() {
    return root;
  }

  // ---- conditions, typed ---------------------------------------------------------------------

  /** Equal (numbers by value, dates against ISO text). */
  public Expression eq(Object value) {
    return binary("==", Ops.equal(root, lit(value)), value);
  }

  public Expression notEq(Object value) {
    return binary("!=", Ops.notEqual(root, lit(value)), value);
  }

  /** Equal to one of the values (or, for a list attribute, any element is). */
  public Expression in(Object... values) {
    List<Object> list = new ArrayList<>(List.of(values));
    return binary("in", Ops.in(root, Ops.literal(list)), list);
  }

  public Expression startsWith(String prefix) {
    return binary("startsWith", Ops.startsWith(root, lit(prefix)), prefix);
  }

  public Expression endsWith(String suffix) {
    return binary("endsWith", Ops.endsWith(root, lit(suffix)), suffix);
  }

  /** Text contains the text, or a list contains the element. */
  public Expression contains(Object value) {
    return binary("contains", Ops.contains(root, lit(value)), value);
  }

  /**
   * A regular expression finds a match (anchor it with {@code ^...$} to match all of it).
   *
   * @throws IllegalArgumentException for an invalid regular expression
   */
  public Expression matches(String regex) {
    Objects.requireNonNull(regex, "regex");
    try {
      return binary("matches", Ops.matches(root, Pattern.compile(regex)), regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid regular expression '" + regex + "': "
          + e.getDescription(), e);
    }
  }

  /** Absent, empty text or empty list. */
  public Expression isNull() {
    return derive(Ops.isNull(root), source + " is null");
  }

  public Expression isNotNull() {
    return derive(Ops.isNotNull(root), source + " is not null");
  }

  /** Greater than a number, a date (or ISO date text) or a text. */
  public Expression gt(Object value) {
    return binary(">", Ops.greater(root, lit(value)), value);
  }

  public Expression ge(Object value) {
    return binary(">=", Ops.greaterOrEqual(root, lit(value)), value);
  }

  public Expression lt(Object value) {
    return binary("<", Ops.less(root, lit(value)), value);
  }

  public Expression le(Object value) {
    return binary("<=", Ops.lessOrEqual(root, lit(value)), value);
  }

  public Expression and(Expression other) {
    Objects.requireNonNull(other, "other");
    return derive(Ops.and(root, other.root), "(" + source + ") and (" + other.source + ")");
  }

  public Expression or(Expression other) {
    Objects.requireNonNull(other, "other");
    return derive(Ops.or(root, other.root), "(" + source + ") or (" + other.source + ")");
  }

  public Expression not() {
    return derive(Ops.not(root), "not (" + source + ")");
  }

  private static Node lit(Object value) {
    return Ops.literal(Objects.requireNonNull(value, "value"));
  }

  private Expression binary(String op, Node node, Object value) {
    return derive(node, source + " " + op + " " + Values.describe(Values.fromJava(value)));
  }

  private Expression derive(Node node, String text) {
    return new Expression(node, text, accountSubject);
  }
}
