package dev.usher.core.policy.expr;

import dev.usher.core.policy.expr.Lexer.Kind;
import dev.usher.core.policy.expr.Lexer.Part;
import dev.usher.core.policy.expr.Lexer.Token;
import dev.usher.core.policy.internal.NearestNames;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Recursive-descent parser for the policy expression language. Grammar, loosest first:
 *
 * <pre>
 * or         := and (('or' | '||') and)*
 * and        := not (('and' | '&&') not)*
 * not        := ('not' | '!') not | comparison
 * comparison := value [ ('==' | '!=' | '<' | '<=' | '>' | '>=') value
 *                     | ['not'] 'in' value | 'is' ['not'] 'null'
 *                     | ('startsWith' | 'endsWith' | 'contains' | 'matches') value ]
 * value      := number | 'text' | "template {expr}" | true | false | null
 *             | '[' [or (',' or)*] ']' | '(' or ')' | name '(' [or (',' or)*] ')'
 *             | 'user' ('.' name)+ ('[' 'text' ']')* | 'account' ('.' name | '[' 'text' ']')+
 * </pre>
 */
final class Parser {
  private static final int MAX_DEPTH = 64;
  private static final List<String> WORD_OPERATORS =
      List.of("in", "is", "startsWith", "endsWith", "contains", "matches");

  private final String src;
  private final Lexer lexer;
  private final boolean account;
  private Token tok;
  private int depth;

  private Parser(String src, int start, int end, boolean account, int depth) {
    this.src = src;
    this.lexer = new Lexer(src, start, end);
    this.account = account;
    this.depth = depth;
    this.tok = lexer.next();
  }

  static Node parse(String source, boolean account, boolean condition) {
    Parser p = new Parser(source, 0, source.length(), account, 0);
    if (p.tok.kind() == Kind.EOF) {
      throw new ExpressionException(source, 0, "empty expression: expected a value or a condition");
    }
    int start = p.tok.start();
    Node n = p.or();
    p.expectEnd();
    if (condition && !n.type.fits(Type.BOOLEAN)) {
      throw new ExpressionException(source, start, "a condition must be true or false, but this is "
          + n.type.label + "; compare it, e.g. with == or startsWith");
    }
    return n;
  }

  private void expectEnd() {
    if (tok.kind() != Kind.EOF) {
      String hint = tok.kind() == Kind.RPAREN ? ": there is no '(' to close"
          : tok.kind() == Kind.RBRACKET ? ": there is no '[' to close"
          : tok.kind() == Kind.EQ || tok.kind() == Kind.NE || tok.kind() == Kind.LT || tok.kind() == Kind.GT
              || tok.kind() == Kind.LE || tok.kind() == Kind.GE || (tok.kind() == Kind.IDENT && WORD_OPERATORS.contains((String) tok.value()))
              ? ": comparisons do not chain; join them with 'and' or 'or'"
              : ": expected an operator such as 'and', 'or' or '==' before it";
      throw error(tok.start(), "unexpected " + tok.show(src) + hint);
    }
  }

  private ExpressionException error(int at, String reason) {
    return new ExpressionException(src, at, reason);
  }

