package dev.usher.testkit.scim;

import static dev.usher.testkit.scim.ScimHttp.patchOps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.testkit.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each switch makes the server refuse or change what a standards-following server does. */
class FakeScimServerRestrictionsTest {

  private static FakeScimServer start(UnaryOperator<FakeScimServer.Builder> configure) {
    return configure.apply(FakeScimServer.builder()).start();
  }

  @Test
  void servesServiceProviderConfigAtAnotherPath() {
    try (FakeScimServer server = start(b -> b.serviceProviderConfigPath("/ServiceProviderConfigs"))) {
      ScimHttp http = new ScimHttp(server);
      assertThat(http.get("/ServiceProviderConfigs").status()).isEqualTo(200);
      assertThat(http.get("/ServiceProviderConfig").status()).isEqualTo(404);
    }
  }

  @Test
  void capsThePageSize() {
    try (FakeScimServer server = start(b -> b.maxPageSize(2))) {
      ScimHttp http = new ScimHttp(server);
      for (int i = 0; i < 5; i++) {
        http.createUser("u" + i);
      }
      ScimHttp.Response page = http.get("/Users?count=100");
      assertThat(page.resources()).hasSize(2);
      assertThat(http.get("/Users").resources()).as("default count is the cap").hasSize(2);
    }
  }

