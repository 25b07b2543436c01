package dev.usher.core.policy.expr;

import static dev.usher.core.policy.expr.ExpressionFunctionsTest.EMPTY;
import static dev.usher.core.policy.expr.ExpressionFunctionsTest.ZOE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.usher.core.model.Account;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import dev.usher.core.policy.EvaluationContext;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every operator, on present, absent and mismatched values. */
class ExpressionOperatorsTest {

  static Stream<Arguments> conditions() {
    return Stream.of(
        // equals / not equals
        arguments("user.department == 'Engineering'", true, false),
        arguments("user.department == \"engineering\"", false, false),
        arguments("user.department != 'Sales'", true, true),
        arguments("user.department == null", false, true),
        arguments("user.department != null", true, false),
        arguments("user.custom.level == 7", true, false),
        arguments("user.custom.level == '7'", true, false),
        arguments("user.custom.level == 7.0", true, false),
        arguments("user.custom.contractor == false", true, false),
        arguments("user.startDate == '2024-03-01'", true, false),
        arguments("user.familyName == \"O'Brien-Núñez\"", true, false),
        // in / not in
        arguments("user.department in ['Engineering', 'Security']", true, false),
        arguments("user.department in []", false, false),
        arguments("user.department not in ['HR']", true, true),
        arguments("user.status in ['ACTIVE', 'SUSPENDED']", true, true),
        arguments("user.roles in ['oncall']", true, false),
        arguments("user.custom.level in [1, 7]", true, false),
        arguments("'x' in user.roles", false, false),
        arguments("'engineer' in user.roles", true, false),
        // text tests
        arguments("user.title startsWith '  Senior'", true, false),
        arguments("trim(user.title) startsWith 'Senior'", true, false),
        arguments("user.email endsWith '@example.com'", true, false),
        arguments("user.emails endsWith '@home.example'", true, false),
        arguments("user.familyName contains 'Núñez'", true, false),
        arguments("user.roles contains 'oncall'", true, false),
        arguments("user.roles contains 'onc'", false, false),
        arguments("user.givenName matches '^Zo.$'", true, false),
        arguments("user.email matches '^[a-z]+@example\\.com$'", true, false),
        arguments("user.emails matches 'home'", true, false),
        arguments("user.custom.costCenter matches '^CC-\\d+$'", true, false),
        // null tests
        arguments("user.endDate is null", true, true),
        arguments("user.custom.blank is null", true, true),
        arguments("user.roles is null", false, true),
        arguments("user.givenName is not null", true, false),
        // ordering: numbers, dates, text
        arguments("user.custom.level > 5", true, false),
        arguments("user.custom.level >= 7", true, false),
        arguments("user.custom.level < 7", false, false),
        arguments("user.custom.level <= 7.5", true, false),
        arguments("user.startDate < '2025-01-01'", true, false),
        arguments("user.startDate >= '2024-03-01'", true, false),
        arguments("user.startDate > user.endDate", false, false),
        arguments("user.custom.hired > '2024-02-28'", true, false),
        arguments("user.custom.costCenter > 'CC-1'", true, false),
        arguments("user.custom.costCenter > 5", false, false),
        // boolean operators and precedence
        arguments("user.department == 'Engineering' and user.title contains 'Senior'", true, false),
        arguments("user.department == 'Sales' or user.custom.level > 5", true, false),
        arguments("user.department == 'Sales' || user.custom.level > 5 && user.endDate is null", true, false),
        arguments("not user.department == 'Sales'", true, true),
        arguments("!(user.custom.contractor)", true, true),
        arguments("not (user.department == 'Engineering' or user.department == 'Sales')", false, true),
        arguments("user.custom.contractor", false, false),
        arguments("true and not false", true, true));
  }

  @ParameterizedTest(name = "{0}: Zoë {1}, empty user {2}")
  @MethodSource("conditions")
  void holdsOrNotForAFullUserAndAnEmptyUser(String condition, boolean onZoe, boolean onEmpty) {
    Expression e = Expression.parseCondition(condition);
    assertThat(e.test(ZOE)).as("on Zoë").isEqualTo(onZoe);
    assertThat(e.test(EMPTY)).as("on a user without attributes").isEqualTo(onEmpty);
  }

