package dev.usher.core.policy.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The functions of the policy expression language as typed Java calls. Each builds the same
 * node as the function of that name in a policy file, so both behave identically.
 *
 * <pre>{@code
 * import static dev.usher.core.policy.expr.Expressions.*;
 *
 * Expression userName = selectUnique(
 *     lower(normalizeDiacritics(template("{user.givenName}.{user.familyName}"))),
 *     lower(normalizeDiacritics(template("{user.givenName}.{user.familyName}{user.id}"))));
 * Expression team = switchOn(attribute("department"), literal("general"),
 *     Map.of("Engineering", "eng", "Sales", "sales"));
 * }</pre>
 *
 * @throws IllegalArgumentException from a method given an invalid constant (a date pattern)
 */
public final class Expressions {
  private Expressions() {}

  /** Same as {@link Expression#attribute(String)}. */
  public static Expression attribute(String name) {
    return Expression.attribute(name);
  }

  /** Same as {@link Expression#literal(Object)}. */
  public static Expression literal(Object value) {
    return Expression.literal(value);
  }

  /**
   * A template with {@code {...}} placeholders holding expressions, as in a double-quoted text
   * of a policy file: {@code template("{user.givenName}.{user.familyName}@example.com")}.
   * Absent when any placeholder is absent.
   *
   * @throws ExpressionException for an invalid placeholder
   */
  public static Expression template(String template) {
    Objects.requireNonNull(template, "template");
    StringBuilder quoted = new StringBuilder("\"");
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '"' || c == '\\') {
        quoted.append('\\');
      }
      quoted.append(c);
    }
    return Expression.parse(quoted.append('"').toString());
  }

  /** Non-empty values (lists flattened) joined with the separator; absent when none. */
  public static Expression join(String separator, Expression... values) {
    return call("join", prepend(literal(separator), values));
  }

  /** The values' texts one after another, absent ones skipped; absent when all are. */
  public static Expression concat(Expression... values) {
    return call("concat", values);
  }

  public static Expression lower(Expression text) {
    return call("lower", text);
  }

  public static Expression upper(Expression text) {
    return call("upper", text);
  }

  /** Removes leading and trailing white space (Unicode). */
  public static Expression trim(Expression text) {
    return call("trim", text);
  }

  /** {@code length} code points from {@code start} (0-based; negative counts from the end). */
  public static Expression substring(Expression text, int start, int length) {
    return call("substring", text, literal(start), literal(length));
  }

  /** Code points from {@code start} to the end. */
  public static Expression substring(Expression text, int start) {
    return call("substring", text, literal(start));
  }

  /** Replaces every occurrence of {@code search} (plain text, not a pattern). */
  public static Expression replace(Expression text, String search, String replacement) {
    return call("replace", text, literal(search), literal(replacement));
  }

  /** The first value that is present and not empty; else the last value. */
  public static Expression coalesce(Expression... values) {
    return call("coalesce", values);
  }

  /** The case whose key equals the value, else the default: {@code switch} in policy files. */
  public static Expression switchOn(Expression value, Expression defaultValue, Map<String, ?> cases) {
    List<Expression> args = new ArrayList<>();
    args.add(value);
    args.add(defaultValue);
    cases.forEach((k, v) -> {
      args.add(literal(k));
      args.add(v instanceof Expression e ? e : literal(v));
    });
    return call("switch", args.toArray(new Expression[0]));
  }

  /** {@code then} when the condition holds, else {@code otherwise}: {@code if} in policy files. */
  public static Expression ifThen(Expression condition, Expression then, Expression otherwise) {
    return call("if", condition, then, otherwise);
  }

  /** Removes accents and folds special letters: "Zoë Núñez" becomes "Zoe Nunez", "ß" "ss". */
  public static Expression normalizeDiacritics(Expression text) {
    return call("normalizeDiacritics", text);
  }

  /** Keeps only letters and digits (of any script). */
  public static Expression stripNonAlphanumeric(Expression text) {
    return call("stripNonAlphanumeric", text);
  }

  /** Formats a date or timestamp (UTC) with a {@link java.time.format.DateTimeFormatter} pattern. */
  public static Expression formatDate(Expression date, String pattern) {
    return call("formatDate", date, literal(pattern));
  }

  /** Splits text at every occurrence of the separator (plain text). */
  public static Expression split(Expression text, String separator) {
    return call("split", text, literal(separator));
  }

  /** The first element of a list; a single value is returned as is. */
  public static Expression first(Expression value) {
    return call("first", value);
  }

  /** Code points of a text, elements of a list; 0 when absent. */
  public static Expression length(Expression value) {
    return call("length", value);
  }

  /** The first candidate not yet taken in the mapping's target attribute. */
  public static Expression selectUnique(Expression... candidates) {
    return call("selectUnique", candidates);
  }

  private static Expression[] prepend(Expression first, Expression[] rest) {
    Expression[] all = new Expression[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private static Expression call(String name, Expression... args) {
    Objects.requireNonNull(args, "args");
    Node[] nodes = new Node[args.length];
    StringBuilder source = new StringBuilder(name).append('(');
    boolean account = false;
    for (int i = 0; i < args.length; i++) {
      Expression e = Objects.requireNonNull(args[i], "argument");
      nodes[i] = e.node();
      account |= e.isAccountCondition();
      source.append(i == 0 ? "" : ", ").append(e.source());
    }
    source.append(')');
    Node node = Functions.call(name, nodes,
        (index, reason) -> new IllegalArgumentException(name + ": " + reason));
    return new Expression(node, source.toString(), account);
  }
}
