package dev.usher.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.usher.core.model.Secret;
import dev.usher.core.spi.AlreadyExistsException;
import dev.usher.core.spi.ConnectorException;
import dev.usher.core.spi.ForbiddenException;
import dev.usher.core.spi.HttpSettings;
import dev.usher.core.spi.InvalidRequestException;
import dev.usher.core.spi.NotFoundException;
import dev.usher.core.spi.RateLimitedException;
import dev.usher.core.spi.TransientException;
import dev.usher.core.spi.UnauthorizedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The exact requests the client sends and how it reads every kind of answer. */
class ScimClientHttpTest {
  private static final String TOKEN = "s3cr3t-token-value";
  private static final ObjectMapper JSON = new ObjectMapper();

  private MockWebServer server;
  private ScimClient client;

  @BeforeEach
  void setUp() throws Exception {
    server = new MockWebServer();
    server.start();
    client = clientWith(HttpSettings.defaults());
  }

  private ScimClient clientWith(HttpSettings http) {
    return ScimClient.builder(server.url("/scim/v2").toString())
        .auth(ScimAuth.bearer(Secret.of(TOKEN)))
        .http(http)
        .origin("scim", "acme")
        .build();
  }

  @AfterEach
  void tearDown() {
    client.close();
    server.close();
  }

