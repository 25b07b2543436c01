package dev.usher.core.policy.expr;

import static dev.usher.core.policy.expr.ExpressionFunctionsTest.EMPTY;
import static dev.usher.core.policy.expr.ExpressionFunctionsTest.ZOE;
import static dev.usher.core.policy.expr.Expressions.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.usher.core.model.User;
import dev.usher.core.policy.EvaluationContext;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each typed Java call behaves exactly like the function of the same name in a policy file. */
class ExpressionsTypedCallsTest {

  static Stream<Arguments> pairs() {
    Expression given = attribute("givenName");
    Expression family = attribute("familyName");
    return Stream.of(
        arguments(template("{user.givenName}.{user.familyName}"), "\"{user.givenName}.{user.familyName}\""),
        arguments(template("say \"{user.id}\" \\o/"), "\"say \\\"{user.id}\\\" \\\\o/\""),
        arguments(join(" ", given, attribute("custom.nothing"), family), "join(' ', user.givenName, user.custom.nothing, user.familyName)"),
        arguments(concat(given, literal("-"), attribute("endDate")), "concat(user.givenName, '-', user.endDate)"),
        arguments(lower(family), "lower(user.familyName)"),
        arguments(upper(given), "upper(user.givenName)"),
        arguments(trim(attribute("title")), "trim(user.title)"),
        arguments(substring(family, 2, 5), "substring(user.familyName, 2, 5)"),
        arguments(substring(family, -5), "substring(user.familyName, -5)"),
        arguments(replace(family, "-", " "), "replace(user.familyName, '-', ' ')"),
        arguments(coalesce(attribute("endDate"), given), "coalesce(user.endDate, user.givenName)"),
        arguments(switchOn(attribute("department"), literal("x"), Map.of("Engineering", "eng")),
            "switch(user.department, 'x', 'Engineering', 'eng')"),
        arguments(ifThen(attribute("endDate").isNull(), literal("open"), literal("closed")),
            "if(user.endDate is null, 'open', 'closed')"),
        arguments(normalizeDiacritics(family), "normalizeDiacritics(user.familyName)"),
        arguments(stripNonAlphanumeric(family), "stripNonAlphanumeric(user.familyName)"),
        arguments(formatDate(attribute("startDate"), "yyyy/MM/dd"), "formatDate(user.startDate, 'yyyy/MM/dd')"),
        arguments(split(attribute("email"), "@"), "split(user.email, '@')"),
        arguments(first(attribute("roles")), "first(user.roles)"),
        arguments(length(family), "length(user.familyName)"),
        arguments(selectUnique(attribute("custom.nothing"), lower(given)), "selectUnique(user.custom.nothing, lower(user.givenName))"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("pairs")
  void typedCallEqualsParsedFunction(Expression typed, String parsed) {
    Expression p = Expression.parse(parsed);
    for (User u : new User[] {ZOE, EMPTY}) {
      assertThat(typed.evaluate(u)).as("%s on %s", parsed, u.id()).isEqualTo(p.evaluate(u));
    }
    assertThat(typed.evaluate(ZOE)).as("a meaningful value on Zoë").isNotNull();
  }

  @Test
  void aFailingUniquenessCheckCountsAsTaken() {
    Expression e = selectUnique(literal("a"), literal("b"));
    EvaluationContext flaky = (attr, v) -> {
      if (v.toJava().equals("a")) {
        throw new IllegalStateException("store down");
      }
      return false;
    };
    assertThat(e.evaluate(ZOE, flaky, "userName").toJava()).isEqualTo("b");
  }

  @Test
  void theLatinFastPathOfNormalizeDiacriticsAgreesWithTheGeneralPath() {
    StringBuilder all = new StringBuilder();
    for (char c = 0x20; c < 0x250; c++) {
      if (!Character.isISOControl(c)) {
        all.append(c);
      }
    }
    String text = all.toString();
    assertThat(Functions.normalize(text)).isEqualTo(Functions.normalizeFully(text));
    assertThat(Functions.normalize("Zoë O'Brien-Núñez")).isEqualTo("Zoe O'Brien-Nunez");
    assertThat(Functions.normalize("Nguyễn Đức")).as("beyond Latin Extended-B").isEqualTo("Nguyen Duc");
    assertThat(Functions.normalize("e\u0301")).as("a combining mark in the input").isEqualTo("e");
  }
}
