package dev.usher.testkit.scim;

import static dev.usher.testkit.scim.ScimHttp.patchOps;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeScimServerPatchTest {
  private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private FakeScimServer server;
  private ScimHttp http;
  private String userId;

  @BeforeEach
  void start() {
    server = FakeScimServer.builder().start();
    http = new ScimHttp(server);
    userId = http.post("/Users", """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ada","active":true,
         "name":{"givenName":"Ada","familyName":"Byron"},
         "emails":[{"value":"ada@work.example","type":"work","primary":true},
                   {"value":"ada@home.example","type":"home"}]}""").id();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonNode patchUser(String... operations) {
    ScimHttp.Response response = http.patch("/Users/" + userId, patchOps(operations));
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.body();
  }

  private ScimHttp.Response patchUserFails(String... operations) {
    ScimHttp.Response response = http.patch("/Users/" + userId, patchOps(operations));
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    return response;
  }

  @Test
  void replacesASimpleAttributeAndASubAttribute() {
    JsonNode user = patchUser(
        "{\"op\":\"Replace\",\"path\":\"active\",\"value\":false}",
        "{\"op\":\"replace\",\"path\":\"name.familyName\",\"value\":\"Lovelace\"}");

    assertThat(user.get("active").asBoolean()).isFalse();
    assertThat(user.at("/name/familyName").asText()).isEqualTo("Lovelace");
    assertThat(user.at("/name/givenName").asText()).isEqualTo("Ada");
  }

  @Test
  void addsWithoutAPathMergingAttributesAndExtensions() {
    JsonNode user = patchUser("""
        {"op":"add","value":{"title":"Countess","name":{"middleName":"King"},
          "%s":{"employeeNumber":"1815"}}}""".formatted(ENTERPRISE));

    assertThat(user.get("title").asText()).isEqualTo("Countess");
    assertThat(user.at("/name/middleName").asText()).isEqualTo("King");
    assertThat(user.at("/name/givenName").asText()).isEqualTo("Ada");
    assertThat(user.get(ENTERPRISE).get("employeeNumber").asText()).isEqualTo("1815");
    assertThat(user.get("schemas").toString()).contains(ENTERPRISE);
  }

  @Test
  void replacesASubAttributeSelectedByAValueFilter() {
    JsonNode user = patchUser(
        "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"ada@new.example\"}");

    assertThat(user.get("emails").get(0).get("value").asText()).isEqualTo("ada@new.example");
    assertThat(user.get("emails").get(1).get("value").asText()).isEqualTo("ada@home.example");
  }

  @Test
  void replaceWithAFilterMatchingNothingIsNoTarget() {
    ScimHttp.Response response = patchUserFails(
        "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"other\\\"].value\",\"value\":\"x@example.com\"}");

    assertThat(response.body().get("scimType").asText()).isEqualTo("noTarget");
  }

  @Test
  void removesValuesSelectedByAFilterAndWholeAttributes() {
    JsonNode user = patchUser(
        "{\"op\":\"remove\",\"path\":\"emails[type eq \\\"home\\\"]\"}",
        "{\"op\":\"remove\",\"path\":\"name.givenName\"}");
    assertThat(user.get("emails")).hasSize(1);
    assertThat(user.at("/name/givenName").isMissingNode()).isTrue();

    JsonNode after = patchUser("{\"op\":\"remove\",\"path\":\"emails\"}");
    assertThat(after.has("emails")).isFalse();
  }

  @Test
  void addsToAMultiValuedAttributeWithoutDuplicatesAndMovesPrimary() {
    JsonNode user = patchUser("""
        {"op":"add","path":"emails","value":[{"value":"ada@work.example","type":"work","primary":true},
                                             {"value":"ada@lab.example","type":"lab","primary":true}]}""");

    assertThat(user.get("emails")).hasSize(3);
    assertThat(user.get("emails").get(0).get("primary").asBoolean()).isFalse();
    assertThat(user.get("emails").get(2).get("primary").asBoolean()).isTrue();
  }

  @Test
  void patchesUrnQualifiedPathsAndWholeExtensions() {
    JsonNode user = patchUser(
        "{\"op\":\"add\",\"path\":\"" + ENTERPRISE + ":employeeNumber\",\"value\":\"7\"}",
        "{\"op\":\"replace\",\"path\":\"" + ENTERPRISE + ":manager.value\",\"value\":\"boss\"}",
        "{\"op\":\"replace\",\"path\":\"urn:ietf:params:scim:schemas:core:2.0:User:displayName\",\"value\":\"Ada L\"}");
    assertThat(user.get(ENTERPRISE).get("employeeNumber").asText()).isEqualTo("7");
    assertThat(user.get(ENTERPRISE).at("/manager/value").asText()).isEqualTo("boss");
    assertThat(user.get("displayName").asText()).isEqualTo("Ada L");

    JsonNode removed = patchUser("{\"op\":\"remove\",\"path\":\"" + ENTERPRISE + "\"}");
    assertThat(removed.has(ENTERPRISE)).isFalse();
    assertThat(removed.get("schemas").toString()).doesNotContain(ENTERPRISE);
  }

  @Test
  void attributeNamesInPathsIgnoreCase() {
    JsonNode user = patchUser("{\"op\":\"replace\",\"path\":\"NAME.GIVENNAME\",\"value\":\"Augusta\"}");

    assertThat(user.at("/name/givenName").asText()).isEqualTo("Augusta");
  }

  @Test
  void refusesReadOnlyAttributesMalformedPathsAndBadOperations() {
    assertThat(patchUserFails("{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}")
        .body().get("scimType").asText()).isEqualTo("mutability");
    assertThat(patchUserFails("{\"op\":\"replace\",\"value\":{\"meta\":{}}}")
        .body().get("scimType").asText()).isEqualTo("mutability");
    assertThat(patchUserFails("{\"op\":\"replace\",\"path\":\"emails[type eq\",\"value\":\"x\"}")
        .body().get("scimType").asText()).isIn("invalidPath", "invalidFilter");
    assertThat(patchUserFails("{\"op\":\"replace\",\"path\":\"bad name\",\"value\":\"x\"}")
        .body().get("scimType").asText()).isEqualTo("invalidPath");
    assertThat(patchUserFails("{\"op\":\"remove\"}").body().get("scimType").asText()).isEqualTo("noTarget");
    assertThat(patchUserFails("{\"op\":\"move\",\"path\":\"title\"}").body().get("detail").asText())
        .contains("add, replace or remove");
    ScimHttp.Response noSchema = http.patch("/Users/" + userId, "{\"Operations\":[]}");
    assertThat(noSchema.status()).isEqualTo(400);
  }

  @Test
  void aFailedPatchChangesNothing() {
    patchUserFails(
        "{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Countess\"}",
        "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"other\\\"].value\",\"value\":\"x\"}");

    assertThat(server.users().get(0).has("title")).isFalse();
  }

  @Test
  void patchingUserNameToATakenOneIsAUniquenessConflict() {
    http.createUser("grace");

    ScimHttp.Response response = http.patch("/Users/" + userId,
        patchOps("{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"GRACE\"}"));

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.body().get("scimType").asText()).isEqualTo("uniqueness");
  }

  @Test
  void addsAndRemovesGroupMembersByValueFilterAndByValueList() {
    String grace = http.createUser("grace").id();
    String alan = http.createUser("alan").id();
    String group = http.createGroup("admins", userId).id();

    ScimHttp.Response added = http.patch("/Groups/" + group, patchOps(
        "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + grace + "\"},{\"value\":\"" + alan + "\"},{\"value\":\"" + userId + "\"}]}"));
    assertThat(added.body().get("members")).hasSize(3);

    ScimHttp.Response removedByFilter = http.patch("/Groups/" + group, patchOps(
        "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + grace + "\\\"]\"}"));
    assertThat(removedByFilter.body().get("members")).extracting(m -> m.get("value").asText())
        .containsExactly(userId, alan);

    ScimHttp.Response removedByValue = http.patch("/Groups/" + group, patchOps(
        "{\"op\":\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + alan + "\"}]}"));
    assertThat(removedByValue.body().get("members")).extracting(m -> m.get("value").asText())
        .containsExactly(userId);

    ScimHttp.Response unknown = http.patch("/Groups/" + group, patchOps(
        "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"ghost\"}]}"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().get("scimType").asText()).isEqualTo("invalidValue");
  }

  @Test
  void replacingMembersReplacesTheWholeList() {
    String grace = http.createUser("grace").id();
    String group = http.createGroup("admins", userId).id();

    ScimHttp.Response replaced = http.patch("/Groups/" + group, patchOps(
        "{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":\"" + grace + "\"}]}"));

    assertThat(replaced.body().get("members")).extracting(m -> m.get("value").asText()).containsExactly(grace);
  }

  @Test
  void patchOfAMissingResourceIs404() {
    assertThat(http.patch("/Users/missing", patchOps("{\"op\":\"remove\",\"path\":\"title\"}")).status())
        .isEqualTo(404);
  }

  @Test
  void valueFiltersSkipValuesThatAreNotObjects() {
    String id = http.post("/Users", """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"odd","tags":["a","b"]}""").id();

    ScimHttp.Response response = http.patch("/Users/" + id,
        patchOps("{\"op\":\"replace\",\"path\":\"tags[type ne \\\"x\\\"].value\",\"value\":\"c\"}"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().get("scimType").asText()).isEqualTo("noTarget");
  }

  @Test
  void malformedOperationsAreInvalidSyntaxNotServerErrors() {
    ScimHttp.Response response = http.patch("/Users/" + userId,
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[1]}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().get("scimType").asText()).isEqualTo("invalidSyntax");
  }
}