  private void enqueue(int code, String body) {
    server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", "application/scim+json")
        .body(body).build());
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void createPostsTheResourceWithScimHeadersAndReadsTheCreatedOne() throws Exception {
    enqueue(201, "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"id\":\"2819c223\","
        + "\"userName\":\"bjensen\",\"meta\":{\"resourceType\":\"User\",\"version\":\"W/\\\"a330bc54f0671c9\\\"\"}}");

    UserResource created = client.createUser(UserResource.builder().userName("bjensen").active(true).build());

    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getTarget()).isEqualTo("/scim/v2/Users");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/scim+json; charset=utf-8");
    assertThat(r.getHeaders().get("Accept")).isEqualTo("application/scim+json, application/json");
    assertThat(r.getHeaders().get("User-Agent")).startsWith("usher/");
    assertThat(r.getVersion()).isEqualTo("HTTP/1.1");
    assertThat(json(r.getBody().utf8())).isEqualTo(json(
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"bjensen\",\"active\":true}"));
    assertThat(created.id()).contains("2819c223");
    assertThat(created.meta().etag()).contains("W/\"a330bc54f0671c9\"");
  }

  @Test
  void searchEncodesSpacesAsPercent20AndPlusAsPercent2B() throws Exception {
    enqueue(200, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":0,\"Resources\":[]}");

    client.search("/Users", SearchRequest.builder()
        .filter(Filter.eq("userName", "a+b c\"d").and(Filter.pr("title")))
        .attributes("userName", "emails.value")
        .sortBy("userName", SearchRequest.SortOrder.DESCENDING)
        .startIndex(11).count(5).build());

    assertThat(take().getTarget()).isEqualTo("/scim/v2/Users?filter=userName%20eq%20%22a%2Bb%20c%5C%22d%22%20and%20title%20pr"
        + "&attributes=userName%2Cemails.value&sortBy=userName&sortOrder=descending&startIndex=11&count=5");
  }

  @Test
  void searchReadsAPageWithAttributeNamesInAnyCase() throws Exception {
    enqueue(200, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"TOTALRESULTS\":3,"
        + "\"itemsperpage\":2,\"startIndex\":1,\"resources\":[{\"id\":\"1\",\"UserName\":\"a\"},{\"id\":\"2\",\"userName\":\"b\"}],"
        + "\"unknown\":{\"x\":[1,2]}}");

    ListResponse<UserResource> page = client.searchUsers(SearchRequest.builder().count(2).build());

    assertThat(page.totalResults()).isEqualTo(3);
    assertThat(page.itemsPerPage()).isEqualTo(2);
    assertThat(page.resources()).extracting(u -> u.userName().orElseThrow()).containsExactly("a", "b");
  }

  @Test
  void searchViaPostSendsASearchRequest() throws Exception {
    enqueue(200, "{\"totalResults\":0,\"Resources\":[]}");

    client.search("/Users", SearchRequest.builder().filter(Filter.eq("userName", "x")).count(10).build(), true, r -> r);

    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getTarget()).isEqualTo("/scim/v2/Users/.search");
    assertThat(json(r.getBody().utf8())).isEqualTo(json("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
        + "\"filter\":\"userName eq \\\"x\\\"\",\"count\":10}"));
  }

  @Test
  void getOfAMissingResourceIsEmpty() throws Exception {
    enqueue(404, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"404\",\"detail\":\"not found\"}");

    assertThat(client.get("/Users", "a b/c")).isEmpty();
    assertThat(take().getTarget()).isEqualTo("/scim/v2/Users/a%20b%2Fc");
  }

  @Test
  void patchSendsThePatchOpWithIfMatchAndAccepts204AndA200WithBody() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());
    enqueue(200, "{\"id\":\"g1\",\"displayName\":\"Eng\"}");
    PatchRequest patch = PatchRequest.of(
        PatchOperation.add("members", JSON.readTree("[{\"value\":\"u1\"}]")),
        PatchOperation.remove("members[value eq \"u2\"]"),
        PatchOperation.replace("emails[type eq \"work\"].value", JsonNodeFactory.instance.textNode("x@y")));

    assertThat(client.patch("/Groups", "g1", patch, "W/\"3\"")).isEmpty();
    assertThat(client.patch("/Groups", "g1", patch, null)).get().extracting(r -> r.id().orElseThrow()).isEqualTo("g1");

    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("PATCH");
    assertThat(r.getTarget()).isEqualTo("/scim/v2/Groups/g1");
    assertThat(r.getHeaders().get("If-Match")).isEqualTo("W/\"3\"");
    assertThat(json(r.getBody().utf8())).isEqualTo(json("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
        + "\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u1\"}]},"
        + "{\"op\":\"remove\",\"path\":\"members[value eq \\\"u2\\\"]\"},"
        + "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"x@y\"}]}"));
    assertThat(take().getHeaders().get("If-Match")).isNull();
  }

  @Test
  void replacePutsTheWholeResourceAndDeleteSendsDelete() throws Exception {
    enqueue(200, "{\"id\":\"u1\",\"userName\":\"x\",\"custom\":{\"keep\":true}}");
    server.enqueue(new MockResponse.Builder().code(204).build());
    ScimResource r = ScimResource.of((com.fasterxml.jackson.databind.node.ObjectNode) json(
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"x\",\"custom\":{\"keep\":true}}"));

    ScimResource after = client.replace("/Users", "u1", r, "W/\"1\"");
    client.delete("/Users", "u1");

    RecordedRequest put = take();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getHeaders().get("If-Match")).isEqualTo("W/\"1\"");
    assertThat(json(put.getBody().utf8())).isEqualTo(r.json());
    assertThat(after.get("CUSTOM.keep")).contains(BooleanNode.TRUE);
    RecordedRequest del = take();
    assertThat(del.getMethod()).isEqualTo("DELETE");
    assertThat(del.getTarget()).isEqualTo("/scim/v2/Users/u1");
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(400, "invalidFilter", InvalidRequestException.class),
        Arguments.of(400, "invalidValue", InvalidRequestException.class),
        Arguments.of(400, "mutability", InvalidRequestException.class),
        Arguments.of(400, "invalidPath", InvalidRequestException.class),
        Arguments.of(400, "invalidSyntax", InvalidRequestException.class),
        Arguments.of(400, "noTarget", InvalidRequestException.class),
        Arguments.of(401, null, UnauthorizedException.class),
        Arguments.of(403, null, ForbiddenException.class),
        Arguments.of(404, null, NotFoundException.class),
        Arguments.of(409, "uniqueness", AlreadyExistsException.class),
        Arguments.of(412, null, InvalidRequestException.class),
        Arguments.of(413, null, InvalidRequestException.class),
        Arguments.of(500, null, TransientException.class),
        Arguments.of(502, null, TransientException.class),
        Arguments.of(503, null, TransientException.class));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("errors")
  void scimErrorsMapToTheCoreTaxonomy(int status, String scimType, Class<? extends ConnectorException> expected) {
    enqueue(status, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],"
        + (scimType != null ? "\"scimType\":\"" + scimType + "\"," : "")
        + "\"detail\":\"the server's explanation\",\"status\":\"" + status + "\"}");

    assertThatThrownBy(() -> client.create("/Users", UserResource.builder().userName("x").build().resource()))
        .isExactlyInstanceOf(expected)
        .isInstanceOfSatisfying(ConnectorException.class, e -> {
          assertThat(e.httpStatus()).hasValue(status);
          assertThat(e.getMessage()).startsWith("[scim/acme create] " + status + ": POST /Users: ")
              .contains("the server's explanation").doesNotContain(TOKEN);
          if (e instanceof InvalidRequestException ire && scimType != null) {
            assertThat(ire.targetCode()).contains(scimType);
          }
        });
  }

  @Test
  void tooManyRequestsIsRateLimitedWithRetryAfter() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "30").build());
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "7").body("busy").build());

    assertThatThrownBy(() -> client.get("/Users", "x")).isInstanceOfSatisfying(RateLimitedException.class,
        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(30)));
    assertThatThrownBy(() -> client.get("/Users", "x")).isInstanceOfSatisfying(RateLimitedException.class,
        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
  }

  @Test
  void htmlErrorPagesAndPlainTextAreDescribedNotParsed() {
    server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
        .body("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>").build());
    enqueue(400, "oops { not json");

    assertThatThrownBy(() -> client.get("/Users", "x")).isInstanceOf(TransientException.class)
        .hasMessageContaining("GET /Users/x").hasMessageContaining("HTML page").hasMessageContaining("502 Bad Gateway");
    assertThatThrownBy(() -> client.get("/Users", "x")).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("non-JSON body: oops { not json");
  }

  static Stream<Arguments> badBodies() {
    return Stream.of(
        Arguments.of("{\"id\":\"1\",\"userName\":\"a\"", "not valid SCIM JSON"),
        Arguments.of("{\"id\":\"1\",\"userName\":\"a\",\"active\":\"yes\"}", "'active' must be a boolean, was string \"yes\""),
        Arguments.of("{\"userName\":\"a\"}", "has no 'id'"),
        Arguments.of("", "body is empty"),
        Arguments.of("[1,2]", "expected a JSON object"),
        Arguments.of("{\"id\":\"1\",\"emails\":\"a@b\"}", "'emails' must be an array"),
        Arguments.of("{\"id\":\"1\",\"id\":\"2\"}", "not valid SCIM JSON"),
        Arguments.of("{\"id\":17}", "'id' must be a string"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badBodies")
  void badResponsesAreConnectorExceptionsNamingTheRequest(String body, String expected) {
    enqueue(201, body);

    assertThatThrownBy(() -> client.createUser(UserResource.builder().userName("a").build()))
        .isExactlyInstanceOf(ConnectorException.class)
        .hasMessageStartingWith("[scim/acme create] 201: POST /Users: ")
        .hasMessageContaining(expected);
  }

  @Test
  void aBodyLargerThanTheLimitIsRefused() {
    client.close();
    client = clientWith(HttpSettings.defaults().withMaxResponseBytes(1000));
    enqueue(200, "{\"totalResults\":1,\"Resources\":[{\"id\":\"1\",\"userName\":\"" + "x".repeat(5000) + "\"}]}");

    assertThatThrownBy(() -> client.search("/Users", SearchRequest.builder().build()))
        .isInstanceOf(ConnectorException.class).hasMessageContaining("larger than the limit of 1000 bytes");
  }

  @Test
  void redirectsAreFollowedWithinTheOriginOnly() throws Exception {
    server.enqueue(new MockResponse.Builder().code(307).addHeader("Location", "/scim/v2/Users/moved").build());
    enqueue(200, "{\"id\":\"moved\"}");
    server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "https://evil.example/steal").build());

    assertThat(client.get("/Users", "u1")).get().extracting(r -> r.id().orElseThrow()).isEqualTo("moved");
    take();
    RecordedRequest followed = take();
    assertThat(followed.getTarget()).isEqualTo("/scim/v2/Users/moved");
    assertThat(followed.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThatThrownBy(() -> client.get("/Users", "u2")).isInstanceOf(ConnectorException.class)
        .hasMessageContaining("refused a redirect to another origin (https://evil.example)");
  }

  @Test
  void aSlowServerIsATransientTimeout() {
    client.close();
    client = clientWith(HttpSettings.defaults().withRequestTimeout(Duration.ofMillis(300)));
    server.enqueue(new MockResponse.Builder().code(200).headersDelay(3, TimeUnit.SECONDS).body("{}").build());

    assertThatThrownBy(() -> client.create("/Users", UserResource.builder().userName("a").build().resource()))
        .isInstanceOfSatisfying(TransientException.class, e -> {
          assertThat(e.mayHaveApplied()).isTrue();
          assertThat(e.getMessage()).contains("POST /Users: no answer within 300 ms");
        });
  }

  @Test
  void anUnreachableServerIsTransientAndDidNotApply() {
    ScimClient down = ScimClient.builder("http://127.0.0.1:1/scim").origin("scim", "acme").build();
    assertThatThrownBy(() -> down.create("/Users", UserResource.builder().userName("a").build().resource()))
        .isInstanceOfSatisfying(TransientException.class, e -> assertThat(e.mayHaveApplied()).isFalse());
    down.close();
  }

  @Test
  void discoveryIsReadOnceAndCached() throws Exception {
    enqueue(200, "{\"patch\":{\"supported\":true},\"bulk\":{\"supported\":true,\"maxOperations\":2,\"maxPayloadSize\":1000000},"
        + "\"filter\":{\"supported\":true,\"maxResults\":50},\"etag\":{\"supported\":true},\"sort\":{\"supported\":false},"
        + "\"pagination\":{\"cursor\":true,\"index\":true}}");
    enqueue(200, "{\"Resources\":[{\"id\":\"User\",\"name\":\"User\",\"endpoint\":\"/People\",\"schema\":\"urn:ietf:params:scim:schemas:core:2.0:User\"}]}");
    server.enqueue(new MockResponse.Builder().code(404).build());

    ScimDiscovery d = client.discovery();
    client.discovery();

    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(take().getTarget()).isEqualTo("/scim/v2/ServiceProviderConfig");
    assertThat(take().getTarget()).isEqualTo("/scim/v2/ResourceTypes");
    assertThat(take().getTarget()).isEqualTo("/scim/v2/Schemas");
    assertThat(d.serviceProviderConfig()).isEqualTo(new ServiceProviderConfig(true,
        new ServiceProviderConfig.Bulk(true, 2, 1_000_000), new ServiceProviderConfig.FilterSupport(true, 50),
        false, false, true, true, true));
    assertThat(d.resourceType("USER").orElseThrow().endpoint()).isEqualTo("/People");
    assertThat(d.schemas()).isEmpty();
  }

  @Test
  void bulkSplitsWithinMaxOperationsAndMapsResultsByBulkId() throws Exception {
    enqueue(200, "{\"bulk\":{\"supported\":true,\"maxOperations\":2,\"maxPayloadSize\":100000}}");
    server.enqueue(new MockResponse.Builder().code(404).build());
    server.enqueue(new MockResponse.Builder().code(404).build());
    enqueue(200, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkResponse\"],\"Operations\":["
        + "{\"bulkId\":\"b\",\"method\":\"POST\",\"location\":\"https://x/Users/id-b\",\"status\":\"201\"},"
        + "{\"bulkId\":\"a\",\"method\":\"POST\",\"location\":\"https://x/Users/id-a\",\"status\":\"201\"}]}");
    server.enqueue(new MockResponse.Builder().code(413).build());
    enqueue(200, "{\"Operations\":[{\"bulkId\":\"c\",\"method\":\"POST\",\"status\":\"409\","
        + "\"response\":{\"scimType\":\"uniqueness\",\"detail\":\"taken\",\"status\":\"409\"}}]}");
    enqueue(200, "{\"Operations\":[{\"bulkId\":\"d\",\"method\":\"POST\",\"location\":\"/Users/id-d\",\"status\":201}]}");
    List<BulkOperation> ops = Stream.of("a", "b", "c", "d")
        .map(id -> BulkOperation.post("/Users", id, UserResource.builder().userName(id).build().resource().json()))
        .toList();

    List<BulkResult> results = client.bulk(ops);

    assertThat(results).extracting(BulkResult::status).containsExactly(201, 201, 409, 201);
    assertThat(results).extracting(r -> r.id().orElse(null)).containsExactly("id-a", "id-b", null, "id-d");
    take();
    take();
    take();
    RecordedRequest first = take();
    assertThat(first.getTarget()).isEqualTo("/scim/v2/Bulk");
    JsonNode body = json(first.getBody().utf8());
    assertThat(body.get("schemas").get(0).asText()).isEqualTo(ScimSchemas.BULK_REQUEST);
    assertThat(body.get("Operations")).hasSize(2);
    assertThat(body.get("Operations").get(0).get("bulkId").asText()).isEqualTo("a");
    assertThat(json(take().getBody().utf8()).get("Operations")).hasSize(2);
    assertThat(json(take().getBody().utf8()).get("Operations")).hasSize(1);
    assertThat(json(take().getBody().utf8()).get("Operations")).hasSize(1);
  }

  @Test
  void credentialsNeverAppearInDescriptions() {
    assertThat(client.toString()).doesNotContain(TOKEN).contains("****");
    assertThat(ScimAuth.basic("svc", Secret.of("pw-123")).toString()).isEqualTo("basic svc:****");
    assertThat(ScimAuth.apiKey("X-Key", Secret.of("k-123")).toString()).doesNotContain("k-123");
  }
}