  @Test
  void typedJavaConditionsBehaveLikeTheParsedOnes() {
    Expression typed = Expression.attribute("department").eq("Engineering")
        .and(Expression.attribute("title").contains("Senior"))
        .and(Expression.attribute("custom.level").gt(5))
        .and(Expression.attribute("startDate").lt(LocalDate.of(2025, 1, 1)))
        .and(Expression.attribute("roles").in("oncall", "admin"))
        .and(Expression.attribute("endDate").isNull())
        .and(Expression.attribute("email").matches("@example\\.com$"))
        .and(Expression.attribute("status").notEq("TERMINATED"))
        .and(Expression.attribute("givenName").startsWith("Zo").or(Expression.literal(false)))
        .and(Expression.attribute("familyName").endsWith("Núñez").not().not());
    assertThat(typed.test(ZOE)).isTrue();
    assertThat(typed.test(EMPTY)).isFalse();
    assertThat(typed.source()).contains("user.department == \"Engineering\"");
  }

  @Test
  void lambdaExpressionsAreTotal() {
    Expression title = Expression.of(User::title);
    Expression failing = Expression.of(u -> u.title().length());
    assertThat(title.evaluate(ZOE).toJava()).isEqualTo("  Senior Engineer ");
    assertThat(title.evaluate(EMPTY)).isNull();
    assertThat(failing.evaluate(EMPTY)).as("an exception counts as absent").isNull();
  }

  @Test
  void selectUniqueAsksTheContextForTheMappingsTarget() {
    Expression e = Expression.parse("selectUnique(lower(user.givenName), lower(\"{user.givenName}.{user.id}\"), user.emails)");
    Set<String> takenUserNames = Set.of("zoë", "zoë.e1042");
    EvaluationContext ctx = (attribute, value) ->
        attribute.equals("userName") && takenUserNames.contains(value.toJava());
    assertThat(e.evaluate(ZOE, ctx, "userName").toJava()).isEqualTo("zoe@example.com");
    assertThat(e.evaluate(ZOE, ctx, "displayName").toJava()).isEqualTo("zoë");
    EvaluationContext allTaken = (attribute, value) -> true;
    assertThat(e.evaluate(ZOE, allTaken, "userName")).isNull();
  }

  @Test
  void accountConditionsReadFieldsAndAttributes() {
    Expression e = Expression.parseAccountCondition(
        "account.userName startsWith 'svc-' or account.custom.kind == 'breakglass' or account.active == false");
    Account svc = Account.builder("github").userName("svc-ci").build();
    Account admin = Account.builder("github").userName("root").attribute("custom", java.util.Map.of("kind", "breakglass")).build();
    Account disabled = Account.builder("github").userName("old").active(false).build();
    Account normal = Account.builder("github").userName("zoe").build();
    assertThat(e.test(svc)).isTrue();
    assertThat(e.test(admin)).isTrue();
    assertThat(e.test(disabled)).isTrue();
    assertThat(e.test(normal)).isFalse();
    assertThat(Expression.parseAccountCondition("account['urn:ext:type'] == 'service'")
        .test(Account.builder("x").attribute("urn:ext:type", "service").build())).isTrue();
    assertThat(Expression.parseAccountCondition("account.id == 'a1'")
        .test(Account.builder("x").id("a1").build())).isTrue();
  }

  @Test
  void statusConditions() {
    Expression activeOrSuspended = Expression.parseCondition("user.status in ['ACTIVE', 'SUSPENDED']");
    User terminated = ZOE.toBuilder().status(UserStatus.TERMINATED).build();
    assertThat(activeOrSuspended.test(ZOE)).isTrue();
    assertThat(activeOrSuspended.test(ZOE.toBuilder().status(UserStatus.SUSPENDED).build())).isTrue();
    assertThat(activeOrSuspended.test(terminated)).isFalse();
  }
}
