package dev.usher.testkit.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usher.testkit.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeScimServerCrudTest {
  private final TestClock clock = TestClock.at(Instant.parse("2026-01-02T03:04:05Z"));
  private FakeScimServer server;
  private ScimHttp http;

  @BeforeEach
  void start() {
    server = FakeScimServer.builder().clock(clock).start();
    http = new ScimHttp(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void listensOnLoopbackWithTheScimBasePath() {
    assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/scim/v2");
    assertThat(http.get("/Users").status()).isEqualTo(200);
  }

  @Test
  void createsAUserWithServerAssignedIdMetaLocationAndEtag() {
    ScimHttp.Response created = http.post("/Users", """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
         "id":"client-chosen","userName":"ada","name":{"givenName":"Ada"},"password":"s3cret",
         "emails":[{"value":"ada@example.com","type":"work","primary":true}]}""");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Content-Type")).isEqualTo("application/scim+json");
    String id = created.id();
    assertThat(id).isNotEqualTo("client-chosen");
    JsonNode meta = created.body().get("meta");
    assertThat(meta.get("resourceType").asText()).isEqualTo("User");
    assertThat(meta.get("created").asText()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(meta.get("lastModified").asText()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(meta.get("location").asText()).isEqualTo(server.baseUrl() + "/Users/" + id);
    assertThat(created.header("Location")).isEqualTo(server.baseUrl() + "/Users/" + id);
    assertThat(created.etag()).isEqualTo(meta.get("version").asText()).startsWith("W/\"");
    assertThat(created.body().has("password")).as("password is returned never").isFalse();
    assertThat(server.users()).singleElement()
        .satisfies(u -> assertThat(u.get("password").asText()).isEqualTo("s3cret"));

    ScimHttp.Response read = http.get("/Users/" + id);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body().get("emails").get(0).get("value").asText()).isEqualTo("ada@example.com");
  }

  @Test
  void keepsEnterpriseAndUnknownExtensionAttributes() {
    String id = http.post("/Users", """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                    "urn:example:params:scim:schemas:extension:acme:1.0:User"],
         "userName":"grace",
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"42","manager":{"value":"m1"}},
         "urn:example:params:scim:schemas:extension:acme:1.0:User":{"badge":{"color":"blue"},"floors":[1,2]},
         "x-custom":"kept"}""").id();

    JsonNode user = http.get("/Users/" + id).body();
    assertThat(user.at("/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/employeeNumber").asText())
        .isEqualTo("42");
    assertThat(user.get("urn:example:params:scim:schemas:extension:acme:1.0:User").toString())
        .isEqualTo("{\"badge\":{\"color\":\"blue\"},\"floors\":[1,2]}");
    assertThat(user.get("x-custom").asText()).isEqualTo("kept");
  }

  @Test
  void refusesDuplicateUserNameIgnoringCaseWithUniqueness409() {
    http.createUser("Ada.Lovelace");

    ScimHttp.Response duplicate = http.createUser("ada.lovelace");

    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.body().get("schemas").get(0).asText())
        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    assertThat(duplicate.body().get("status").asText()).isEqualTo("409");
    assertThat(duplicate.body().get("scimType").asText()).isEqualTo("uniqueness");
    assertThat(duplicate.body().get("detail").asText()).contains("ada.lovelace");
    assertThat(server.users()).hasSize(1);
  }

  @Test
  void refusesDuplicateExternalIdWithUniqueness409() {
    String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"%s\",\"externalId\":\"E-1\"}";
    assertThat(http.post("/Users", body.formatted("a")).status()).isEqualTo(201);

    ScimHttp.Response duplicate = http.post("/Users", body.formatted("b"));

    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.body().get("scimType").asText()).isEqualTo("uniqueness");
  }

  @Test
  void rejectsMissingUserNameMissingSchemaAndBadJson() {
    ScimHttp.Response noName = http.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]}");
    assertThat(noName.status()).isEqualTo(400);
    assertThat(noName.body().get("scimType").asText()).isEqualTo("invalidValue");
    assertThat(noName.body().get("detail").asText()).contains("userName");

    ScimHttp.Response noSchema = http.post("/Users", "{\"userName\":\"x\"}");
    assertThat(noSchema.status()).isEqualTo(400);
    assertThat(noSchema.body().get("scimType").asText()).isEqualTo("invalidSyntax");

    ScimHttp.Response badJson = http.post("/Users", "{\"userName\":");
    assertThat(badJson.status()).isEqualTo(400);
    assertThat(badJson.body().get("scimType").asText()).isEqualTo("invalidSyntax");
  }

  @Test
  void answersScimErrorsForUnknownResourcesAndEndpoints() {
    ScimHttp.Response missing = http.get("/Users/nope");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body().get("status").asText()).isEqualTo("404");
    assertThat(http.get("/Widgets").status()).isEqualTo(404);
    assertThat(http.delete("/Users").status()).isEqualTo(405);
  }

  @Test
  void putReplacesTheResourceKeepingIdAndCreatedAndBumpingVersion() {
    ScimHttp.Response created = http.post("/Users", """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ada","title":"Countess"}""");
    clock.advance(java.time.Duration.ofMinutes(5));

    ScimHttp.Response replaced = http.put("/Users/" + created.id(), """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ada.l","displayName":"Ada"}""");

    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.id()).isEqualTo(created.id());
    assertThat(replaced.body().has("title")).isFalse();
    assertThat(replaced.body().get("displayName").asText()).isEqualTo("Ada");
    assertThat(replaced.body().at("/meta/created").asText()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(replaced.body().at("/meta/lastModified").asText()).isEqualTo("2026-01-02T03:09:05Z");
    assertThat(replaced.etag()).isNotEqualTo(created.etag());
    assertThat(http.createUser("ada").status()).as("old userName is free again").isEqualTo(201);
  }

  @Test
  void putRefusesAChangedIdAsMutabilityError() {
    String id = http.createUser("ada").id();

    ScimHttp.Response response = http.put("/Users/" + id, """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"other","userName":"ada"}""");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().get("scimType").asText()).isEqualTo("mutability");
  }

  @Test
  void deleteRemovesTheUserAndItsGroupMemberships() {
    String ada = http.createUser("ada").id();
    String grace = http.createUser("grace").id();
    String group = http.createGroup("admins", ada, grace).id();

    assertThat(http.delete("/Users/" + ada).status()).isEqualTo(204);

    assertThat(http.get("/Users/" + ada).status()).isEqualTo(404);
    JsonNode members = http.get("/Groups/" + group).body().get("members");
    assertThat(members).hasSize(1);
    assertThat(members.get(0).get("value").asText()).isEqualTo(grace);
    assertThat(http.delete("/Users/" + ada).status()).isEqualTo(404);
  }

  @Test
  void groupsValidateMembersAndUsersShowTheirGroups() {
    String ada = http.createUser("ada").id();
    ScimHttp.Response group = http.createGroup("admins", ada);
    assertThat(group.status()).isEqualTo(201);
    assertThat(group.body().at("/members/0/type").asText()).isEqualTo("User");

    JsonNode groups = http.get("/Users/" + ada).body().get("groups");
    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).get("value").asText()).isEqualTo(group.id());
    assertThat(groups.get(0).get("display").asText()).isEqualTo("admins");

    ScimHttp.Response unknown = http.createGroup("ghosts", "no-such-id");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().get("scimType").asText()).isEqualTo("invalidValue");
    assertThat(unknown.body().get("detail").asText()).contains("no-such-id");
  }

  @Test
  void userGroupsAttributeIsReadOnlyOnCreate() {
    String id = http.post("/Users", """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ada","groups":[{"value":"g"}]}""").id();

    assertThat(http.get("/Users/" + id).body().has("groups")).isFalse();
  }

  @Test
  void meEndpointIsNotImplemented() {
    assertThat(http.get("/Me").status()).isEqualTo(501);
  }
}
