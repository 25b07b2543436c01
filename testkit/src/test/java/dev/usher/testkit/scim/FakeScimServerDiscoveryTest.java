package dev.usher.testkit.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class FakeScimServerDiscoveryTest {

  @Test
  void serviceProviderConfigDescribesTheDefaults() {
    try (FakeScimServer server = FakeScimServer.builder().start()) {
      JsonNode spc = new ScimHttp(server).get("/ServiceProviderConfig").body();

      assertThat(spc.at("/schemas/0").asText())
          .isEqualTo("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
      assertThat(spc.at("/patch/supported").asBoolean()).isTrue();
      assertThat(spc.at("/bulk/supported").asBoolean()).isTrue();
      assertThat(spc.at("/bulk/maxOperations").asInt()).isEqualTo(1000);
      assertThat(spc.at("/bulk/maxPayloadSize").asInt()).isEqualTo(1_048_576);
      assertThat(spc.at("/filter/maxResults").asInt()).isEqualTo(1000);
      assertThat(spc.at("/etag/supported").asBoolean()).isTrue();
      assertThat(spc.at("/sort/supported").asBoolean()).isTrue();
      assertThat(spc.at("/pagination/cursor").asBoolean()).isTrue();
      assertThat(spc.at("/pagination/index").asBoolean()).isTrue();
      assertThat(spc.at("/authenticationSchemes/0/type").asText()).isEqualTo("oauthbearertoken");
    }
  }

  @Test
  void serviceProviderConfigReflectsTheSwitches() {
    try (FakeScimServer server = FakeScimServer.builder().patchUnsupported().bulkUnsupported()
        .etagUnsupported().cursorPagingOnly().maxPageSize(100).start()) {
      JsonNode spc = new ScimHttp(server).get("/ServiceProviderConfig").body();

      assertThat(spc.at("/patch/supported").asBoolean()).isFalse();
      assertThat(spc.at("/bulk/supported").asBoolean()).isFalse();
      assertThat(spc.at("/etag/supported").asBoolean()).isFalse();
      assertThat(spc.at("/pagination/index").asBoolean()).isFalse();
      assertThat(spc.at("/pagination/defaultPaginationMethod").asText()).isEqualTo("cursor");
      assertThat(spc.at("/pagination/maxPageSize").asInt()).isEqualTo(100);
    }
  }

  @Test
  void listsResourceTypesAndSchemas() {
    try (FakeScimServer server = FakeScimServer.builder().start()) {
      ScimHttp http = new ScimHttp(server);

      ScimHttp.Response types = http.get("/ResourceTypes");
      assertThat(types.values("name")).containsExactly("User", "Group");
      assertThat(types.resources().get(0).at("/schemaExtensions/0/schema").asText())
          .isEqualTo("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
      assertThat(http.get("/ResourceTypes/Group").body().get("endpoint").asText()).isEqualTo("/Groups");

      ScimHttp.Response schemas = http.get("/Schemas");
      assertThat(schemas.values("id")).containsExactly(
          "urn:ietf:params:scim:schemas:core:2.0:User",
          "urn:ietf:params:scim:schemas:core:2.0:Group",
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
      JsonNode user = http.get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:User").body();
      assertThat(user.get("attributes")).anySatisfy(a -> {
        assertThat(a.get("name").asText()).isEqualTo("userName");
        assertThat(a.get("uniqueness").asText()).isEqualTo("server");
        assertThat(a.get("required").asBoolean()).isTrue();
      });
      assertThat(http.get("/Schemas/urn:nope").status()).isEqualTo(404);
      assertThat(http.post("/Schemas", "{}").status()).isEqualTo(405);
    }
  }
}
