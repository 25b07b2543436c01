package dev.usher.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FilterTest {
  @Test
  void builderEscapesValuesAsJsonStrings() {
    Filter f = Filter.eq("userName", "o'brien \"bob\" \\ x");
    assertThat(f).hasToString("userName eq \"o'brien \\\"bob\\\" \\\\ x\"");
  }

  @Test
  void builderWritesEveryOperatorAndGroupsOrInsideAnd() {
    Filter f = Filter.sw("title", "Eng").or(Filter.ew("title", "Ops"))
        .and(Filter.not(Filter.eq("active", false)))
        .and(Filter.has("emails", Filter.eq("type", "work").and(Filter.co("value", "@example.com"))))
        .and(Filter.gt("meta.lastModified", "2011-05-13T04:42:34Z"))
        .and(Filter.eq("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", 701984))
        .and(Filter.pr("nickName").or(Filter.eq("x", new BigDecimal("1.5"))));
    assertThat(f.toString()).isEqualTo("(title sw \"Eng\" or title ew \"Ops\") and not (active eq false)"
        + " and emails[type eq \"work\" and value co \"@example.com\"]"
        + " and meta.lastModified gt \"2011-05-13T04:42:34Z\""
        + " and urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq 701984"
        + " and (nickName pr or x eq 1.5)");
    assertThat(Filter.parse(f.toString())).isEqualTo(f);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "userName Eq \"john\"",
      "name.familyName co \"O'Malley\"",
      "userName sw \"J\"",
      "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"",
      "title pr",
      "meta.lastModified gt \"2011-05-13T04:42:34Z\"",
      "meta.lastModified ge \"2011-05-13T04:42:34Z\"",
      "meta.lastModified lt \"2011-05-13T04:42:34Z\"",
      "meta.lastModified le \"2011-05-13T04:42:34Z\"",
      "title pr and userType eq \"Employee\"",
      "title pr or userType eq \"Intern\"",
      "schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"",
      "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
      "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
      "userType eq \"Employee\" and (emails.type eq \"work\")",
      "userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
      "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]"})
  void parsesEveryRfc7644Example(String text) {
    Filter parsed = Filter.parse(text);
    assertThat(Filter.parse(parsed.toString())).isEqualTo(parsed);
  }

  @Test
  void operatorsAndKeywordsIgnoreCase() {
    assertThat(Filter.parse("userName EQ \"a\" AND NOT (active eq FALSE)"))
        .isEqualTo(Filter.eq("userName", "a").and(Filter.not(Filter.eq("active", false))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "userName", "userName eq", "userName xx \"a\"", "userName eq \"a", "(userName pr",
      "userName eq \"a\" and", "emails[type eq \"work\"", "userName eq bare", "1abc eq \"x\""})
  void rejectsMalformedFiltersNamingThePosition(String text) {
    assertThatThrownBy(() -> Filter.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid SCIM filter");
  }

  @Test
  void rejectsAttributeNamesThatAreNotPaths() {
    assertThatThrownBy(() -> Filter.eq("user name", "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'user name' is not a SCIM attribute path");
  }
}
