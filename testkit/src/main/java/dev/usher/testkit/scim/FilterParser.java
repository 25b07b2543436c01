package dev.usher.testkit.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Recursive-descent parser for SCIM filters: precedence {@code not} over {@code and} over
 * {@code or}, parentheses, value paths ({@code emails[type eq "work"]}), JSON string literals.
 */
final class FilterParser {
  private enum Kind { WORD, STRING, OPEN, CLOSE, LBRACKET, RBRACKET }

  private record Token(Kind kind, String text, int at) {}

  private final String source;
  private final List<Token> tokens;
  private int next;

  private FilterParser(String source) {
    this.source = source;
    this.tokens = tokenize(source);
  }

  static Filter parse(String text) {
    FilterParser parser = new FilterParser(text);
    if (parser.tokens.isEmpty()) {
      throw invalid(text, "the filter is empty");
    }
    Filter filter = parser.or();
    if (parser.next < parser.tokens.size()) {
      Token extra = parser.tokens.get(parser.next);
      throw invalid(text, "unexpected '" + extra.text + "' at position " + extra.at);
    }
    return filter;
  }

  private Filter or() {
    Filter left = and();
    while (peekWord("or")) {
      next++;
      left = new Filter.Or(left, and());
    }
    return left;
  }

  private Filter and() {
    Filter left = unary();
    while (peekWord("and")) {
      next++;
      left = new Filter.And(left, unary());
    }
    return left;
  }

  private Filter unary() {
    Token token = take("an expression");
    if (token.kind == Kind.WORD && token.text.equalsIgnoreCase("not")
        && peek() != null && peek().kind == Kind.OPEN) {
      next++;
      Filter inner = or();
      expect(Kind.CLOSE, "')'");
      return new Filter.Not(inner);
    }
    if (token.kind == Kind.OPEN) {
      Filter inner = or();
      expect(Kind.CLOSE, "')'");
      return inner;
    }
    if (token.kind != Kind.WORD) {
      throw invalid(source, "expected an attribute path at position " + token.at
          + " but found '" + token.text + "'");
    }
    AttrPath path = AttrPath.parse(token.text, "invalidFilter");
    Token after = peek();
    if (after != null && after.kind == Kind.LBRACKET) {
      next++;
      Filter inner = or();
      expect(Kind.RBRACKET, "']'");
      return new Filter.ValuePath(path, inner);
    }
    Token operator = take("an operator after '" + token.text + "'");
    if (operator.kind == Kind.WORD && operator.text.equalsIgnoreCase("pr")) {
      return new Filter.Present(path);
    }
    Filter.Op op = operator.kind == Kind.WORD ? Filter.Op.of(operator.text) : null;
    if (op == null) {
      throw invalid(source, "unknown operator '" + operator.text + "' at position " + operator.at
          + " (expected eq, ne, co, sw, ew, gt, ge, lt, le or pr)");
    }
    Token literal = take("a value after '" + operator.text + "'");
    return new Filter.Compare(path, op, literal(literal));
  }

  private JsonNode literal(Token token) {
    if (token.kind == Kind.STRING) {
      return TextNode.valueOf(token.text);
    }
    if (token.kind == Kind.WORD) {
      String word = token.text;
      if (word.equalsIgnoreCase("true")) {
        return BooleanNode.TRUE;
      }
      if (word.equalsIgnoreCase("false")) {
        return BooleanNode.FALSE;
      }
      if (word.equalsIgnoreCase("null")) {
        return NullNode.getInstance();
      }
      try {
        return DecimalNode.valueOf(new BigDecimal(word));
      } catch (NumberFormatException notANumber) {
        // fall through
      }
    }
    throw invalid(source, "expected a value (quoted string, number, true, false or null) at position "
        + token.at + " but found '" + token.text + "'");
  }

  private boolean peekWord(String word) {
    Token token = peek();
    return token != null && token.kind == Kind.WORD && token.text.equalsIgnoreCase(word);
  }

  private @Nullable Token peek() {
    return next < tokens.size() ? tokens.get(next) : null;
  }

  private Token take(String expected) {
    if (next >= tokens.size()) {
      throw invalid(source, "expected " + expected + " at the end");
    }
    return tokens.get(next++);
  }

  private void expect(Kind kind, String what) {
    Token token = take(what);
    if (token.kind != kind) {
      throw invalid(source, "expected " + what + " at position " + token.at
          + " but found '" + token.text + "'");
    }
  }

  static ScimException invalid(String filter, String why) {
    return ScimException.badRequest("invalidFilter", "Invalid filter '" + filter + "': " + why);
  }

  private static List<Token> tokenize(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(') {
        out.add(new Token(Kind.OPEN, "(", i++));
      } else if (c == ')') {
        out.add(new Token(Kind.CLOSE, ")", i++));
      } else if (c == '[') {
        out.add(new Token(Kind.LBRACKET, "[", i++));
      } else if (c == ']') {
        out.add(new Token(Kind.RBRACKET, "]", i++));
      } else if (c == '"') {
        int start = i++;
        StringBuilder text = new StringBuilder();
        boolean closed = false;
        while (i < s.length()) {
          char d = s.charAt(i++);
          if (d == '"') {
            closed = true;
            break;
          }
          if (d == '\\') {
            if (i >= s.length()) {
              break;
            }
            char e = s.charAt(i++);
            switch (e) {
              case 'n' -> text.append('\n');
              case 't' -> text.append('\t');
              case 'r' -> text.append('\r');
              case 'b' -> text.append('\b');
              case 'f' -> text.append('\f');
              case 'u' -> {
                if (i + 4 > s.length()) {
                  throw invalid(s, "bad \\u escape at position " + (i - 2));
                }
                try {
                  text.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                } catch (NumberFormatException bad) {
                  throw invalid(s, "bad \\u escape at position " + (i - 2));
                }
                i += 4;
              }
              default -> text.append(e);
            }
          } else {
            text.append(d);
          }
        }
        if (!closed) {
          throw invalid(s, "unterminated string starting at position " + start);
        }
        out.add(new Token(Kind.STRING, text.toString(), start));
      } else {
        int start = i;
        while (i < s.length()) {
          char d = s.charAt(i);
          if (Character.isWhitespace(d) || d == '(' || d == ')' || d == '[' || d == ']'
              || d == '"') {
            break;
          }
          i++;
        }
        out.add(new Token(Kind.WORD, s.substring(start, i), start));
      }
    }
    return out;
  }
}
