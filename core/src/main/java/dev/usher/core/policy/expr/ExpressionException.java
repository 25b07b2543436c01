package dev.usher.core.policy.expr;

import dev.usher.core.ConfigurationException;
import java.util.List;
import java.util.Objects;

/**
 * An expression that cannot be used: a syntax error, an unknown function or attribute, or a
 * type error. Carries the position, and its message shows the expression with a caret under
 * the problem:
 *
 * <pre>
 * unknown function 'lowr'; did you mean 'lower'? (line 1, column 1)
 *   lowr(user.givenName)
 *   ^
 * </pre>
 *
 * <p>This is the only exception {@link Expression#parse} throws for any input text.
 */
public final class ExpressionException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int position;
  private final String reason;
  private final List<String> suggestions;

  /**
   * @param source the whole expression text
   * @param position 0-based character offset of the problem in {@code source} (may equal its length)
   * @param reason what is wrong and what was expected, without position
   * @param suggestions nearest valid names, best first (may be empty)
   */
  public ExpressionException(String source, int position, String reason, List<String> suggestions) {
    super(format(source, position, reason, suggestions));
    this.source = Objects.requireNonNull(source, "source");
    this.position = Math.max(0, Math.min(position, source.length()));
    this.reason = Objects.requireNonNull(reason, "reason");
    this.suggestions = List.copyOf(suggestions);
  }

  ExpressionException(String source, int position, String reason) {
    this(source, position, reason, List.of());
  }

  /** The expression text. */
  public String source() {
    return source;
  }

  /** 0-based offset of the problem in {@link #source()}. */
  public int position() {
    return position;
  }

  /** 1-based line of the problem within the expression. */
  public int line() {
    return lineOf(source, position);
  }

  /** 1-based column of the problem within its line of the expression. */
  public int column() {
    return columnOf(source, position);
  }

  /** What is wrong, without position or excerpt. */
  public String reason() {
    return reason;
  }

  /** Valid names close to an unknown one, best first; empty when none is close. */
  public List<String> suggestions() {
    return suggestions;
  }

  /** The reason followed by a suggestion, e.g. {@code unknown function 'lowr'; did you mean 'lower'?}. */
  public String describe() {
    return describe(reason, suggestions);
  }

  /** The line of the expression holding the problem, and a caret under it, each indented. */
  public String excerpt(String indent) {
    return excerptOf(source, position, indent);
  }

  private static String describe(String reason, List<String> suggestions) {
    if (suggestions.isEmpty()) {
      return reason;
    }
    StringBuilder sb = new StringBuilder(reason).append("; did you mean ");
    for (int i = 0; i < suggestions.size(); i++) {
      if (i > 0) {
        sb.append(i == suggestions.size() - 1 ? " or " : ", ");
      }
      sb.append('\'').append(suggestions.get(i)).append('\'');
    }
    return sb.append('?').toString();
  }

  private static String format(String source, int position, String reason, List<String> suggestions) {
    Objects.requireNonNull(source, "source");
    int p = Math.max(0, Math.min(position, source.length()));
    return describe(reason, suggestions) + " (line " + lineOf(source, p) + ", column "
        + columnOf(source, p) + ")\n" + excerptOf(source, p, "  ");
  }

  private static String excerptOf(String source, int p, String indent) {
    int start = source.lastIndexOf('\n', p - 1) + 1;
    int end = source.indexOf('\n', p);
    String line = source.substring(start, end < 0 ? source.length() : end);
    StringBuilder caret = new StringBuilder(indent);
    for (int i = start; i < p; i++) {
      caret.append(source.charAt(i) == '\t' ? '\t' : ' ');
    }
    return indent + line + "\n" + caret.append('^');
  }

  static int lineOf(String source, int p) {
    int line = 1;
    for (int i = 0; i < p && i < source.length(); i++) {
      if (source.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  static int columnOf(String source, int p) {
    return p - source.lastIndexOf('\n', p - 1);
  }
}
