package dev.usher.core.policy.expr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Splits a range of an expression text into tokens. Positions are offsets into the whole
 * text, so errors inside {@code {...}} placeholders point at the right character.
 */
final class Lexer {
  enum Kind {
    IDENT, NUMBER, STRING, TEMPLATE, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, DOT,
    EQ, NE, LT, LE, GT, GE, AND, OR, BANG, EOF
  }

  /** A literal piece of a template, or a placeholder spanning [start, end) of the source. */
  record Part(@Nullable String text, int start, int end) {}

  record Token(Kind kind, int start, int end, @Nullable Object value, List<Part> parts) {
    /** The token as written, for messages. */
    String show(String src) {
      return kind == Kind.EOF ? "end of expression" : "'" + src.substring(start, end) + "'";
    }

    boolean isWord(String word) {
      return kind == Kind.IDENT && word.equals(value);
    }
  }

  private final String src;
  private final int end;
  private int pos;

  Lexer(String src, int start, int end) {
    this.src = src;
    this.pos = start;
    this.end = end;
  }

  Token next() {
    while (pos < end && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
    if (pos >= end) {
      return new Token(Kind.EOF, end, end, null, List.of());
    }
    int start = pos;
    char c = src.charAt(pos);
    switch (c) {
      case '(':
        return single(Kind.LPAREN);
      case ')':
        return single(Kind.RPAREN);
      case '[':
        return single(Kind.LBRACKET);
      case ']':
        return single(Kind.RBRACKET);
      case ',':
        return single(Kind.COMMA);
      case '.':
        return single(Kind.DOT);
      case '\'':
        return rawString();
      case '"':
        return templateString();
      case '=':
        if (peek(1) == '=') {
          return pair(Kind.EQ);
        }
        throw new ExpressionException(src, start, "'=' is not an operator: use '==' to compare");
      case '!':
        return peek(1) == '=' ? pair(Kind.NE) : single(Kind.BANG);
      case '<':
        return peek(1) == '=' ? pair(Kind.LE) : single(Kind.LT);
      case '>':
        return peek(1) == '=' ? pair(Kind.GE) : single(Kind.GT);
      case '&':
        if (peek(1) == '&') {
          return pair(Kind.AND);
        }
        throw new ExpressionException(src, start, "'&' is not an operator: use 'and' (or '&&')");
      case '|':
        if (peek(1) == '|') {
          return pair(Kind.OR);
        }
        throw new ExpressionException(src, start, "'|' is not an operator: use 'or' (or '||')");
      default:
        break;
    }
    if (isDigit(c) || (c == '-' && isDigit(peek(1)))) {
      return number();
    }
    if (Character.isJavaIdentifierStart(c) && c != '$') {
      pos++;
      while (pos < end && Character.isJavaIdentifierPart(src.charAt(pos)) && src.charAt(pos) != '$'
          && !Character.isIdentifierIgnorable(src.charAt(pos))) {
        pos++;
      }
      String word = src.substring(start, pos);
      return new Token(Kind.IDENT, start, pos, word, List.of());
    }
    if (c == '{' || c == '}') {
      throw new ExpressionException(src, start, "'" + c
          + "' is only allowed inside a double-quoted template such as \"{user.givenName}\"");
    }
    throw new ExpressionException(src, start, "unexpected character " + describeChar(src.codePointAt(start)));
  }

  private static String describeChar(int cp) {
    if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
      return String.format("U+%04X", cp);
    }
    return "'" + new String(Character.toChars(cp)) + "'";
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private char peek(int ahead) {
    int p = pos + ahead;
    return p < end ? src.charAt(p) : '\0';
  }

  private Token single(Kind kind) {
    pos++;
    return new Token(kind, pos - 1, pos, null, List.of());
  }

  private Token pair(Kind kind) {
    pos += 2;
    return new Token(kind, pos - 2, pos, null, List.of());
  }

  private Token number() {
    int start = pos;
    if (src.charAt(pos) == '-') {
      pos++;
    }
    while (pos < end && isDigit(src.charAt(pos))) {
      pos++;
    }
    if (pos + 1 < end && src.charAt(pos) == '.' && isDigit(src.charAt(pos + 1))) {
      pos++;
      while (pos < end && isDigit(src.charAt(pos))) {
        pos++;
      }
    }
    if (pos < end && Character.isJavaIdentifierPart(src.charAt(pos))) {
      throw new ExpressionException(src, pos, "a number must not be followed directly by a letter");
    }
    String text = src.substring(start, pos);
    if (text.length() > 100) {
      throw new ExpressionException(src, start, "number too long (at most 100 characters)");
    }
    return new Token(Kind.NUMBER, start, pos, new BigDecimal(text), List.of());
  }

  /** 'text': no placeholders; backslash escapes only a quote and a backslash. */
  private Token rawString() {
    int start = pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < end) {
      char c = src.charAt(pos);
      if (c == '\'') {
        pos++;
        return new Token(Kind.STRING, start, pos, sb.toString(), List.of());
      }
      if (c == '\\' && pos + 1 < end && (src.charAt(pos + 1) == '\'' || src.charAt(pos + 1) == '\\')) {
        sb.append(src.charAt(pos + 1));
        pos += 2;
        continue;
      }
      sb.append(c);
      pos++;
    }
    throw new ExpressionException(src, start, "unterminated text: missing closing '");
  }