  @Test
  void cursorOnlyPagingRefusesStartIndexAndAlwaysOffersNextCursor() {
    try (FakeScimServer server = start(b -> b.cursorPagingOnly().maxPageSize(2))) {
      ScimHttp http = new ScimHttp(server);
      for (int i = 0; i < 3; i++) {
        http.createUser("u" + i);
      }
      ScimHttp.Response refused = http.get("/Users?startIndex=1");
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body().get("detail").asText()).contains("startIndex");

      ScimHttp.Response first = http.get("/Users");
      assertThat(first.resources()).hasSize(2);
      assertThat(first.body().has("startIndex")).isFalse();
      ScimHttp.Response second = http.get("/Users?cursor=" + first.body().get("nextCursor").asText());
      assertThat(second.values("userName")).containsExactly("u2");
      assertThat(second.body().has("nextCursor")).isFalse();
    }
  }

  @Test
  void equalityOnlyFiltersRefuseEverythingElse() {
    try (FakeScimServer server = start(FakeScimServer.Builder::equalityFiltersOnly)) {
      ScimHttp http = new ScimHttp(server);
      http.createUser("ada");
      assertThat(http.list("/Users", "userName eq \"ada\"").values("userName")).containsExactly("ada");
      for (String filter : List.of("userName co \"a\"", "userName pr", "userName eq \"a\" and active eq true",
          "not (userName eq \"a\")", "emails[type eq \"work\"]")) {
        ScimHttp.Response response = http.list("/Users", filter);
        assertThat(response.status()).as(filter).isEqualTo(400);
        assertThat(response.body().get("scimType").asText()).isEqualTo("invalidFilter");
      }
    }
  }

  @Test
  void requiresAFilterToListUsersButNotGroups() {
    try (FakeScimServer server = start(FakeScimServer.Builder::filterRequiredToListUsers)) {
      ScimHttp http = new ScimHttp(server);
      http.createUser("ada");
      ScimHttp.Response refused = http.get("/Users");
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body().get("detail").asText()).contains("filter is required");
      assertThat(http.list("/Users", "userName eq \"ada\"").status()).isEqualTo(200);
      assertThat(http.get("/Groups").status()).isEqualTo(200);
    }
  }

  @Test
  void namesTheListLowercaseResources() {
    try (FakeScimServer server = start(FakeScimServer.Builder::lowercaseResourcesKey)) {
      ScimHttp http = new ScimHttp(server);
      http.createUser("ada");
      JsonNode body = http.get("/Users").body();
      assertThat(body.has("resources")).isTrue();
      assertThat(body.has("Resources")).isFalse();
    }
  }

  @Test
  void softDeleteOnlyDeactivatesUsers() {
    try (FakeScimServer server = start(FakeScimServer.Builder::softDeleteUsers)) {
      ScimHttp http = new ScimHttp(server);
      String id = http.createUser("ada").id();
      String group = http.createGroup("g").id();

      assertThat(http.delete("/Users/" + id).status()).isEqualTo(204);
      ScimHttp.Response still = http.get("/Users/" + id);
      assertThat(still.status()).isEqualTo(200);
      assertThat(still.body().get("active").asBoolean()).isFalse();
      assertThat(http.delete("/Groups/" + group).status()).isEqualTo(204);
      assertThat(http.get("/Groups/" + group).status()).as("groups are deleted for real").isEqualTo(404);
    }
  }

  @Test
  void requiresHeaders() {
    try (FakeScimServer server = start(b -> b.requireHeader("User-Agent").requireHeader("Accept", "application/scim+json"))) {
      ScimHttp bare = new ScimHttp(server);
      ScimHttp.Response noAccept = bare.get("/Users", "User-Agent", "usher-test");
      assertThat(noAccept.status()).isEqualTo(406);
      assertThat(noAccept.body().get("detail").asText()).contains("Accept");
      ScimHttp.Response wrongAccept = bare.get("/Users", "User-Agent", "usher-test", "Accept", "application/json");
      assertThat(wrongAccept.status()).isEqualTo(406);
      ScimHttp.Response ok = bare.get("/Users", "User-Agent", "usher-test", "Accept", "application/scim+json");
      assertThat(ok.status()).isEqualTo(200);
    }
    try (FakeScimServer server = start(b -> b.requireHeader("X-Tenant"))) {
      ScimHttp.Response missing = new ScimHttp(server).get("/Users");
      assertThat(missing.status()).isEqualTo(400);
      assertThat(missing.body().get("detail").asText()).contains("X-Tenant");
    }
  }

  @Test
  void limitsMemberChangesPerGroupPatch() {
    try (FakeScimServer server = start(b -> b.maxMemberChangesPerPatch(2))) {
      ScimHttp http = new ScimHttp(server);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ids.add(http.createUser("u" + i).id());
      }
      String group = http.createGroup("g").id();
      String three = "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + ids.get(0)
          + "\"},{\"value\":\"" + ids.get(1) + "\"},{\"value\":\"" + ids.get(2) + "\"}]}";
      ScimHttp.Response refused = http.patch("/Groups/" + group, patchOps(three));
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body().get("detail").asText()).contains("at most 2").contains("changes 3");
      assertThat(server.groups().get(0).path("members").size()).isZero();

      String two = "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + ids.get(0)
          + "\"},{\"value\":\"" + ids.get(1) + "\"}]}";
      assertThat(http.patch("/Groups/" + group, patchOps(two)).status()).isEqualTo(200);
      String splitAcrossOps = patchOps(
          "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + ids.get(0) + "\\\"]\"}",
          "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + ids.get(2) + "\"}]}",
          "{\"op\":\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + ids.get(1) + "\"}]}");
      assertThat(http.patch("/Groups/" + group, splitAcrossOps).status()).isEqualTo(400);
    }
  }

  @Test
  void omitsGroupMembersOnReadButKeepsThem() {
    try (FakeScimServer server = start(FakeScimServer.Builder::omitGroupMembers)) {
      ScimHttp http = new ScimHttp(server);
      String ada = http.createUser("ada").id();
      ScimHttp.Response created = http.createGroup("g", ada);
      assertThat(created.body().has("members")).isFalse();
      assertThat(http.get("/Groups/" + created.id()).body().has("members")).isFalse();
      assertThat(http.get("/Groups").resources().get(0).has("members")).isFalse();
      assertThat(http.list("/Groups", "members[value eq \"" + ada + "\"]").resources()).hasSize(1);
      assertThat(server.groups().get(0).get("members")).hasSize(1);
    }
  }

  @Test
  void writesBooleansAsCapitalisedStrings() {
    try (FakeScimServer server = start(FakeScimServer.Builder::booleansAsStrings)) {
      ScimHttp http = new ScimHttp(server);
      ScimHttp.Response created = http.post("/Users", """
          {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ada","active":false,
           "emails":[{"value":"a@example.com","primary":true}]}""");
      assertThat(created.body().get("active").isTextual()).isTrue();
      assertThat(created.body().get("active").asText()).isEqualTo("False");
      JsonNode listed = http.get("/Users").resources().get(0);
      assertThat(listed.at("/emails/0/primary").asText()).isEqualTo("True");
      assertThat(http.list("/Users", "active eq false").resources()).as("stored as booleans").hasSize(1);
    }
  }

  @Test
  void patchUnsupportedAnswers501() {
    try (FakeScimServer server = start(FakeScimServer.Builder::patchUnsupported)) {
      ScimHttp http = new ScimHttp(server);
      String id = http.createUser("ada").id();
      ScimHttp.Response response = http.patch("/Users/" + id,
          patchOps("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}"));
      assertThat(response.status()).isEqualTo(501);
      assertThat(server.users().get(0).has("title")).isFalse();
    }
  }

  @Test
  void etagUnsupportedSendsNoVersionsAndIgnoresPreconditions() {
    try (FakeScimServer server = start(FakeScimServer.Builder::etagUnsupported)) {
      ScimHttp http = new ScimHttp(server);
      ScimHttp.Response created = http.createUser("ada");
      assertThat(created.header("ETag")).isNull();
      assertThat(created.body().get("meta").has("version")).isFalse();
      ScimHttp.Response put = http.put("/Users/" + created.id(), ScimHttp.user("ada"), "If-Match", "W/\"nope\"");
      assertThat(put.status()).isEqualTo(200);
      assertThat(http.get("/Users/" + created.id(), "If-None-Match", "*").status()).isEqualTo(200);
    }
  }

  @Test
  void bulkUnsupportedAnswers501() {
    try (FakeScimServer server = start(FakeScimServer.Builder::bulkUnsupported)) {
      ScimHttp.Response response = new ScimHttp(server).post("/Bulk",
          "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":[]}");
      assertThat(response.status()).isEqualTo(501);
    }
  }

  @Test
  void rateLimitAnswers429WithRetryAfterUntilTheWindowOfTheClockPasses() {
    TestClock clock = TestClock.at(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    try (FakeScimServer server = start(b -> b.clock(clock).rateLimit(2, Duration.ofMinutes(1)))) {
      ScimHttp http = new ScimHttp(server);
      assertThat(http.createUser("a").status()).isEqualTo(201);
      clock.advance(Duration.ofSeconds(20));
      assertThat(http.get("/Users").status()).isEqualTo(200);

      ScimHttp.Response limited = http.createUser("b");
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.header("Retry-After")).isEqualTo("40");
      assertThat(limited.body().get("status").asText()).isEqualTo("429");
      assertThat(server.users()).hasSize(1);

      clock.advance(Duration.ofSeconds(40));
      assertThat(http.createUser("b").status()).isEqualTo(201);
    }
  }

  @Test
  void bearerTokenIsCheckedWhenConfigured() {
    try (FakeScimServer server = start(b -> b.bearerToken("t0ken-value"))) {
      ScimHttp http = new ScimHttp(server);
      ScimHttp.Response missing = http.get("/Users");
      assertThat(missing.status()).isEqualTo(401);
      assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer");
      ScimHttp.Response wrong = http.get("/Users", "Authorization", "Bearer other");
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.raw().body()).doesNotContain("t0ken-value");
      assertThat(http.get("/Users", "Authorization", "Bearer t0ken-value").status()).isEqualTo(200);
      assertThat(http.get("/Users", "Authorization", "bearer t0ken-value").status()).isEqualTo(200);
      assertThat(server.requests().get(2).toString()).doesNotContain("t0ken-value");
    }
  }

  @Test
  void builderRejectsNonsenseNamingTheValue() {
    FakeScimServer.Builder builder = FakeScimServer.builder();
    assertThatThrownBy(() -> builder.maxPageSize(0)).hasMessageContaining("maxPageSize").hasMessageContaining("0");
    assertThatThrownBy(() -> builder.rateLimit(0, Duration.ofSeconds(1))).hasMessageContaining("rateLimit");
    assertThatThrownBy(() -> builder.serviceProviderConfigPath("spc")).hasMessageContaining("'spc'");
    assertThatThrownBy(() -> builder.basePath("scim")).hasMessageContaining("'scim'");
    assertThatThrownBy(() -> builder.bulkLimits(0, 10)).hasMessageContaining("bulk limits");
    assertThatThrownBy(() -> builder.latency(Duration.ofMillis(-1))).hasMessageContaining("latency");
    assertThatThrownBy(() -> builder.bearerToken(" ")).hasMessageContaining("blank");
    assertThatThrownBy(() -> builder.clock(null)).isInstanceOf(NullPointerException.class).hasMessage("clock");
  }

  @Test
  void servesAtAnotherBasePath() {
    try (FakeScimServer server = start(b -> b.basePath("/"))) {
      assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port());
      assertThat(new ScimHttp(server).get("/Users").status()).isEqualTo(200);
    }
    try (FakeScimServer server = start(b -> b.basePath("/api/scim/"))) {
      assertThat(server.baseUrl()).endsWith("/api/scim");
      assertThat(new ScimHttp("http://127.0.0.1:" + server.port()).get("/Users").status()).isEqualTo(404);
    }
  }
}
