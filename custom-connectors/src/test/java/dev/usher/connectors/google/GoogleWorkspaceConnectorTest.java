package dev.usher.connectors.google;

import static dev.usher.connectors.fake.Mock.body;
import static dev.usher.connectors.fake.Mock.json;
import static dev.usher.connectors.fake.Mock.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usher.connectors.fake.Mock;
import dev.usher.core.ConfigurationException;
import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.ConnectorRegistry;
import dev.usher.core.spi.Page;
import dev.usher.core.spi.PageRequest;
import dev.usher.core.spi.RateLimitedException;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GoogleWorkspaceConnectorTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final FakeGoogle KEYS = new FakeGoogle(); // only for its key pair
  static final String TOKEN = "{\"access_token\":\"ya29.t1\",\"expires_in\":3599,\"token_type\":\"Bearer\"}";
  MockWebServer server;
  Connector google;

  @AfterAll
  static void stopKeys() {
    KEYS.close();
  }

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    google = new GoogleWorkspaceConnectorProvider().create(
        KEYS.config().withEndpoints(Mock.base(server), Mock.base(server) + "/token"), ConnectorContext.of("gws"));
  }

  @AfterEach
  void stop() {
    google.close();
    server.close();
  }

  @Test
  void createInsertsTheUserWithNameExternalIdAndPrimaryOrganization() throws Exception {
    server.enqueue(json(200, TOKEN));
    server.enqueue(json(200, "{\"kind\":\"admin#directory#user\",\"id\":\"104512345678901234567\","
        + "\"primaryEmail\":\"liz@acme.example\",\"name\":{\"givenName\":\"Liz\",\"familyName\":\"Smith\","
        + "\"fullName\":\"Liz Smith\"},\"isAdmin\":false,\"suspended\":false,\"orgUnitPath\":\"/Engineering\","
        + "\"externalIds\":[{\"value\":\"E1042\",\"type\":\"organization\"}],"
        + "\"organizations\":[{\"title\":\"SRE\",\"primary\":true,\"customType\":\"\"}]}"));

    Account created = google.create(Account.builder("gws").userName("liz@acme.example").externalId("E1042")
        .attribute("givenName", "Liz").attribute("familyName", "Smith").attribute("title", "SRE")
        .attribute("orgUnitPath", "/Engineering").build());

    assertThat(created.id()).isEqualTo("104512345678901234567");
    assertThat(created.externalId()).isEqualTo("E1042");
    assertThat(created.attribute("title")).contains(AttributeValue.of("SRE"));
    assertThat(take(server).getTarget()).isEqualTo("/token");
    RecordedRequest post = take(server);
    assertThat(post.getTarget()).isEqualTo("/admin/directory/v1/users");
    assertThat(post.getHeaders().get("Authorization")).isEqualTo("Bearer ya29.t1");
    JsonNode sent = JSON.readTree(body(post));
    assertThat(sent.path("primaryEmail").asText()).isEqualTo("liz@acme.example");
    assertThat(sent.path("name").toString()).isEqualTo("{\"givenName\":\"Liz\",\"familyName\":\"Smith\"}");
    assertThat(sent.path("password").asText()).hasSize(20);
    assertThat(sent.path("changePasswordAtNextLogin").asBoolean()).isTrue();
    assertThat(sent.path("suspended").asBoolean()).isFalse();
    assertThat(sent.path("externalIds").toString()).isEqualTo("[{\"value\":\"E1042\",\"type\":\"organization\"}]");
    assertThat(sent.path("organizations").toString()).isEqualTo("[{\"primary\":true,\"title\":\"SRE\"}]");
    assertThat(sent.path("orgUnitPath").asText()).isEqualTo("/Engineering");
  }

  @Test
  void listingPassesNextPageTokenBack() {
    server.enqueue(json(200, TOKEN));
    server.enqueue(json(200, "{\"kind\":\"admin#directory#users\",\"users\":[{\"id\":\"1\",\"primaryEmail\":\"a@acme.example\","
        + "\"suspended\":true}],\"nextPageToken\":\"Q0FFU0F+Zm9v\"}"));
    server.enqueue(json(200, "{\"kind\":\"admin#directory#users\",\"users\":[{\"id\":\"2\",\"primaryEmail\":\"b@acme.example\"}]}"));

    Page<Account> first = google.listAccounts(PageRequest.first(1));
    Page<Account> second = google.listAccounts(PageRequest.first(1).next(first.nextToken()));

    assertThat(first.items()).singleElement().satisfies(a -> assertThat(a.active()).isFalse());
    assertThat(first.nextToken()).isEqualTo("Q0FFU0F+Zm9v");
    assertThat(second.isLast()).isTrue();
    take(server);
    assertThat(take(server).getTarget())
        .isEqualTo("/admin/directory/v1/users?customer=my_customer&maxResults=1&orderBy=email");
    assertThat(take(server).getTarget())
        .isEqualTo("/admin/directory/v1/users?customer=my_customer&maxResults=1&orderBy=email&pageToken=Q0FFU0F%2BZm9v");
  }

  @Test
  void findByExternalIdQueriesTheDirectory() {
    server.enqueue(json(200, TOKEN));
    server.enqueue(json(200, "{\"kind\":\"admin#directory#users\"}"));

    assertThat(google.find(Account.EXTERNAL_ID, AttributeValue.of("E 1'2"))).isEmpty();

    take(server);
    assertThat(take(server).getTarget()).isEqualTo(
        "/admin/directory/v1/users?customer=my_customer&query=externalId%3A%27E%201%5C%272%27&maxResults=500");
  }

  @Test
  void rateLimitReasonsOn403AreRateLimited() {
    server.enqueue(json(200, TOKEN));
    server.enqueue(json(403, "{\"error\":{\"code\":403,\"message\":\"Rate Limit Exceeded\",\"errors\":[{\"message\":"
        + "\"Rate Limit Exceeded\",\"domain\":\"usageLimits\",\"reason\":\"rateLimitExceeded\"}]}}"));

    assertThatThrownBy(() -> google.get("1")).isInstanceOf(RateLimitedException.class)
        .hasMessageContaining("Rate Limit Exceeded");
  }

  @Test
  void disableSuspendsAndAHeldGroupGrantSucceeds() {
    server.enqueue(json(200, TOKEN));
    server.enqueue(json(200, "{\"id\":\"1\",\"suspended\":true}"));
    server.enqueue(json(200, "{\"id\":\"1\",\"primaryEmail\":\"a@acme.example\"}"));
    server.enqueue(json(409, "{\"error\":{\"code\":409,\"message\":\"Member already exists.\",\"errors\":[{\"reason\":\"duplicate\"}]}}"));

    google.disable("1");
    google.grant("1", "group:03x");

    take(server);
    RecordedRequest patch = take(server);
    assertThat(patch.getMethod()).isEqualTo("PATCH");
    assertThat(body(patch)).isEqualTo("{\"suspended\":true}");
    take(server);
    RecordedRequest member = take(server);
    assertThat(member.getTarget()).isEqualTo("/admin/directory/v1/groups/03x/members");
    assertThat(body(member)).isEqualTo("{\"email\":\"a@acme.example\",\"role\":\"MEMBER\",\"type\":\"USER\"}");
  }

  @Test
  void aBadPrivateKeyIsAConfigurationErrorNamingTheField() {
    ConnectorRegistry registry = ConnectorRegistry.discover();
    assertThatThrownBy(() -> registry.open("google-workspace", Map.of(
        "serviceAccountEmail", "usher@acme-idm.iam.gserviceaccount.com",
        "privateKey", "-----BEGIN PRIVATE KEY-----\nMIIBroken\n-----END PRIVATE KEY-----",
        "adminEmail", "admin@acme.example")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("privateKey")))
        .hasMessageContaining("google-workspace connector configuration")
        .hasMessageNotContaining("MIIBroken");
    assertThatThrownBy(() -> registry.open("google-workspace", Map.of("serviceAccountEmail", "not-an-email",
        "privateKey", "x", "adminEmail", "admin@acme.example", "scopes", java.util.List.of())))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .extracting(ConfigurationException.Problem::path).containsExactly("scopes", "serviceAccountEmail"));
  }
}