  private void advance() {
    tok = lexer.next();
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw error(tok.start(), "expression nests too deeply (more than " + MAX_DEPTH + " levels)");
    }
  }

  private boolean isWord(String w) {
    return tok.isWord(w);
  }

  // ---- boolean levels --------------------------------------------------------------------------

  private Node or() {
    int start = tok.start();
    Node left = and();
    while (tok.kind() == Kind.OR || isWord("or")) {
      Token op = tok;
      requireBoolean(left, start, "left side of '" + src.substring(op.start(), op.end()) + "'");
      advance();
      int rs = tok.start();
      Node right = and();
      requireBoolean(right, rs, "right side of '" + src.substring(op.start(), op.end()) + "'");
      left = Ops.or(left, right);
    }
    return left;
  }

  private Node and() {
    int start = tok.start();
    Node left = not();
    while (tok.kind() == Kind.AND || isWord("and")) {
      Token op = tok;
      requireBoolean(left, start, "left side of '" + src.substring(op.start(), op.end()) + "'");
      advance();
      int rs = tok.start();
      Node right = not();
      requireBoolean(right, rs, "right side of '" + src.substring(op.start(), op.end()) + "'");
      left = Ops.and(left, right);
    }
    return left;
  }

  private Node not() {
    if (tok.kind() == Kind.BANG || isWord("not")) {
      enter();
      Token op = tok;
      advance();
      int rs = tok.start();
      Node operand = not();
      requireBoolean(operand, rs, "operand of '" + src.substring(op.start(), op.end()) + "'");
      depth--;
      return Ops.not(operand);
    }
    return comparison();
  }

  private void requireBoolean(Node n, int at, String what) {
    if (!n.type.fits(Type.BOOLEAN)) {
      throw error(at, "the " + what + " must be true or false, but it is " + n.type.label);
    }
  }

  // ---- comparisons ---------------------------------------------------------------------------

  private Node comparison() {
    int ls = tok.start();
    Node left = value();
    Token op = tok;
    switch (op.kind()) {
      case EQ:
      case NE:
      case LT:
      case LE:
      case GT:
      case GE: {
        advance();
        int rs = tok.start();
        Node right = value();
        if (op.kind() != Kind.EQ && op.kind() != Kind.NE) {
          requireOrdered(left, ls, op);
          requireOrdered(right, rs, op);
        }
        return switch (op.kind()) {
          case EQ -> Ops.equal(left, right);
          case NE -> Ops.notEqual(left, right);
          case LT -> Ops.less(left, right);
          case LE -> Ops.lessOrEqual(left, right);
          case GT -> Ops.greater(left, right);
          default -> Ops.greaterOrEqual(left, right);
        };
      }
      case IDENT:
        break;
      default:
        return left;
    }
    String word = (String) op.value();
    switch (word) {
      case "in":
        advance();
        return in(left);
      case "not": {
        advance();
        if (!isWord("in")) {
          throw error(tok.start(), "expected 'in' after 'not' here (as in: user.department not in ['HR'])"
              + ", found " + tok.show(src));
        }
        advance();
        return Ops.not(in(left));
      }
      case "is": {
        advance();
        boolean negate = false;
        if (isWord("not")) {
          negate = true;
          advance();
        }
        if (!isWord("null")) {
          throw error(tok.start(), "expected 'null' after '" + (negate ? "is not" : "is") + "', found " + tok.show(src));
        }
        advance();
        return negate ? Ops.isNotNull(left) : Ops.isNull(left);
      }
      case "startsWith":
      case "endsWith":
      case "contains": {
        advance();
        Node right = value();
        return switch (word) {
          case "startsWith" -> Ops.startsWith(left, right);
          case "endsWith" -> Ops.endsWith(left, right);
          default -> Ops.contains(left, right);
        };
      }
      case "matches": {
        advance();
        int rs = tok.start();
        Node right = value();
        if (!right.isConstant() || !(right.eval(new Env(null, null, dev.usher.core.policy.EvaluationContext.NONE, "")) instanceof String regex)) {
          throw error(rs, "'matches' needs a constant regular expression in single quotes, such as '^[a-z]+$'");
        }
        try {
          return Ops.matches(left, Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
          int at = e.getIndex() >= 0 && e.getIndex() <= regex.length() && src.startsWith("'", rs)
              && src.substring(rs + 1).startsWith(regex) ? rs + 1 + e.getIndex() : rs;
          throw error(at, "invalid regular expression: " + e.getDescription());
        }
      }
      case "and":
      case "or":
        return left;
      default: {
        List<String> near = NearestNames.of(word,
            List.of("in", "is", "startsWith", "endsWith", "contains", "matches", "and", "or", "not"));
        if (near.isEmpty()) {
          expectEnd();
        }
        throw new ExpressionException(src, op.start(), "unexpected " + op.show(src)
            + ": expected an operator such as ==, in, startsWith, and, or", near);
      }
    }
  }

  private Node in(Node left) {
    int rs = tok.start();
    Node right = value();
    if (!right.type.fits(Type.LIST)) {
      throw error(rs, "'in' needs a list on its right, such as [\"a\", \"b\"], but this is " + right.type.label);
    }
    return Ops.in(left, right);
  }

  private void requireOrdered(Node n, int at, Token op) {
    if (n.type == Type.BOOLEAN || n.type == Type.LIST) {
      throw error(at, "'" + src.substring(op.start(), op.end()) + "' compares numbers, dates or text, but this is "
          + n.type.label);
    }
  }

  // ---- values ----------------------------------------------------------------------------------

  private Node value() {
    Token t = tok;
    switch (t.kind()) {
      case NUMBER:
      case STRING:
        advance();
        return Ops.literal(t.value());
      case TEMPLATE:
        advance();
        return template(t);
      case LBRACKET:
        return list();
      case LPAREN: {
        enter();
        advance();
        if (tok.kind() == Kind.RPAREN) {
          throw error(tok.start(), "empty parentheses: expected a value inside");
        }
        Node inner = or();
        expect(Kind.RPAREN, "')' to close the '(' at column " + ExpressionException.columnOf(src, t.start()));
        depth--;
        return inner;
      }
      case IDENT:
        return named();
      case EOF:
        throw error(t.start(), "unexpected end of expression: expected a value");
      default:
        throw error(t.start(), "unexpected " + t.show(src) + ": expected a value");
    }
  }

  private void expect(Kind kind, String what) {
    if (tok.kind() != kind) {
      throw error(tok.start(), "expected " + what + ", found " + tok.show(src));
    }
    advance();
  }

  private Node list() {
    Token open = tok;
    enter();
    advance();
    List<Node> elements = new ArrayList<>();
    if (tok.kind() != Kind.RBRACKET) {
      elements.add(or());
      while (tok.kind() == Kind.COMMA) {
        advance();
        elements.add(or());
      }
    }
    expect(Kind.RBRACKET, "',' or ']' to close the '[' at column " + ExpressionException.columnOf(src, open.start()));
    depth--;
    boolean constant = elements.stream().allMatch(Node::isConstant);
    if (constant) {
      List<Object> values = new ArrayList<>();
      Env none = new Env(null, null, dev.usher.core.policy.EvaluationContext.NONE, "");
      for (Node n : elements) {
        Object v = n.eval(none);
        if (v != null) {
          values.add(v);
        }
      }
      return Ops.literal(values);
    }
    return Ops.list(elements);
  }

  private Node template(Token t) {
    List<Object> pieces = new ArrayList<>();
    for (Part part : t.parts()) {
      if (part.text() != null) {
        pieces.add(part.text());
      } else {
        enter();
        Parser inner = new Parser(src, part.start(), part.end(), account, depth);
        Node n = inner.or();
        inner.expectEnd();
        depth--;
        pieces.add(n);
      }
    }
    return Functions.interpolate(pieces);
  }

  private Node named() {
    Token name = tok;
    String word = (String) name.value();
    advance();
    switch (word) {
      case "true":
        return Ops.literal(Boolean.TRUE);
      case "false":
        return Ops.literal(Boolean.FALSE);
      case "null":
        return Ops.literal(null);
      default:
        break;
    }
    if (tok.kind() == Kind.LPAREN) {
      return call(name, word);
    }
    if (word.equals("user") || word.equals("account")) {
      return attribute(name, word);
    }
    List<String> candidates = new ArrayList<>(List.of(account ? "account" : "user", "true", "false", "null"));
    throw new ExpressionException(src, name.start(), "unknown name '" + word + "': expected "
        + (account ? "account.<attribute>" : "user.<attribute>") + ", a function call, text in quotes or a number",
        NearestNames.of(word, candidates));
  }

  private Node call(Token name, String word) {
    Functions.Spec spec = Functions.get(word);
    if (spec == null) {
      throw new ExpressionException(src, name.start(), "unknown function '" + word + "'",
          NearestNames.of(word, Functions.names()));
    }
    enter();
    Token open = tok;
    advance();
    List<Node> args = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    if (tok.kind() != Kind.RPAREN) {
      starts.add(tok.start());
      args.add(or());
      while (tok.kind() == Kind.COMMA) {
        advance();
        starts.add(tok.start());
        args.add(or());
      }
    }
    expect(Kind.RPAREN, "',' or ')' to close the call of " + word + " at column "
        + ExpressionException.columnOf(src, open.start()));
    depth--;
    return Functions.call(word, args.toArray(new Node[0]),
        (index, reason) -> error(index < 0 ? name.start() : starts.get(index), reason));
  }

  private Node attribute(Token root, String word) {
    if (account != word.equals("account")) {
      throw error(root.start(), account
          ? "this expression is about an account: use account.<attribute>, not user.<attribute>"
          : "this expression is about a user: use user.<attribute>, not account.<attribute>");
    }
    List<String> path = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    if (tok.kind() != Kind.DOT && !(account && tok.kind() == Kind.LBRACKET)) {
      throw error(tok.start(), "expected '.' and an attribute name after '" + word + "', as in "
          + (account ? "account.userName" : "user.givenName"));
    }
    while (tok.kind() == Kind.DOT || (tok.kind() == Kind.LBRACKET && (account || !path.isEmpty()))) {
      if (tok.kind() == Kind.LBRACKET) {
        // user.custom["cost center"]: a name that is not an identifier
        if (!account && !path.get(0).equals(Attributes.CUSTOM)) {
          throw error(tok.start(), "only user.custom attributes can be named in brackets, as in user.custom['cost center']");
        }
        advance();
        if (tok.kind() != Kind.STRING) {
          throw error(tok.start(), "expected an attribute name in quotes inside [...], found " + tok.show(src));
        }
        path.add((String) tok.value());
        starts.add(tok.start());
        advance();
        expect(Kind.RBRACKET, "']' after the attribute name");
        continue;
      }
      advance();
      if (tok.kind() != Kind.IDENT) {
        throw error(tok.start(), "expected an attribute name after '.', found " + tok.show(src));
      }
      path.add((String) tok.value());
      starts.add(tok.start());
      advance();
    }
    if (account) {
      return Attributes.account(path);
    }
    return userAttribute(src, path, starts);
  }

  /** The node for {@code user.<path>}; {@code at} is where the path starts in {@code source}. */
  static Node userAttribute(String source, int at, List<String> path) {
    List<Integer> starts = new ArrayList<>();
    int p = at;
    for (String part : path) {
      starts.add(p);
      p += part.length() + 1;
    }
    return userAttribute(source, path, starts);
  }

  private static Node userAttribute(String source, List<String> path, List<Integer> starts) {
    String head = path.get(0);
    if (head.isEmpty() || (path.size() > 1 && path.subList(1, path.size()).contains(""))) {
      int i = path.indexOf("");
      throw new ExpressionException(source, starts.get(i), "expected an attribute name after '.'");
    }
    if (head.equals(Attributes.CUSTOM)) {
      if (path.size() < 2) {
        throw new ExpressionException(source, starts.get(0) + head.length(),
            "expected '.' and a custom attribute name after 'user.custom', as in user.custom.costCenter");
      }
      return Attributes.custom(path.subList(1, path.size()));
    }
    if (!Attributes.isUserAttribute(head)) {
      throw new ExpressionException(source, starts.get(0), "unknown attribute 'user." + head
          + "' (custom attributes are read as user.custom." + head + ")",
          NearestNames.of(head, Attributes.userNames()).stream().map(n -> "user." + n).toList());
    }
    if (path.size() > 1) {
      throw new ExpressionException(source, starts.get(1),
          "'user." + head + "' has no fields; only user.custom attributes have nested fields");
    }
    return Attributes.user(head);
  }
}
