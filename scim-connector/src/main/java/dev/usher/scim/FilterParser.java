package dev.usher.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/** Recursive-descent parser for RFC 7644 filter text; precedence: not, and, or. */
final class FilterParser {
  private static final Pattern ATTR_PATH = Pattern.compile(
      "(?i)(urn:[a-z0-9][a-z0-9.:_-]*:)?[a-z$][a-z0-9$_-]*(\\.[a-z$][a-z0-9$_-]*)?");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String text;
  private int pos;

  FilterParser(String text) {
    this.text = text;
  }

  static boolean isAttributePath(String s) {
    return ATTR_PATH.matcher(s).matches();
  }

  Filter parse() {
    skipSpace();
    if (pos == text.length()) {
      throw error("the filter is empty");
    }
    Filter f = or();
    skipSpace();
    if (pos != text.length()) {
      throw error("unexpected '" + text.substring(pos, Math.min(text.length(), pos + 10)) + "'");
    }
    return f;
  }

  private Filter or() {
    Filter left = and();
    while (keyword("or")) {
      left = new Filter.Or(left, and());
    }
    return left;
  }

  private Filter and() {
    Filter left = unary();
    while (keyword("and")) {
      left = new Filter.And(left, unary());
    }
    return left;
  }

  private Filter unary() {
    skipSpace();
    if (keyword("not")) {
      skipSpace();
      expect('(');
      Filter inner = or();
      expect(')');
      return new Filter.Not(inner);
    }
    if (peek() == '(') {
      pos++;
      Filter inner = or();
      expect(')');
      return inner;
    }
    int start = pos;
    String attr = word();
    if (attr.isEmpty() || !isAttributePath(attr)) {
      pos = start;
      throw error("expected an attribute path");
    }
    skipSpace();
    if (peek() == '[') {
      pos++;
      Filter inner = or();
      expect(']');
      return new Filter.ValuePath(attr, inner);
    }
    int opAt = pos;
    String op = word().toLowerCase(Locale.ROOT);
    if (op.equals("pr")) {
      return new Filter.Present(attr);
    }
    Filter.Operator operator;
    try {
      operator = Filter.Operator.valueOf(op.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      pos = opAt;
      throw error("expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) after '" + attr + "'");
    }
    return new Filter.Comparison(attr, operator, value(attr, op));
  }

  private JsonNode value(String attr, String op) {
    skipSpace();
    int start = pos;
    if (peek() == '"') {
      pos++;
      while (pos < text.length() && text.charAt(pos) != '"') {
        pos += text.charAt(pos) == '\\' ? 2 : 1;
      }
      if (pos >= text.length()) {
        pos = start;
        throw error("unterminated string");
      }
      pos++;
      try {
        return JSON.readTree(text.substring(start, pos));
      } catch (JsonProcessingException e) {
        pos = start;
        throw error("invalid string escape");
      }
    }
    String w = word();
    switch (w.toLowerCase(Locale.ROOT)) {
      case "true":
        return JsonNodeFactory.instance.booleanNode(true);
      case "false":
        return JsonNodeFactory.instance.booleanNode(false);
      case "null":
        return JsonNodeFactory.instance.nullNode();
      default:
        try {
          if (w.matches("-?\\d{1,18}")) {
            return JsonNodeFactory.instance.numberNode(Long.parseLong(w));
          }
          return JsonNodeFactory.instance.numberNode(new BigDecimal(w));
        } catch (NumberFormatException e) {
          pos = start;
          throw error("expected a value (a \"string\", number, true, false or null) after '" + attr + " " + op + "'");
        }
    }
  }

  private boolean keyword(String k) {
    skipSpace();
    int end = pos + k.length();
    if (end <= text.length() && text.regionMatches(true, pos, k, 0, k.length())
        && (end == text.length() || Character.isWhitespace(text.charAt(end)) || text.charAt(end) == '(')) {
      pos = end;
      return true;
    }
    return false;
  }

  private String word() {
    skipSpace();
    int start = pos;
    while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && "()[]\"".indexOf(text.charAt(pos)) < 0) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private void expect(char c) {
    skipSpace();
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private char peek() {
    skipSpace();
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(
        "invalid SCIM filter at position " + (pos + 1) + ": " + what + " in: " + text);
  }
}