  /** "text with {placeholders}": escapes \" \\ \{ \} \n \t \r \\uXXXX. */
  private Token templateString() {
    int start = pos++;
    List<Part> parts = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    int literalStart = pos;
    while (pos < end) {
      char c = src.charAt(pos);
      if (c == '"') {
        pos++;
        if (sb.length() > 0 || parts.isEmpty()) {
          parts.add(new Part(sb.toString(), literalStart, pos - 1));
        }
        boolean plain = parts.size() == 1 && parts.get(0).text() != null;
        return new Token(plain ? Kind.STRING : Kind.TEMPLATE, start, pos,
            plain ? parts.get(0).text() : null, List.copyOf(parts));
      }
      if (c == '\\') {
        escape(sb);
        continue;
      }
      if (c == '}') {
        throw new ExpressionException(src, pos, "'}' without a matching '{': write \\} for a literal brace");
      }
      if (c == '{') {
        if (sb.length() > 0) {
          parts.add(new Part(sb.toString(), literalStart, pos));
          sb.setLength(0);
        }
        int open = pos;
        int close = placeholderEnd(open);
        if (src.substring(open + 1, close).isBlank()) {
          throw new ExpressionException(src, open, "empty placeholder '{}': put an expression inside, such as {user.givenName}");
        }
        parts.add(new Part(null, open + 1, close));
        pos = close + 1;
        literalStart = pos;
        continue;
      }
      sb.append(c);
      pos++;
    }
    throw new ExpressionException(src, start, "unterminated text: missing closing \"");
  }

  /** The offset of the '}' closing the placeholder opened at {@code open}. */
  private int placeholderEnd(int open) {
    int p = open + 1;
    int nested = 0;
    while (p < end) {
      char c = src.charAt(p);
      if (c == '\'') {
        p++;
        while (p < end && src.charAt(p) != '\'') {
          p += src.charAt(p) == '\\' ? 2 : 1;
        }
        if (p >= end) {
          throw new ExpressionException(src, open, "unterminated placeholder: missing '}'");
        }
      } else if (c == '"') {
        throw new ExpressionException(src, p,
            "a double quote ends the template here, inside a '{' placeholder: use single quotes for text inside {...}");
      } else if (c == '{') {
        nested++;
      } else if (c == '}') {
        if (nested == 0) {
          return p;
        }
        nested--;
      }
      p++;
    }
    throw new ExpressionException(src, open, "unterminated placeholder: missing '}'");
  }

  private void escape(StringBuilder sb) {
    int at = pos;
    if (pos + 1 >= end) {
      throw new ExpressionException(src, at, "unterminated text: a backslash ends the expression");
    }
    char e = src.charAt(pos + 1);
    pos += 2;
    switch (e) {
      case '"', '\\', '{', '}', '\'' -> sb.append(e);
      case 'n' -> sb.append('\n');
      case 't' -> sb.append('\t');
      case 'r' -> sb.append('\r');
      case 'u' -> {
        if (pos + 4 > end) {
          throw new ExpressionException(src, at, "invalid escape: \\u needs four hex digits");
        }
        try {
          sb.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
        } catch (NumberFormatException ex) {
          throw new ExpressionException(src, at, "invalid escape: \\u needs four hex digits");
        }
        pos += 4;
      }
      default -> throw new ExpressionException(src, at, "invalid escape '\\" + e
          + "': use \\\" \\\\ \\{ \\} \\n \\t \\r or \\uXXXX (or single quotes for text with backslashes)");
    }
  }
}
