package dev.usher.core.policy.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.Email;
import dev.usher.core.model.PhoneNumber;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every function on a full user, an empty user, Unicode and diacritics, as a table. */
class ExpressionFunctionsTest {

  static final User ZOE = User.builder("E1042")
      .userName("zoe")
      .givenName("Zoë")
      .familyName("O'Brien-Núñez")
      .displayName("Zoë O'Brien-Núñez")
      .email(Email.work("zoe@example.com"))
      .email(new Email("zoe@home.example", "home", false))
      .phoneNumber(new PhoneNumber("+4930123456", "work", false))
      .phoneNumber(new PhoneNumber("+491701234567", "mobile", true))
      .department("Engineering")
      .title("  Senior Engineer ")
      .role("engineer").role("oncall")
      .managerId("E1001")
      .status(UserStatus.ACTIVE)
      .startDate(LocalDate.of(2024, 3, 1))
      .attribute("costCenter", "CC-42")
      .attribute("level", 7)
      .attribute("contractor", false)
      .attribute("hired", Instant.parse("2024-03-01T08:30:00Z"))
      .attribute("address", Map.of("city", "Köln", "geo", Map.of("zip", "50667")))
      .attribute("tags", List.of("a", "b"))
      .attribute("blank", "")
      .attribute("cost center", "CC 7")
      .attribute("urn:ext:enterprise", Map.of("division", "R&D"))
      .build();

  static final User EMPTY = User.builder("E0").build();

  static Stream<Arguments> onZoe() {
    return Stream.of(
        // attributes
        arguments("user.id", "E1042"),
        arguments("user.userName", "zoe"),
        arguments("user.givenName", "Zoë"),
        arguments("user.familyName", "O'Brien-Núñez"),
        arguments("user.displayName", "Zoë O'Brien-Núñez"),
        arguments("user.email", "zoe@example.com"),
        arguments("user.emails", List.of("zoe@example.com", "zoe@home.example")),
        arguments("user.phoneNumber", "+491701234567"),
        arguments("user.phoneNumbers", List.of("+4930123456", "+491701234567")),
        arguments("user.department", "Engineering"),
        arguments("user.roles", List.of("engineer", "oncall")),
        arguments("user.managerId", "E1001"),
        arguments("user.status", "ACTIVE"),
        arguments("user.startDate", LocalDate.of(2024, 3, 1)),
        arguments("user.endDate", null),
        arguments("user.custom.costCenter", "CC-42"),
        arguments("user.custom.level", new BigDecimal(7)),
        arguments("user.custom.address.city", "Köln"),
        arguments("user.custom.address.geo.zip", "50667"),
        arguments("user.custom.address.missing", null),
        arguments("user.custom.costCenter.deeper", null),
        arguments("user.custom.nothing", null),
        arguments("user.custom['cost center']", "CC 7"),
        arguments("user.custom[\"urn:ext:enterprise\"].division", "R&D"),
        arguments("user.custom['urn:ext:enterprise']['division']", "R&D"),
        // literals and templates
        arguments("'O\\'Brien'", "O'Brien"),
        arguments("'^\\d+$'", "^\\d+$"),
        arguments("\"a\\tb\\u00e9\\{x\\}\"", "a\tbé{x}"),
        arguments("42", new BigDecimal(42)),
        arguments("-1.5", new BigDecimal("-1.5")),
        arguments("true", true),
        arguments("null", null),
        arguments("[1, 'a', null]", List.of(new BigDecimal(1), "a")),
        arguments("\"{user.givenName}.{user.familyName}@example.com\"", "Zoë.O'Brien-Núñez@example.com"),
        arguments("\"{lower(user.givenName)} ({user.custom.level})\"", "zoë (7)"),
        arguments("\"{user.givenName} {user.custom.nothing}\"", null),
        arguments("\"{user.givenName}{coalesce(user.custom.nothing, '')}\"", "Zoë"),
        arguments("\"roles: {user.roles}\"", "roles: engineer,oncall"),
        arguments("\"{'}'}\"", "}"),
        // template(positional)
        arguments("template('{0}.{1}', user.givenName, user.familyName)", "Zoë.O'Brien-Núñez"),
        arguments("template('{1}-{0}-{1}', 'a', 'b')", "b-a-b"),
        arguments("template('{0}/{1}', 'a', user.endDate)", null),
        // join, concat
        arguments("join('.', user.givenName, user.familyName)", "Zoë.O'Brien-Núñez"),
        arguments("join(', ', user.roles, user.endDate, '', 'x')", "engineer, oncall, x"),
        arguments("join('-', user.endDate)", null),
        arguments("concat(user.givenName, user.endDate, '!')", "Zoë!"),
        arguments("concat(user.endDate)", null),
        // case and trim
        arguments("lower(user.familyName)", "o'brien-núñez"),
        arguments("upper(user.givenName)", "ZOË"),
        arguments("upper('straße')", "STRASSE"),
        arguments("trim(user.title)", "Senior Engineer"),
        arguments("trim('\u2003x\u2003')", "x"),
        arguments("lower(user.emails)", List.of("zoe@example.com", "zoe@home.example")),
        // substring in code points
        arguments("substring(user.givenName, 0, 1)", "Z"),
        arguments("substring(user.givenName, 2)", "ë"),
        arguments("substring(user.familyName, -5)", "Núñez"),
        arguments("substring(user.familyName, 100, 2)", ""),
        arguments("substring('😀ab', 0, 2)", "😀a"),
        arguments("substring('abc', 1, -1)", ""),
        // replace
        arguments("replace(user.familyName, '-', ' ')", "O'Brien Núñez"),
        arguments("replace(user.familyName, \"'\", '')", "OBrien-Núñez"),
        arguments("replace('aaa', 'a', 'bb')", "bbbbbb"),
        arguments("replace('abc', '', 'x')", "abc"),
        // coalesce
        arguments("coalesce(user.endDate, user.custom.blank, user.department)", "Engineering"),
        arguments("coalesce(user.endDate, user.custom.nothing)", null),
        arguments("coalesce(user.endDate, '')", ""),
        // switch
        arguments("switch(user.department, 'other', 'Sales', 'sales', 'Engineering', 'eng')", "eng"),
        arguments("switch(user.custom.level, 'other', 7, 'seven')", "seven"),
        arguments("switch(user.title, 'other', 'Sales', 'sales')", "other"),
        arguments("switch(user.endDate, 'none', 'x', 'y')", "none"),
        // if
        arguments("if(user.department == 'Engineering', 'eng', 'other')", "eng"),
        arguments("if(user.custom.contractor, 'ext', 'emp')", "emp"),
        arguments("if(user.endDate is null, 'open')", "open"),
        arguments("if(false, 'x')", null),
        // diacritics, alphanumerics
        arguments("normalizeDiacritics(user.displayName)", "Zoe O'Brien-Nunez"),
        arguments("normalizeDiacritics('Łódź Straße Ærø Þór Đorđe')", "Lodz Strasse AEro THor Dorde"),
        arguments("stripNonAlphanumeric(user.familyName)", "OBrienNúñez"),
        arguments("lower(stripNonAlphanumeric(normalizeDiacritics(\"{user.givenName}{user.familyName}\")))", "zoeobriennunez"),
        arguments("stripNonAlphanumeric('日本語 123!')", "日本語123"),
        // dates
        arguments("formatDate(user.startDate, 'dd.MM.yyyy')", "01.03.2024"),
        arguments("formatDate(user.custom.hired, 'yyyy-MM-dd HH:mm')", "2024-03-01 08:30"),
        arguments("formatDate(user.startDate, 'yyyy-MM-dd\\'T\\'HH:mm')", "2024-03-01T00:00"),
        arguments("formatDate('2025-12-31', 'yyyyMMdd')", "20251231"),
        arguments("formatDate(user.department, 'yyyy')", null),
        // lists
        arguments("split('a,b,,c', ',')", List.of("a", "b", "", "c")),
        arguments("split(user.custom.costCenter, '-')", List.of("CC", "42")),
        arguments("first(split(user.email, '@'))", "zoe"),
        arguments("first(user.roles)", "engineer"),
        arguments("first(user.givenName)", "Zoë"),
        arguments("first(user.custom.nothing)", null),
        arguments("length(user.givenName)", new BigDecimal(3)),
        arguments("length('😀')", new BigDecimal(1)),
        arguments("length(user.roles)", new BigDecimal(2)),
        arguments("length(user.endDate)", new BigDecimal(0)),
        // selectUnique with nothing taken
        arguments("selectUnique(user.custom.nothing, '', 'first', 'second')", "first"));
  }

