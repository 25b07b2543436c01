package dev.usher.core.policy.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every syntax, name and type error: its reason, its column, and the caret under it. */
class ExpressionErrorsTest {

  /** Expression, 1-based column, reason (the caret must sit at that column). */
  static Stream<Arguments> errors() {
    return Stream.of(
        // lexical
        arguments("", 1, "empty expression: expected a value or a condition"),
        arguments("   ", 1, "empty expression: expected a value or a condition"),
        arguments("user.givenName = 'x'", 16, "'=' is not an operator: use '==' to compare"),
        arguments("a & b", 3, "'&' is not an operator: use 'and' (or '&&')"),
        arguments("true | false", 6, "'|' is not an operator: use 'or' (or '||')"),
        arguments("user.id == #1", 12, "unexpected character '#'"),
        arguments("'abc", 1, "unterminated text: missing closing '"),
        arguments("\"abc", 1, "unterminated text: missing closing \""),
        arguments("\"a\\qb\"", 3, "invalid escape '\\q': use \\\" \\\\ \\{ \\} \\n \\t \\r or \\uXXXX (or single quotes for text with backslashes)"),
        arguments("\"\\u12\"", 2, "invalid escape: \\u needs four hex digits"),
        arguments("12abc", 3, "a number must not be followed directly by a letter"),
        arguments("{user.id}", 1, "'{' is only allowed inside a double-quoted template such as \"{user.givenName}\""),
        // templates
        arguments("\"{user.givenName\"", 17, "a double quote ends the template here, inside a '{' placeholder: use single quotes for text inside {...}"),
        arguments("\"x{user.id\"", 11, "a double quote ends the template here, inside a '{' placeholder: use single quotes for text inside {...}"),
        arguments("\"{user.id", 2, "unterminated placeholder: missing '}'"),
        arguments("\"a}\"", 3, "'}' without a matching '{': write \\} for a literal brace"),
        arguments("\"{ }\"", 2, "empty placeholder '{}': put an expression inside, such as {user.givenName}"),
        arguments("\"{user.givenNam}\"", 8, "unknown attribute 'user.givenNam' (custom attributes are read as user.custom.givenNam); did you mean 'user.givenName'?"),
        arguments("\"{user.id user.id}\"", 11, "unexpected 'user': expected an operator such as 'and', 'or' or '==' before it"),
        // structure
        arguments("user.id ==", 11, "unexpected end of expression: expected a value"),
        arguments("lower(user.id", 14, "expected ',' or ')' to close the call of lower at column 6, found end of expression"),
        arguments("(user.id == 'a'", 16, "expected ')' to close the '(' at column 1, found end of expression"),
        arguments("['a', 'b'", 10, "expected ',' or ']' to close the '[' at column 1, found end of expression"),
        arguments("user.id)", 8, "unexpected ')': there is no '(' to close"),
        arguments("user.id]", 8, "unexpected ']': there is no '[' to close"),
        arguments("user.id 'x'", 9, "unexpected ''x'': expected an operator such as 'and', 'or' or '==' before it"),
        arguments("()", 2, "empty parentheses: expected a value inside"),
        arguments("lower(,)", 7, "unexpected ',': expected a value"),
        arguments("user.id == 'a' == 'b'", 16, "unexpected '==': comparisons do not chain; join them with 'and' or 'or'"),
        arguments("user.id not 'a'", 13, "expected 'in' after 'not' here (as in: user.department not in ['HR']), found ''a''"),
        arguments("user.id is 'a'", 12, "expected 'null' after 'is', found ''a''"),
        arguments("user.id is not empty", 16, "expected 'null' after 'is not', found 'empty'"),
        arguments("user.id startWith 'a'", 9, "unexpected 'startWith': expected an operator such as ==, in, startsWith, and, or; did you mean 'startsWith'?"),
        // names
        arguments("usr.givenName", 1, "unknown name 'usr': expected user.<attribute>, a function call, text in quotes or a number; did you mean 'user'?"),
        arguments("user", 5, "expected '.' and an attribute name after 'user', as in user.givenName"),
        arguments("user.", 6, "expected an attribute name after '.', found end of expression"),
        arguments("user.givenname", 6, "unknown attribute 'user.givenname' (custom attributes are read as user.custom.givenname); did you mean 'user.givenName'?"),
        arguments("user.costCenter", 6, "unknown attribute 'user.costCenter' (custom attributes are read as user.custom.costCenter)"),
        arguments("user.custom", 12, "expected '.' and a custom attribute name after 'user.custom', as in user.custom.costCenter"),
        arguments("user.email['x']", 11, "only user.custom attributes can be named in brackets, as in user.custom['cost center']"),
        arguments("user.custom[1]", 13, "expected an attribute name in quotes inside [...], found '1'"),
        arguments("user.custom['a'", 16, "expected ']' after the attribute name, found end of expression"),
        arguments("user.email.domain", 12, "'user.email' has no fields; only user.custom attributes have nested fields"),
        arguments("account.userName == 'x'", 1, "this expression is about a user: use user.<attribute>, not account.<attribute>"),
        arguments("lowr(user.givenName)", 1, "unknown function 'lowr'; did you mean 'lower'?"),
        arguments("normalizeDiacritic(user.givenName)", 1, "unknown function 'normalizeDiacritic'; did you mean 'normalizeDiacritics'?"),
        arguments("selectunique(user.id)", 1, "unknown function 'selectunique'; did you mean 'selectUnique'?"),
        arguments("frobnicate(user.id)", 1, "unknown function 'frobnicate'"),
        // arity and types
        arguments("lower(user.givenName, 'x')", 1, "lower takes 1 argument, got 2: lower(text)"),
        arguments("substring(user.id)", 1, "substring takes 2 to 3 arguments, got 1: substring(text, start[, length])"),
        arguments("join(',')", 1, "join takes at least 2 arguments, got 1: join(separator, value, ...)"),
        arguments("substring(user.id, 'a')", 20, "substring's start must be a number, but it is text"),
        arguments("switch(user.department, 'x', 'Sales')", 30, "switch needs a value, a default and then key/result pairs; the last key has no result"),
        arguments("if(user.department, 'a', 'b')", 4, "if's condition must be true or false, but it is text"),
        arguments("formatDate(user.startDate, 'yyyy-MM-dd qq ppp')", 28, "invalid date pattern 'yyyy-MM-dd qq ppp': Pad letter 'p' must be followed by valid pad pattern: yyyy-MM-dd qq ppp"),
        arguments("formatDate(user.startDate, user.title)", 28, "formatDate needs a constant pattern such as 'yyyy-MM-dd'"),
        arguments("template('{0}.{1}', user.givenName)", 10, "template placeholder {1} has no argument: 1 given, numbered from {0}"),
        arguments("user.givenName matches '[a-'", 28, "invalid regular expression: Illegal character range"),
        arguments("user.givenName matches user.familyName", 24, "'matches' needs a constant regular expression in single quotes, such as '^[a-z]+$'"),
        arguments("user.department in 'Engineering'", 20, "'in' needs a list on its right, such as [\"a\", \"b\"], but this is text"),
        arguments("user.department and true", 1, "the left side of 'and' must be true or false, but it is text"),
        arguments("true or user.id", 9, "the right side of 'or' must be true or false, but it is text"),
        arguments("not user.id", 5, "the operand of 'not' must be true or false, but it is text"),
        arguments("user.roles > 3", 1, "'>' compares numbers, dates or text, but this is list"),
        arguments("user.id > (1 == 1)", 11, "'>' compares numbers, dates or text, but this is true/false"));
  }

