package dev.usher.core.policy.expr;

import dev.usher.core.policy.internal.NearestNames;
import java.util.List;

/** Placeholder until the parser lands: rejects every text with a position. */
final class Parser {
  private Parser() {}

  static Node parse(String source, boolean account, boolean condition) {
    throw new ExpressionException(source, 0, "the expression parser is not available yet");
  }

  /** The node for {@code user.<path>}; {@code at} is where the path starts in {@code source}. */
  static Node userAttribute(String source, int at, List<String> path) {
    String head = path.get(0);
    if (head.equals(Attributes.CUSTOM)) {
      if (path.size() < 2) {
        throw new ExpressionException(source, at + head.length(),
            "expected '.' and a custom attribute name after 'user.custom'");
      }
      int p = at + head.length() + 1;
      for (String part : path.subList(1, path.size())) {
        if (part.isEmpty()) {
          throw new ExpressionException(source, p, "expected an attribute name after '.'");
        }
        p += part.length() + 1;
      }
      return Attributes.custom(path.subList(1, path.size()));
    }
    if (!Attributes.isUserAttribute(head)) {
      throw new ExpressionException(source, at, "unknown attribute 'user." + head + "'",
          NearestNames.of(head, Attributes.userNames()).stream().map(n -> "user." + n).toList());
    }
    if (path.size() > 1) {
      throw new ExpressionException(source, at + head.length(),
          "'user." + head + "' has no fields; only 'user.custom' attributes have nested fields");
    }
    return Attributes.user(head);
  }
}