  static Stream<Arguments> onEmptyUser() {
    return Stream.of(
        arguments("user.givenName", null),
        arguments("user.email", null),
        arguments("user.emails", List.of()),
        arguments("user.roles", List.of()),
        arguments("user.status", "ACTIVE"),
        arguments("user.custom.a.b", null),
        arguments("\"{user.givenName}.{user.familyName}\"", null),
        arguments("join('.', user.givenName, user.familyName)", null),
        arguments("concat(user.givenName, user.familyName)", null),
        arguments("lower(user.givenName)", null),
        arguments("upper(user.givenName)", null),
        arguments("trim(user.givenName)", null),
        arguments("substring(user.givenName, 0, 1)", null),
        arguments("replace(user.givenName, 'a', 'b')", null),
        arguments("coalesce(user.givenName, user.id)", "E0"),
        arguments("switch(user.department, 'none', 'x', 'y')", "none"),
        arguments("if(user.department == 'x', 'a', 'b')", "b"),
        arguments("normalizeDiacritics(user.givenName)", null),
        arguments("stripNonAlphanumeric(user.givenName)", null),
        arguments("formatDate(user.startDate, 'yyyy')", null),
        arguments("split(user.givenName, ',')", null),
        arguments("first(user.emails)", null),
        arguments("length(user.givenName)", new BigDecimal(0)),
        arguments("selectUnique(user.givenName, lower(user.familyName))", null),
        arguments("lower('')", ""),
        arguments("normalizeDiacritics('')", ""),
        arguments("split('', ',')", List.of("")));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("onZoe")
  void evaluatesOnAFullUserWithDiacritics(String expression, Object expected) {
    assertThat(value(Expression.parse(expression), ZOE)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("onEmptyUser")
  void evaluatesNullSafelyOnAUserWithoutAttributes(String expression, Object expected) {
    assertThat(value(Expression.parse(expression), EMPTY)).isEqualTo(expected);
  }

  static @org.jspecify.annotations.Nullable Object value(Expression e, User u) {
    AttributeValue v = e.evaluate(u);
    return v == null ? null : normalise(v.toJava());
  }

  private static Object normalise(Object o) {
    if (o instanceof BigDecimal d) {
      return d.signum() == 0 ? BigDecimal.ZERO : new BigDecimal(d.stripTrailingZeros().toPlainString());
    }
    return o;
  }
}
