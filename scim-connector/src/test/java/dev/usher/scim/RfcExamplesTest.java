package dev.usher.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.core.model.Account;
import dev.usher.core.spi.InvalidRequestException;
import dev.usher.core.spi.NotFoundException;
import dev.usher.scim.internal.AccountMapper;
import dev.usher.scim.internal.ScimReaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON examples of RFC 7643 section 8 and RFC 7644 parse, and round-trip without losing anything. */
class RfcExamplesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode read(String name) throws IOException {
    try (InputStream in = RfcExamplesTest.class.getResourceAsStream("/rfc/" + name)) {
      assertThat(in).as(name).isNotNull();
      return JSON.readTree(in);
    }
  }

  static Stream<String> resources() {
    return Stream.of("7643-8.1-minimal-user.json", "7643-8.2-full-user.json", "7643-8.3-enterprise-user.json");
  }

  @ParameterizedTest
  @MethodSource("resources")
  void usersParseAndRoundTripThroughTheTypedBuilder(String name) throws Exception {
    ObjectNode json = (ObjectNode) read(name);

    UserResource user = UserResource.of(ScimResource.of(json));

    assertThat(user.id()).contains("2819c223-7f76-453a-919d-413861904646");
    assertThat(user.meta().version()).startsWith("W/\"");
    assertThat(user.resource().json()).isEqualTo(json);
    assertThat(user.toBuilder().build().resource().json()).isEqualTo(json);
    assertThat(JSON.readTree(JSON.writeValueAsString(user.resource().json()))).isEqualTo(json);
    Account account = AccountMapper.toAccount("app", user.resource().json());
    assertThat(account.userName()).isEqualTo("bjensen@example.com");
    ObjectNode back = AccountMapper.toUser(account, null);
    for (String attr : List.of("name", "emails", "addresses", "phoneNumbers", ScimSchemas.ENTERPRISE_USER)) {
      assertThat(back.get(attr)).as(attr).isEqualTo(json.get(attr));
    }
  }

  @Test
  void fullUserTypedAccessors() throws Exception {
    UserResource u = UserResource.of(ScimResource.of((ObjectNode) read("7643-8.2-full-user.json")));
    assertThat(u.givenName()).contains("Barbara");
    assertThat(u.emails()).first().isEqualTo(MultiValue.of("bjensen@example.com").withType("work").withPrimary(true));
    assertThat(u.groups()).extracting(MultiValue::display).containsExactly("Tour Guides", "Employees", "US Employees");
    assertThat(u.active()).contains(true);
    assertThat(u.resource().get("ADDRESSES").orElseThrow()).hasSize(2);
  }

  @Test
  void enterpriseExtensionIsKeyedByItsUrn() throws Exception {
    UserResource u = UserResource.of(ScimResource.of((ObjectNode) read("7643-8.3-enterprise-user.json")));
    assertThat(u.enterprise("employeeNumber")).contains("701984");
    assertThat(u.enterprise("manager.displayName")).contains("John Smith");
    assertThat(u.resource().extension(ScimSchemas.ENTERPRISE_USER)).get()
        .satisfies(e -> assertThat(e.get("costCenter").asText()).isEqualTo("4130"));
    assertThat(u.resource().schemas()).containsExactly(ScimSchemas.USER, ScimSchemas.ENTERPRISE_USER);
  }

  @Test
  void groupParsesAndRoundTrips() throws Exception {
    ObjectNode json = (ObjectNode) read("7643-8.4-group.json");
    GroupResource g = GroupResource.of(ScimResource.of(json));
    assertThat(g.displayName()).contains("Tour Guides");
    assertThat(g.members()).extracting(MultiValue::display).containsExactly("Babs Jensen", "Mandy Pepperidge");
    assertThat(g.toBuilder().build().resource().json()).isEqualTo(json);
  }

  @Test
  void serviceProviderConfigParses() throws Exception {
    ServiceProviderConfig spc = ServiceProviderConfig.fromJson(read("7643-8.5-service-provider-config.json"));
    assertThat(spc).isEqualTo(new ServiceProviderConfig(true, new ServiceProviderConfig.Bulk(true, 1000, 1_048_576),
        new ServiceProviderConfig.FilterSupport(true, 200), true, true, true, false, true));
  }

  @Test
  void resourceTypesParse() throws Exception {
    List<ResourceType> types = new ArrayList<>();
    read("7643-8.6-resource-types.json").forEach(n -> types.add(ResourceType.fromJson(n)));
    assertThat(types).containsExactly(
        new ResourceType("User", "User", "/Users", ScimSchemas.USER, List.of(ScimSchemas.ENTERPRISE_USER)),
        new ResourceType("Group", "Group", "/Groups", ScimSchemas.GROUP, List.of()));
  }

  @Test
  void schemaRepresentationRoundTripsAsAGenericResource() throws Exception {
    ObjectNode json = (ObjectNode) read("7643-8.7.1-group-schema.json");
    ScimResource schema = ScimResource.of(json);
    assertThat(schema.id()).contains(ScimSchemas.GROUP);
    assertThat(schema.get("attributes").orElseThrow()).hasSize(2);
    assertThat(schema.json()).isEqualTo(json);
  }

  @ParameterizedTest
  @MethodSource("listResponses")
  void listResponsesParse(String name, long total, int items) throws Exception {
    byte[] bytes = JSON.writeValueAsBytes(read(name));
    ScimReaders.ListPage<ObjectNode> page = ScimReaders.readList(JSON, new ByteArrayInputStream(bytes), n -> n);
    assertThat(page.totalResults()).isEqualTo(total);
    assertThat(page.resources()).hasSize(items);
    assertThat(page.resources().get(0).get("id").asText()).isEqualTo("2819c223-7f76-453a-919d-413861904646");
    assertThat((JsonNode) JSON.valueToTree(page.resources())).isEqualTo(read(name).get("Resources"));
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> listResponses() {
    return Stream.of(
        org.junit.jupiter.params.provider.Arguments.of("7644-3.4.2-list-response.json", 2L, 2),
        org.junit.jupiter.params.provider.Arguments.of("7644-3.4.2-paged-list-response.json", 100L, 1));
  }

  @Test
  void searchRequestRoundTrips() throws Exception {
    JsonNode json = read("7644-3.4.3-search-request.json");
    SearchRequest request = SearchRequest.builder()
        .attributes("displayName", "userName")
        .filter(Filter.parse(json.get("filter").asText()))
        .startIndex(1).count(10).build();
    assertThat(request.toJson()).isEqualTo(json);
  }

  static Stream<String> patches() {
    return Stream.of("7644-3.5.2.1-patch-add-members.json", "7644-3.5.2.1-patch-add-attributes.json",
        "7644-3.5.2.2-patch-remove-member.json", "7644-3.5.2.2-patch-remove-all-members.json",
        "7644-3.5.2.2-patch-remove-x509.json", "7644-3.5.2.2-patch-remove-and-add.json",
        "7644-3.5.2.3-patch-replace-members.json", "7644-3.5.2.3-patch-replace-address.json",
        "7644-3.5.2.3-patch-replace-no-path.json", "7644-3.5.2.3-patch-replace-active.json");
  }

  @ParameterizedTest
  @MethodSource("patches")
  void patchOpsRoundTrip(String name) throws Exception {
    JsonNode json = read(name);
    assertThat(PatchRequest.fromJson(json).toJson()).isEqualTo(json);
  }

  @Test
  void bulkRequestRoundTrips() throws Exception {
    JsonNode json = read("7644-3.7.1-bulk-request.json");
    List<BulkOperation> ops = new ArrayList<>();
    for (JsonNode op : json.get("Operations")) {
      ops.add(new BulkOperation(op.get("method").asText(), op.has("bulkId") ? op.get("bulkId").asText() : null,
          op.get("path").asText(), op.get("data"), op.has("version") ? op.get("version").asText() : null));
    }
    ObjectNode back = JSON.createObjectNode();
    back.putArray("schemas").add(ScimSchemas.BULK_REQUEST);
    back.put("failOnErrors", 1);
    ArrayNode arr = back.putArray("Operations");
    ops.forEach(op -> arr.add(op.toJson()));
    assertThat(back).isEqualTo(json);
  }

  @Test
  void bulkResponsesMapBackToTheirOperations() throws Exception {
    List<BulkOperation> sent = List.of(
        BulkOperation.post("/Users", "qwerty", JSON.readTree("{\"userName\":\"Alice\"}")),
        new BulkOperation("PUT", null, "/Users/b7c14771-226c-4d05-8860-134711653041", JSON.readTree("{}"), null),
        BulkOperation.patch("/Users/5d8d29d3-342c-4b5f-8683-a3cb6763ffcc",
            PatchRequest.of(PatchOperation.remove("nickName"))),
        BulkOperation.delete("/Users/e9025315-6bea-44e1-899c-1e07454e468b"));

    List<BulkResult> results = ScimClient.bulkResults(sent, (ObjectNode) read("7644-3.7.3-bulk-response.json"));

    assertThat(results).extracting(BulkResult::status).containsExactly(201, 200, 200, 204);
    assertThat(results.get(0).id()).contains("92b725cd-9465-4e7d-8c16-01f8e146b87a");
    List<BulkResult> failed = ScimClient.bulkResults(sent.subList(0, 1),
        (ObjectNode) read("7644-3.7.3-bulk-response-errors.json"));
    assertThat(failed.get(0).succeeded()).isFalse();
    assertThat(failed.get(0).response().get("scimType").asText()).isEqualTo("invalidSyntax");
  }

  @Test
  void errorMessagesMapWithTheirDetailAndScimType() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(new MockResponse.Builder().code(404).body(read("7644-3.12-error-not-found.json").toString()).build());
      server.enqueue(new MockResponse.Builder().code(400).body(read("7644-3.12-error-bad-request.json").toString()).build());
      try (ScimClient client = ScimClient.builder(server.url("/v2").toString()).build()) {
        assertThatThrownBy(() -> client.delete("/Users", "2819c223-7f76-453a-919d-413861904646"))
            .isInstanceOf(NotFoundException.class)
            .hasMessageContaining("Resource 2819c223-7f76-453a-919d-413861904646 not found");
        assertThatThrownBy(() -> client.replace("/Users", "x", UserResource.builder().userName("a").build().resource(), null))
            .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
              assertThat(e.targetCode()).contains("mutability");
              assertThat(e.getMessage()).contains("Attribute 'id' is readOnly");
            });
      }
    }
  }

  @Test
  void truncatedExamplesAreRejectedClearly() throws Exception {
    byte[] bytes = JSON.writeValueAsBytes(read("7644-3.4.2-list-response.json"));
    byte[] cut = new String(bytes, StandardCharsets.UTF_8).substring(0, bytes.length / 2).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ScimReaders.readList(JSON, new ByteArrayInputStream(cut), n -> n))
        .isInstanceOf(IOException.class);
  }
}
