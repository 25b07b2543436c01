package dev.usher.core.policy.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.usher.core.model.Account;
import dev.usher.core.model.User;
import dev.usher.core.policy.EvaluationContext;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Random expression texts: the parser either succeeds, and evaluation then never throws, or it
 * throws its own {@link ExpressionException} with a position inside the text. Seeded, so a
 * failure names the input that reproduces it.
 */
class ExpressionFuzzTest {
  private static final List<String> TOKENS = List.of(
      "user", "account", ".", "givenName", "familyName", "custom", "costCenter", "address", "city",
      "emails", "roles", "startDate", "status", "id", "userName", "active", "(", ")", "[", "]", ",",
      "==", "!=", "<", "<=", ">", ">=", "=", "!", "&&", "||", "&", "|", "and", "or", "not", "in",
      "is", "null", "true", "false", "startsWith", "endsWith", "contains", "matches", "'a'", "''",
      "'[a-'", "'^x+$'", "\"", "\"{", "}\"", "{", "}", "\\", "'", "\"{user.id}\"", "\"a{lower(user.givenName)}b\"",
      "1", "-2", "3.5", "99999999999999999999999", "lower", "upper", "trim", "join", "concat",
      "substring", "replace", "coalesce", "switch", "if", "normalizeDiacritics",
      "stripNonAlphanumeric", "formatDate", "'yyyy'", "'ppp'", "split", "first", "length",
      "selectUnique", "template", "'{0}'", "'{9}'", " ", "\n", "\t", "ë", "😀", "#", "$", "\u0000");
  private static final String CHARS = "user.()[],'\"{}\\=!<>&|abcdefghijklmnopqrstuvwxyzAZ0123456789 -_\n\tëñ😀$#@";

  @Test
  void theParserOnlyThrowsItsOwnExceptionWithAPosition() {
    Random random = new Random(20261203L);
    int parsed = 0;
    for (int i = 0; i < 20_000; i++) {
      String text = i % 2 == 0 ? fromTokens(random) : fromChars(random);
      parsed += check(text, Expression::parse) + check(text, Expression::parseCondition)
          + check(text, Expression::parseAccountCondition);
    }
    assertThat(parsed).as("some random texts are valid expressions").isGreaterThan(100);
  }

  private static String fromTokens(Random random) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + random.nextInt(12);
    for (int i = 0; i < n; i++) {
      sb.append(TOKENS.get(random.nextInt(TOKENS.size())));
      if (random.nextInt(3) == 0) {
        sb.append(' ');
      }
    }
    return sb.toString();
  }

  private static String fromChars(Random random) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(30);
    for (int i = 0; i < n; i++) {
      sb.appendCodePoint(CHARS.codePointAt(CHARS.offsetByCodePoints(0, random.nextInt(CHARS.codePointCount(0, CHARS.length())))));
    }
    return sb.toString();
  }

  private static int check(String text, Function<String, Expression> parser) {
    Expression e;
    try {
      e = parser.apply(text);
    } catch (ExpressionException ex) {
      assertThat(ex.position()).as("position for <%s>", text).isBetween(0, text.length());
      assertThat(ex.getMessage()).as("message for <%s>", text).contains("^").contains("(line ");
      return 0;
    } catch (Throwable t) {
      fail("parsing <" + text + "> threw " + t, t);
      return 0;
    }
    try {
      User u = ExpressionFunctionsTest.ZOE;
      e.evaluate(u);
      e.evaluate(ExpressionFunctionsTest.EMPTY, (a, v) -> true, "userName");
      e.test(u);
      e.test(Account.builder("app").userName("x").build());
      e.evaluate(User.builder("x").build(), EvaluationContext.NONE, "");
    } catch (Throwable t) {
      fail("evaluating <" + text + "> threw " + t, t);
    }
    return 1;
  }
}
