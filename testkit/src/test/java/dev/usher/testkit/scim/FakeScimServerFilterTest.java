package dev.usher.testkit.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usher.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FakeScimServerFilterTest {
  private final TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private FakeScimServer server;
  private ScimHttp http;

  @BeforeAll
  void seed() {
    server = FakeScimServer.builder().clock(clock).start();
    http = new ScimHttp(server);
    user("ada", "Ada", "Lovelace", true, 1815, "ada@work.example", "ada@home.example", "E-100");
    clock.advance(Duration.ofDays(1));
    user("grace", "Grace", "Hopper", true, 1906, "grace@work.example", null, "E-200");
    clock.advance(Duration.ofDays(1));
    user("alan", "Alan", "Turing", false, 1912, null, "alan@home.example", null);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private void user(String userName, String given, String family, boolean active, int born,
      String workEmail, String homeEmail, String employeeNumber) {
    StringBuilder emails = new StringBuilder();
    if (workEmail != null) {
      emails.append("{\"type\":\"work\",\"value\":\"").append(workEmail).append("\"}");
    }
    if (homeEmail != null) {
      emails.append(emails.length() == 0 ? "" : ",").append("{\"type\":\"home\",\"value\":\"").append(homeEmail).append("\"}");
    }
    String enterprise = employeeNumber == null ? ""
        : ",\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":{\"employeeNumber\":\"" + employeeNumber + "\"}";
    ScimHttp.Response created = http.post("/Users", """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","active":%s,"born":%d,
         "name":{"givenName":"%s","familyName":"%s"},"emails":[%s]%s}"""
        .formatted(userName, active, born, given, family, emails, enterprise));
    assertThat(created.status()).isEqualTo(201);
  }

  private java.util.List<String> matching(String filter) {
    ScimHttp.Response response = http.list("/Users", filter);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.values("userName");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "userName eq \"ADA\"                                  | ada",
      "userName ne \"ada\"                                  | grace,alan",
      "name.familyName co \"o\"                             | ada,grace",
      "userName sw \"a\"                                    | ada,alan",
      "name.givenName ew \"ce\"                             | grace",
      "emails pr                                            | ada,grace,alan",
      "born gt 1906                                         | alan",
      "born ge 1906                                         | grace,alan",
      "born lt 1906                                         | ada",
      "born le 1906                                         | ada,grace",
      "active eq false                                      | alan",
      "active eq true and born gt 1900                      | grace",
      "userName eq \"ada\" or userName eq \"alan\"          | ada,alan",
      "not (userName eq \"ada\" or userName eq \"alan\")    | grace",
      "userName eq \"ada\" or userName eq \"alan\" and active eq true | ada",
      "emails[type eq \"work\" and value co \"grace\"]      | grace",
      "emails[type eq \"home\"]                             | ada,alan",
      "emails.value ew \"home.example\"                     | ada,alan",
      "emails co \"@work\"                                  | ada,grace",
      "USERNAME Eq \"grace\"                                | grace",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"E-200\" | grace",
      "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"alan\" | alan",
      "meta.lastModified gt \"2026-01-01T12:00:00Z\"         | grace,alan",
      "meta.lastModified le \"2026-01-02T00:00:00+00:00\"    | ada,grace",
      "externalId eq null                                   | ada,grace,alan",
  })
  void filtersUsers(String filter, String expected) {
    assertThat(matching(filter)).containsExactlyInAnyOrder(expected.split(","));
  }

  @Test
  void aStringEscapeInAFilterIsHonoured() {
    assertThat(matching("userName eq \"a\\u0064a\"")).containsExactly("ada");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "userName eq                 | expected a value",
      "userName zz \"a\"           | unknown operator 'zz'",
      "(userName eq \"a\"          | expected ')'",
      "userName eq \"a\" junk      | unexpected 'junk'",
      "userName eq \"unterminated  | unterminated string",
      "active gt true              | cannot compare booleans",
      "emails[type eq \"work\"     | expected ']'",
  })
  void rejectsMalformedFiltersWithInvalidFilter(String filter, String reason) {
    ScimHttp.Response response = http.list("/Users", filter);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().get("scimType").asText()).isEqualTo("invalidFilter");
    assertThat(response.body().get("detail").asText()).contains(reason);
  }

  @Test
  void filtersGroupsByMemberValue() {
    String ada = server.users().get(0).get("id").asText();
    http.createGroup("with-ada", ada);
    http.createGroup("empty");

    ScimHttp.Response response = http.list("/Groups", "members[value eq \"" + ada + "\"]");

    assertThat(response.values("displayName")).containsExactly("with-ada");
    assertThat(http.list("/Groups", "members.value eq \"" + ada + "\"").values("displayName"))
        .containsExactly("with-ada");
  }

  @Test
  void filtersUsersByTheirComputedGroups() {
    String grace = server.users().get(1).get("id").asText();
    String group = http.createGroup("hoppers", grace).id();

    assertThat(matching("groups[value eq \"" + group + "\"]")).containsExactly("grace");
    assertThat(matching("groups.display eq \"hoppers\"")).containsExactly("grace");
  }
}