  @ParameterizedTest(name = "[{index}] <{0}> column {1}")
  @MethodSource("errors")
  void reportsReasonColumnAndCaret(String expression, int column, String reason) {
    ExpressionException e = catchThrowableOfType(ExpressionException.class, () -> Expression.parse(expression));
    assertThat(e).as("parse(%s) must fail", expression).isNotNull();
    assertThat(e.describe()).isEqualTo(reason);
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.column()).isEqualTo(column);
    String caret = " ".repeat(column - 1) + "^";
    assertThat(e.getMessage()).isEqualTo(reason + " (line 1, column " + column + ")\n  " + expression + "\n  " + caret);
  }

  @Test
  void aConditionMustBeTrueOrFalse() {
    assertThatThrownBy(() -> Expression.parseCondition("lower(user.department)"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("a condition must be true or false, but this is text; compare it, e.g. with == or startsWith"
            + " (line 1, column 1)\n  lower(user.department)\n  ^");
    assertThat(Expression.parseCondition("user.custom.flag").test(ExpressionFunctionsTest.ZOE))
        .as("a custom attribute may hold true/false, so it is accepted").isFalse();
  }

  @Test
  void accountConditionsRejectUserAttributes() {
    assertThatThrownBy(() -> Expression.parseAccountCondition("user.id == 'a'"))
        .hasMessageStartingWith("this expression is about an account: use account.<attribute>, not user.<attribute>");
  }

  @Test
  void positionsOnLaterLinesNameLineAndColumn() {
    ExpressionException e = catchThrowableOfType(ExpressionException.class,
        () -> Expression.parse("coalesce(\n  user.givenName,\n  lowr(user.id))"));
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.column()).isEqualTo(3);
    assertThat(e.suggestions()).containsExactly("lower");
    assertThat(e.getMessage()).endsWith("(line 3, column 3)\n    lowr(user.id))\n    ^");
  }

  @Test
  void deepNestingIsAnErrorNotAStackOverflow() {
    String deep = "(".repeat(10_000) + "1" + ")".repeat(10_000);
    ExpressionException e = catchThrowableOfType(ExpressionException.class, () -> Expression.parse(deep));
    assertThat(e.reason()).isEqualTo("expression nests too deeply (more than 64 levels)");
    assertThat(e.position()).isEqualTo(64);
  }

  @Test
  void typedCallsRejectInvalidConstants() {
    assertThatThrownBy(() -> Expressions.formatDate(Expression.attribute("startDate"), "ppp"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("formatDate: invalid date pattern 'ppp'");
    assertThatThrownBy(() -> Expression.attribute("givenNme"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("did you mean 'user.givenName'?");
  }
}
