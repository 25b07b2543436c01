package dev.usher.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usher.core.json.UsherJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelJsonTest {
  private final ObjectMapper json = UsherJson.newMapper();

  static User alice() {
    return User.builder("E1001")
        .userName("alice").givenName("Zoë").familyName("O'Brien-Núñez").displayName("Zoë O'Brien-Núñez")
        .email("alice@example.com").email(new Email("zoe@home.example", "home", false))
        .phoneNumber(new PhoneNumber("+4930123456", "work", true))
        .department("Engineering").title("SRE").role("engineer").role("oncall").managerId("E0001")
        .status(UserStatus.SUSPENDED).startDate(LocalDate.of(2024, 2, 1)).endDate(LocalDate.of(2027, 1, 31))
        .attribute("costCenter", "CC-42")
        .attribute("remote", true)
        .attribute("level", 7)
        .attribute("fte", new BigDecimal("0.80"))
        .attribute("hired", LocalDate.of(2024, 1, 15))
        .attribute("lastLogin", Instant.parse("2026-12-01T08:30:00Z"))
        .attribute("tags", List.of("a", "b"))
        .attribute("address", Map.of("city", "Berlin", "zip", "10115"))
        .build();
  }

  @Test
  void userRoundTripsThroughJsonWithTypedAttributes() throws Exception {
    User alice = alice();
    String text = json.writeValueAsString(alice);
    assertThat(text).contains("\"hired\":{\"$date\":\"2024-01-15\"}")
        .contains("\"lastLogin\":{\"$timestamp\":\"2026-12-01T08:30:00Z\"}")
        .contains("\"fte\":0.8")
        .contains("\"startDate\":\"2024-02-01\"");
    User back = json.readValue(text, User.class);
    assertThat(back).isEqualTo(alice);
    assertThat(back.attribute("hired")).contains(AttributeValue.of(LocalDate.of(2024, 1, 15)));
    assertThat(back.attribute("level")).contains(AttributeValue.of(7));
  }

  @Test
  void accountEntitlementAndGrantRoundTrip() throws Exception {
    Account account = Account.builder("github").id("42").externalId("E1001").userName("alice")
        .attribute("email", "alice@example.com").active(false).entitlement("team:eng").entitlement("team:sre").build();
    assertThat(json.readValue(json.writeValueAsString(account), Account.class)).isEqualTo(account);

    Entitlement e = Entitlement.of(EntitlementType.of("Seat"), "s1", "Pro seat")
        .withAttributes(Map.of("cost", AttributeValue.of(12)));
    String text = json.writeValueAsString(e);
    assertThat(text).contains("\"type\":\"seat\"");
    assertThat(json.readValue(text, Entitlement.class)).isEqualTo(e);

    Grant g = new Grant("github", "42", "team:eng");
    assertThat(json.readValue(json.writeValueAsString(g), Grant.class)).isEqualTo(g);
  }

  @Test
  void toBuilderDerivesAChangedCopyAndLeavesTheOriginal() {
    User alice = alice();
    User moved = alice.toBuilder().department("Finance").build();
    assertThat(moved.department()).isEqualTo("Finance");
    assertThat(alice.department()).isEqualTo("Engineering");
    assertThat(moved.toBuilder().department("Engineering").build()).isEqualTo(alice);
    Account a = Account.builder("x").userName("u").build();
    assertThat(a.toBuilder().build()).isEqualTo(a).hasSameHashCodeAs(a);
  }

  @Test
  void collectionsAreImmutableAndSorted() {
    User u = User.builder("1").role("b").role("a").attribute("z", 1).attribute("a", 2).build();
    assertThat(u.roles()).containsExactly("a", "b");
    assertThat(u.attributes().keySet()).containsExactly("a", "z");
    assertThatThrownBy(() -> u.roles().add("c")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> u.emails().add(Email.work("x@y.z"))).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void numbersCompareByValueNotScale() {
    assertThat(AttributeValue.of(new BigDecimal("1.0"))).isEqualTo(AttributeValue.of(1));
    assertThat(AttributeValue.from(2.5d)).isEqualTo(AttributeValue.of(new BigDecimal("2.50")));
  }

  @Test
  void unsupportedJavaValuesAreNamed() {
    assertThatThrownBy(() -> AttributeValue.from(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot use a java.lang.Object as an attribute value");
    assertThatThrownBy(() -> AttributeValue.from(Double.NaN)).hasMessageContaining("not a finite number");
    assertThatThrownBy(() -> User.builder("1").attribute("x", null))
        .hasMessageContaining("attribute value is null");
  }

  @Test
  void badDateInJsonNamesWhatWasExpected() {
    assertThatThrownBy(() -> json.readValue("{\"id\":\"1\",\"attributes\":{\"d\":{\"$date\":\"tomorrow\"}}}", User.class))
        .hasMessageContaining("expected an ISO-8601 date such as 2026-12-03");
  }

  @Test
  void entitlementTypeNamesAreChecked() {
    assertThat(EntitlementType.of(" GROUP ")).isEqualTo(EntitlementType.GROUP);
    assertThatThrownBy(() -> EntitlementType.of("no spaces")).hasMessageContaining("entitlement type 'no spaces' is not valid");
  }

  @Test
  void accountAttributeAddressesFieldsByName() {
    Account a = Account.builder("x").userName("u").externalId("e").active(false).attribute("title", "SRE").build();
    assertThat(a.attribute(Account.USER_NAME)).contains(AttributeValue.of("u"));
    assertThat(a.attribute(Account.EXTERNAL_ID)).contains(AttributeValue.of("e"));
    assertThat(a.attribute(Account.ACTIVE)).contains(AttributeValue.of(false));
    assertThat(a.attribute("title")).contains(AttributeValue.of("SRE"));
    assertThatThrownBy(a::requireId).hasMessageContaining("account 'u' in application 'x' has no id yet");
  }
}
