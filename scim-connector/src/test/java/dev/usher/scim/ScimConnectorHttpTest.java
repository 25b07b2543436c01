package dev.usher.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.Secret;
import dev.usher.core.spi.AlreadyExistsException;
import dev.usher.core.spi.AttributeChange;
import dev.usher.core.spi.Capability;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.InvalidRequestException;
import dev.usher.core.spi.Page;
import dev.usher.core.spi.PageRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the connector sends for each operation, depending on what discovery said. */
class ScimConnectorHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private MockWebServer server;
  private ScimConnector scim;

  @BeforeEach
  void setUp() throws Exception {
    server = new MockWebServer();
    server.start();
    scim = ScimConnector.open(ScimConfig.of(server.url("/scim").toString(),
        ScimConfig.Auth.bearer(Secret.of("tok"))), ConnectorContext.of("hr"));
  }

  @AfterEach
  void tearDown() {
    scim.close();
    server.close();
  }

  private void enqueue(int code, String body) {
    server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", "application/scim+json").body(body).build());
  }

  private void discovery(String spc) {
    enqueue(200, spc);
    server.enqueue(new MockResponse.Builder().code(404).build());
    server.enqueue(new MockResponse.Builder().code(404).build());
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  private void skipDiscovery() throws InterruptedException {
    take();
    take();
    take();
  }

  @Test
  void withoutPatchUpdateIsGetModifyPutWithIfMatchAndA412IsRetriedOnce() throws Exception {
    discovery("{\"patch\":{\"supported\":false},\"etag\":{\"supported\":true},\"filter\":{\"supported\":true}}");
    enqueue(200, "{\"id\":\"u1\",\"userName\":\"a\",\"custom\":{\"kept\":1},\"meta\":{\"version\":\"W/\\\"1\\\"\"}}");
    enqueue(412, "{\"status\":\"412\",\"detail\":\"changed\"}");
    enqueue(200, "{\"id\":\"u1\",\"userName\":\"a\",\"custom\":{\"kept\":2},\"meta\":{\"version\":\"W/\\\"2\\\"\"}}");
    enqueue(200, "{\"id\":\"u1\",\"userName\":\"a\",\"title\":\"SRE\",\"custom\":{\"kept\":2}}");

    Account after = scim.update("u1", List.of(AttributeChange.replace("title", AttributeValue.of("SRE"))));

    assertThat(after.attribute("title")).contains(AttributeValue.of("SRE"));
    skipDiscovery();
    assertThat(take().getMethod()).isEqualTo("GET");
    RecordedRequest put1 = take();
    assertThat(put1.getMethod()).isEqualTo("PUT");
    assertThat(put1.getHeaders().get("If-Match")).isEqualTo("W/\"1\"");
    assertThat(take().getMethod()).isEqualTo("GET");
    RecordedRequest put2 = take();
    assertThat(put2.getHeaders().get("If-Match")).isEqualTo("W/\"2\"");
    JsonNode body = JSON.readTree(put2.getBody().utf8());
    assertThat(body.get("title").asText()).isEqualTo("SRE");
    assertThat(body.get("custom").get("kept").asInt()).as("unknown attributes survive").isEqualTo(2);
    assertThat(body.has("meta")).isFalse();
  }

  @Test
  void a412TwiceIsReported() {
    discovery("{\"patch\":{\"supported\":false},\"etag\":{\"supported\":true}}");
    for (int i = 0; i < 2; i++) {
      enqueue(200, "{\"id\":\"u1\",\"meta\":{\"version\":\"W/\\\"1\\\"\"}}");
      enqueue(412, "{\"status\":\"412\",\"detail\":\"changed again\"}");
    }
    assertThatThrownBy(() -> scim.disable("u1")).isInstanceOfSatisfying(InvalidRequestException.class,
        e -> assertThat(e.httpStatus()).hasValue(412));
  }

  @Test
  void updateWithPatchSendsOneOperationPerChangeAndReadsBackAfter204() throws Exception {
    discovery("{\"patch\":{\"supported\":true},\"filter\":{\"supported\":true}}");
    server.enqueue(new MockResponse.Builder().code(204).build());
    enqueue(200, "{\"id\":\"u1\",\"userName\":\"a\",\"title\":\"SRE\"}");

    scim.update("u1", List.of(
        AttributeChange.replace("title", AttributeValue.of("SRE")),
        AttributeChange.add("emails", AttributeValue.of("a@b.example")),
        AttributeChange.remove("emails", AttributeValue.of("old@b.example")),
        AttributeChange.remove("nickName"),
        AttributeChange.replace("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", AttributeValue.of("Ops"))));

    skipDiscovery();
    RecordedRequest patch = take();
    assertThat(patch.getMethod()).isEqualTo("PATCH");
    assertThat(patch.getTarget()).isEqualTo("/scim/Users/u1");
    assertThat(JSON.readTree(patch.getBody().utf8())).isEqualTo(JSON.readTree("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
        + "\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"SRE\"},"
        + "{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"a@b.example\",\"primary\":true}]},"
        + "{\"op\":\"remove\",\"path\":\"emails[value eq \\\"old@b.example\\\"]\"},"
        + "{\"op\":\"remove\",\"path\":\"nickName\"},"
        + "{\"op\":\"replace\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department\",\"value\":\"Ops\"}]}"));
    assertThat(take().getTarget()).isEqualTo("/scim/Users/u1");
  }

  @Test
  void aConflictOnCreateNamesTheExistingAccount() throws Exception {
    discovery("{\"patch\":{\"supported\":true},\"filter\":{\"supported\":true}}");
    enqueue(409, "{\"status\":\"409\",\"scimType\":\"uniqueness\",\"detail\":\"userName taken\"}");
    enqueue(200, "{\"totalResults\":1,\"Resources\":[{\"id\":\"existing-7\",\"userName\":\"alice\"}]}");

    assertThatThrownBy(() -> scim.create(Account.builder("hr").userName("alice").build()))
        .isInstanceOfSatisfying(AlreadyExistsException.class, e -> {
          assertThat(e.existingId()).contains("existing-7");
          assertThat(e.getMessage()).contains("[scim/hr create] 409: POST /Users: uniqueness: userName taken");
        });
    skipDiscovery();
    take();
    assertThat(take().getTarget()).isEqualTo("/scim/Users?filter=userName%20eq%20%22alice%22&startIndex=1&count=100");
  }

  @Test
  void cursorPagingIsUsedWhenAdvertised() throws Exception {
    discovery("{\"filter\":{\"supported\":true,\"maxResults\":50},\"pagination\":{\"cursor\":true,\"index\":true}}");
    enqueue(200, "{\"totalResults\":3,\"Resources\":[{\"id\":\"1\"},{\"id\":\"2\"}],\"nextCursor\":\"VZUTiy\"}");
    enqueue(200, "{\"totalResults\":3,\"Resources\":[{\"id\":\"3\"}]}");

    Page<Account> first = scim.listAccounts(PageRequest.first(500));
    Page<Account> second = scim.listAccounts(first.next().map(t -> new PageRequest(t, 500)).orElseThrow());

    assertThat(first.items()).extracting(Account::id).containsExactly("1", "2");
    assertThat(second.items()).extracting(Account::id).containsExactly("3");
    assertThat(second.isLast()).isTrue();
    assertThat(scim.capabilities().maxPageSize()).isEqualTo(50);
    skipDiscovery();
    assertThat(take().getTarget()).isEqualTo("/scim/Users?cursor=&count=50");
    assertThat(take().getTarget()).isEqualTo("/scim/Users?cursor=VZUTiy&count=50");
  }

  @Test
  void indexPagingFollowsWhatTheServerReturnedNotWhatWasAsked() throws Exception {
    discovery("{\"filter\":{\"supported\":true}}");
    enqueue(200, "{\"totalResults\":5,\"itemsPerPage\":10,\"startIndex\":1,\"Resources\":[{\"id\":\"1\"},{\"id\":\"2\"}]}");
    enqueue(200, "{\"totalResults\":5,\"itemsPerPage\":10,\"startIndex\":3,\"Resources\":[]}");

    Page<Account> first = scim.listAccounts(PageRequest.first(10));
    Page<Account> stopped = scim.listAccounts(new PageRequest(first.nextToken(), 10));

    assertThat(first.nextToken()).isEqualTo("i3");
    assertThat(stopped.isLast()).isTrue();
    assertThat(stopped.complete()).as("an empty page before totalResults is an incomplete listing").isFalse();
    assertThatThrownBy(() -> scim.listAccounts(new PageRequest("bogus", 10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("did not come from this connector");
  }

  @Test
  void theAccountFilterFromConfigurationScopesListingAndFind() throws Exception {
    try (ScimConnector scoped = ScimConnector.open(new ScimConfig(server.url("/scim").toString(),
        ScimConfig.Auth.bearer(Secret.of("tok")), null, null, null, null, false, null, null, null, null, null, null, null,
        "userType eq \"Employee\""), ConnectorContext.of("hr"))) {
      enqueue(200, "{\"totalResults\":0,\"Resources\":[]}");
      enqueue(200, "{\"totalResults\":0,\"Resources\":[]}");
      scoped.listAccounts(PageRequest.first(10));
      scoped.find("userName", AttributeValue.of("a b"));
      assertThat(take().getTarget()).isEqualTo("/scim/Users?filter=userType%20eq%20%22Employee%22&startIndex=1&count=10");
      assertThat(take().getTarget()).isEqualTo(
          "/scim/Users?filter=userName%20eq%20%22a%20b%22%20and%20userType%20eq%20%22Employee%22&startIndex=1&count=100");
    }
  }

  @Test
  void aListedUserWithoutIdFailsTheListingNamingTheRequest() {
    discovery("{\"filter\":{\"supported\":true}}");
    enqueue(200, "{\"totalResults\":2,\"Resources\":[{\"id\":\"1\"},{\"userName\":\"no-id\"}]}");

    assertThatThrownBy(() -> scim.listAccounts(PageRequest.first(10)))
        .isExactlyInstanceOf(dev.usher.core.spi.ConnectorException.class)
        .hasMessageContaining("GET /Users?startIndex=1&count=10")
        .hasMessageContaining("Resources[1]: a user has no 'id'");
  }

  @Test
  void withoutDiscoveryNothingIsAskedAndCommonFeaturesAreAssumed() throws Exception {
    try (ScimConnector quiet = ScimConnector.open(new ScimConfig(server.url("/scim").toString(),
        ScimConfig.Auth.bearer(Secret.of("tok")), null, null, null, null, false, false, null, null, null, null, null, null, null),
        ConnectorContext.of("hr"))) {
      assertThat(quiet.capabilities().supports(Capability.FIND_ACCOUNT)).isTrue();
      assertThat(quiet.capabilities().supports(Capability.GRANT)).isFalse();
      assertThat(server.getRequestCount()).isZero();
      assertThatThrownBy(() -> quiet.grant("u", "g")).isInstanceOf(dev.usher.core.spi.UnsupportedCapabilityException.class);
    }
  }
}
