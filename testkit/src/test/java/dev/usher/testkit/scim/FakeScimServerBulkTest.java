package dev.usher.testkit.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeScimServerBulkTest {
  private static final String USER = "\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]";
  private static final String GROUP = "\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"]";
  private FakeScimServer server;
  private ScimHttp http;

  @BeforeEach
  void start() {
    server = FakeScimServer.builder().bulkLimits(3, 2_000).start();
    http = new ScimHttp(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String bulk(String failOnErrors, String... operations) {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"]" + failOnErrors
        + ",\"Operations\":[" + String.join(",", operations) + "]}";
  }

  @Test
  void resolvesBulkIdReferencesIncludingForwardOnes() {
    ScimHttp.Response response = http.post("/Bulk", bulk("",
        "{\"method\":\"POST\",\"path\":\"/Groups\",\"bulkId\":\"g\",\"data\":{" + GROUP
            + ",\"displayName\":\"team\",\"members\":[{\"value\":\"bulkId:u1\"},{\"value\":\"bulkId:u2\"}]}}",
        "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"u1\",\"data\":{" + USER + ",\"userName\":\"ada\"}}",
        "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"u2\",\"data\":{" + USER + ",\"userName\":\"grace\"}}"));

    assertThat(response.status()).isEqualTo(200);
    JsonNode ops = response.body().get("Operations");
    assertThat(ops).hasSize(3);
    assertThat(ops).extracting(op -> op.get("status").asText()).containsOnly("201");
    assertThat(ops.get(1).get("location").asText()).startsWith(server.baseUrl() + "/Users/");
    assertThat(ops.get(1).get("version").asText()).startsWith("W/");
    String groupId = ops.get(0).get("location").asText().replaceAll(".*/", "");
    JsonNode members = http.get("/Groups/" + groupId).body().get("members");
    assertThat(members).extracting(m -> m.get("value").asText())
        .containsExactlyInAnyOrder(server.users().get(0).get("id").asText(), server.users().get(1).get("id").asText());
  }

  @Test
  void runsPatchPutAndDeleteWithVersionsAndReportsEachStatus() {
    ScimHttp.Response ada = http.createUser("ada");
    String id = ada.id();

    ScimHttp.Response response = http.post("/Bulk", bulk("",
        "{\"method\":\"PATCH\",\"path\":\"/Users/" + id + "\",\"version\":\"W/\\\"stale\\\"\",\"data\":{"
            + "\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
            + "\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}]}}",
        "{\"method\":\"PUT\",\"path\":\"/Users/" + id + "\",\"version\":" + ScimHttp.JSON.valueToTree(ada.etag())
            + ",\"data\":{" + USER + ",\"userName\":\"ada2\"}}",
        "{\"method\":\"DELETE\",\"path\":\"/Users/missing\"}"));

    JsonNode ops = response.body().get("Operations");
    assertThat(ops).extracting(op -> op.get("status").asText()).containsExactly("412", "200", "404");
    assertThat(ops.get(2).at("/response/status").asText()).isEqualTo("404");
    assertThat(server.users().get(0).get("userName").asText()).isEqualTo("ada2");
  }

  @Test
  void stopsAfterFailOnErrorsErrors() {
    http.createUser("ada");

    ScimHttp.Response response = http.post("/Bulk", bulk(",\"failOnErrors\":1",
        "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"a\",\"data\":{" + USER + ",\"userName\":\"ADA\"}}",
        "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"b\",\"data\":{" + USER + ",\"userName\":\"bob\"}}"));

    JsonNode ops = response.body().get("Operations");
    assertThat(ops).hasSize(1);
    assertThat(ops.get(0).get("status").asText()).isEqualTo("409");
    assertThat(ops.get(0).at("/response/scimType").asText()).isEqualTo("uniqueness");
    assertThat(server.users()).hasSize(1);
  }

  @Test
  void reportsUnresolvableAndCircularBulkIds() {
    ScimHttp.Response response = http.post("/Bulk", bulk("",
        "{\"method\":\"POST\",\"path\":\"/Groups\",\"bulkId\":\"g1\",\"data\":{" + GROUP
            + ",\"displayName\":\"one\",\"members\":[{\"value\":\"bulkId:g2\"}]}}",
        "{\"method\":\"POST\",\"path\":\"/Groups\",\"bulkId\":\"g2\",\"data\":{" + GROUP
            + ",\"displayName\":\"two\",\"members\":[{\"value\":\"bulkId:g1\"}]}}",
        "{\"method\":\"POST\",\"path\":\"/Groups\",\"bulkId\":\"g3\",\"data\":{" + GROUP
            + ",\"displayName\":\"three\",\"members\":[{\"value\":\"bulkId:nowhere\"}]}}"));

    JsonNode ops = response.body().get("Operations");
    assertThat(ops).extracting(op -> op.get("status").asText()).containsExactly("409", "409", "409");
    assertThat(ops.get(0).at("/response/detail").asText()).contains("circular");
    assertThat(ops.get(2).at("/response/detail").asText()).contains("nowhere");
    assertThat(server.groups()).isEmpty();
  }

  @Test
  void tooManyOperationsOrBytesIs413() {
    String op = "{\"method\":\"DELETE\",\"path\":\"/Users/x\"}";
    ScimHttp.Response tooMany = http.post("/Bulk", bulk("", op, op, op, op));
    assertThat(tooMany.status()).isEqualTo(413);
    assertThat(tooMany.body().get("status").asText()).isEqualTo("413");
    assertThat(tooMany.body().get("detail").asText()).contains("maxOperations is 3");

    String big = "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"a\",\"data\":{" + USER
        + ",\"userName\":\"ada\",\"title\":\"" + "x".repeat(2_000) + "\"}}";
    ScimHttp.Response tooBig = http.post("/Bulk", bulk("", big));
    assertThat(tooBig.status()).isEqualTo(413);
    assertThat(tooBig.body().get("detail").asText()).contains("maxPayloadSize is 2000");
    assertThat(server.users()).isEmpty();
  }

  @Test
  void aBulkPostNeedsABulkId() {
    ScimHttp.Response response = http.post("/Bulk", bulk("",
        "{\"method\":\"POST\",\"path\":\"/Users\",\"data\":{" + USER + ",\"userName\":\"ada\"}}"));

    assertThat(response.body().at("/Operations/0/status").asText()).isEqualTo("400");
  }

  @Test
  void refusesPathsOutsideUsersAndGroups() {
    ScimHttp.Response response = http.post("/Bulk", bulk("",
        "{\"method\":\"POST\",\"path\":\"/Bulk/\",\"bulkId\":\"b\",\"data\":{}}",
        "{\"method\":\"GET\",\"path\":\"/Users\"}"));

    JsonNode ops = response.body().get("Operations");
    assertThat(ops.get(0).get("status").asText()).isEqualTo("400");
    assertThat(ops.get(0).at("/response/scimType").asText()).isEqualTo("invalidPath");
    assertThat(ops.get(1).at("/response/detail").asText()).contains("GET");
  }
}
