package dev.usher.scim;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * A SCIM filter (RFC 7644 section 3.4.2.2), built in code or parsed from text. Values are
 * written as JSON, so quotes and backslashes in them are escaped for you; {@link #toString()}
 * gives the filter text to send.
 *
 * <pre>{@code
 * Filter f = Filter.eq("userName", "o'brien \"bob\"")
 *     .and(Filter.has("emails", Filter.eq("type", "work").and(Filter.pr("value"))));
 * // userName eq "o'brien \"bob\"" and emails[type eq "work" and value pr]
 * Filter fromConfig = Filter.parse("title sw \"Eng\" or not (active eq false)");
 * }</pre>
 */
public sealed interface Filter {

  /** A comparison operator. */
  enum Operator {
    EQ, NE, CO, SW, EW, GT, GE, LT, LE;

    /** The operator as written in filters: {@code eq}, {@code ne}, ... */
    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code attribute op value}. */
  record Comparison(String attribute, Operator operator, JsonNode value) implements Filter {
    public Comparison {
      checkAttribute(attribute);
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(value, "value");
      if (value.isContainerNode()) {
        throw new IllegalArgumentException("a filter value must be a string, number, boolean or null, was " + value);
      }
    }

    @Override
    public String toString() {
      String v = value.isTextual()
          ? "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value.asText())) + "\""
          : value.toString();
      return attribute + " " + operator.text() + " " + v;
    }
  }

  /** {@code attribute pr}: the attribute has a value. */
  record Present(String attribute) implements Filter {
    public Present {
      checkAttribute(attribute);
    }

    @Override
    public String toString() {
      return attribute + " pr";
    }
  }

  /** Both filters match. */
  record And(Filter left, Filter right) implements Filter {
    public And {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }

    @Override
    public String toString() {
      return group(left) + " and " + group(right);
    }

    private static String group(Filter f) {
      return f instanceof Or ? "(" + f + ")" : f.toString();
    }
  }

  /** Either filter matches. */
  record Or(Filter left, Filter right) implements Filter {
    public Or {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }

    @Override
    public String toString() {
      return left + " or " + right;
    }
  }

  /** The filter does not match. */
  record Not(Filter inner) implements Filter {
    public Not {
      Objects.requireNonNull(inner, "inner");
    }

    @Override
    public String toString() {
      return "not (" + inner + ")";
    }
  }

  /** {@code attribute[filter]}: some element of a multi-valued attribute matches. */
  record ValuePath(String attribute, Filter filter) implements Filter {
    public ValuePath {
      checkAttribute(attribute);
      Objects.requireNonNull(filter, "filter");
    }

    @Override
    public String toString() {
      return attribute + "[" + filter + "]";
    }
  }

  default Filter and(Filter other) {
    return new And(this, other);
  }

  default Filter or(Filter other) {
    return new Or(this, other);
  }

  static Filter eq(String attribute, String value) {
    return compare(attribute, Operator.EQ, value);
  }

  static Filter eq(String attribute, boolean value) {
    return new Comparison(attribute, Operator.EQ, JsonNodeFactory.instance.booleanNode(value));
  }

  static Filter eq(String attribute, long value) {
    return new Comparison(attribute, Operator.EQ, JsonNodeFactory.instance.numberNode(value));
  }

  static Filter eq(String attribute, BigDecimal value) {
    return new Comparison(attribute, Operator.EQ, JsonNodeFactory.instance.numberNode(value));
  }

  static Filter ne(String attribute, String value) {
    return compare(attribute, Operator.NE, value);
  }

  static Filter co(String attribute, String value) {
    return compare(attribute, Operator.CO, value);
  }

  static Filter sw(String attribute, String value) {
    return compare(attribute, Operator.SW, value);
  }

  static Filter ew(String attribute, String value) {
    return compare(attribute, Operator.EW, value);
  }

  static Filter gt(String attribute, String value) {
    return compare(attribute, Operator.GT, value);
  }

  static Filter ge(String attribute, String value) {
    return compare(attribute, Operator.GE, value);
  }

  static Filter lt(String attribute, String value) {
    return compare(attribute, Operator.LT, value);
  }

  static Filter le(String attribute, String value) {
    return compare(attribute, Operator.LE, value);
  }

  /** Any comparison with a string value. */
  static Filter compare(String attribute, Operator operator, String value) {
    Objects.requireNonNull(value, "value");
    return new Comparison(attribute, operator, JsonNodeFactory.instance.textNode(value));
  }

  static Filter pr(String attribute) {
    return new Present(attribute);
  }

  static Filter not(Filter inner) {
    return new Not(inner);
  }

  /** {@code attribute[filter]}. */
  static Filter has(String attribute, Filter filter) {
    return new ValuePath(attribute, filter);
  }

  /**
   * Parses filter text, for filters written in configuration.
   *
   * @throws IllegalArgumentException naming the position and what was expected
   */
  static Filter parse(String text) {
    return new FilterParser(Objects.requireNonNull(text, "text")).parse();
  }

  private static void checkAttribute(String attribute) {
    Objects.requireNonNull(attribute, "attribute");
    if (!FilterParser.isAttributePath(attribute)) {
      throw new IllegalArgumentException(
          "'" + attribute + "' is not a SCIM attribute path (expected e.g. userName, name.givenName or urn:...:User:department)");
    }
  }
}
