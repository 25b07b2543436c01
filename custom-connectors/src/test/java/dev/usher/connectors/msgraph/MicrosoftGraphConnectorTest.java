package dev.usher.connectors.msgraph;

import static dev.usher.connectors.fake.Mock.body;
import static dev.usher.connectors.fake.Mock.json;
import static dev.usher.connectors.fake.Mock.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usher.connectors.fake.Mock;
import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.Secret;
import dev.usher.core.spi.AlreadyExistsException;
import dev.usher.core.spi.Capability;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.InvalidRequestException;
import dev.usher.core.spi.Page;
import dev.usher.core.spi.PageRequest;
import dev.usher.core.spi.RateLimitedException;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MicrosoftGraphConnectorTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TOKEN_RESPONSE =
      "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\"at-1\"}";
  MockWebServer server;
  Connector graph;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    graph = new MicrosoftGraphConnectorProvider().create(
        MicrosoftGraphConfig.of("contoso.example", "client-1", Secret.of("s3cr3t~value"))
            .withEndpoints(Mock.base(server) + "/v1.0", Mock.base(server) + "/tenant/oauth2/v2.0/token")
            .withUsageLocation("DE"),
        ConnectorContext.of("entra"));
  }

  @AfterEach
  void stop() {
    graph.close();
    server.close();
  }

  @Test
  void createFetchesATokenThenPostsTheUserAsGraphDocumentsIt() throws Exception {
    server.enqueue(json(200, TOKEN_RESPONSE));
    server.enqueue(json(201, "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#users/$entity\","
        + "\"id\":\"87d349ed-44d7-43e1-9a83-5f2406dee5bd\",\"userPrincipalName\":\"adele@contoso.example\","
        + "\"displayName\":\"Adele Vance\",\"jobTitle\":\"Retail Manager\",\"employeeId\":\"E1001\","
        + "\"accountEnabled\":true,\"mail\":null}"));

    Account created = graph.create(Account.builder("entra").userName("adele@contoso.example").externalId("E1001")
        .attribute("givenName", "Adele").attribute("familyName", "Vance").attribute("title", "Retail Manager").build());

    assertThat(created.id()).isEqualTo("87d349ed-44d7-43e1-9a83-5f2406dee5bd");
    assertThat(created.externalId()).isEqualTo("E1001");
    assertThat(created.attribute("title")).contains(AttributeValue.of("Retail Manager"));
    RecordedRequest token = take(server);
    assertThat(token.getTarget()).isEqualTo("/tenant/oauth2/v2.0/token");
    assertThat(token.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(body(token)).isEqualTo("grant_type=client_credentials&client_id=client-1&client_secret=s3cr3t~value"
        + "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default");
    RecordedRequest post = take(server);
    assertThat(post.getMethod()).isEqualTo("POST");
    assertThat(post.getTarget()).isEqualTo("/v1.0/users");
    assertThat(post.getHeaders().get("Authorization")).isEqualTo("Bearer at-1");
    JsonNode sent = JSON.readTree(body(post));
    assertThat(sent.path("accountEnabled").asBoolean()).isTrue();
    assertThat(sent.path("userPrincipalName").asText()).isEqualTo("adele@contoso.example");
    assertThat(sent.path("displayName").asText()).isEqualTo("Adele Vance");
    assertThat(sent.path("mailNickname").asText()).isEqualTo("adele");
    assertThat(sent.path("employeeId").asText()).isEqualTo("E1001");
    assertThat(sent.path("givenName").asText()).isEqualTo("Adele");
    assertThat(sent.path("surname").asText()).isEqualTo("Vance");
    assertThat(sent.path("jobTitle").asText()).isEqualTo("Retail Manager");
    assertThat(sent.path("usageLocation").asText()).isEqualTo("DE");
    assertThat(sent.path("passwordProfile").path("forceChangePasswordNextSignIn").asBoolean()).isTrue();
    assertThat(sent.path("passwordProfile").path("password").asText())
        .hasSize(24).containsPattern("[A-Z]").containsPattern("[a-z]").containsPattern("[0-9]").containsPattern("[^A-Za-z0-9]");
  }

  @Test
  void listingFollowsODataNextLinkVerbatim() {
    String next = Mock.base(server) + "/v1.0/users?$select=id&$top=2&$skiptoken=X%27Page2%27";
    server.enqueue(json(200, TOKEN_RESPONSE));
    server.enqueue(json(200, "{\"value\":[{\"id\":\"u1\",\"userPrincipalName\":\"a@c.example\",\"accountEnabled\":true},"
        + "{\"id\":\"u2\",\"userPrincipalName\":\"b@c.example\",\"accountEnabled\":false}],"
        + "\"@odata.nextLink\":\"" + next + "\"}"));
    server.enqueue(json(200, "{\"value\":[{\"id\":\"u3\",\"userPrincipalName\":\"c@c.example\"}]}"));

    Page<Account> first = graph.listAccounts(PageRequest.first(2));
    Page<Account> second = graph.listAccounts(PageRequest.first(2).next(first.nextToken()));

    assertThat(first.items()).extracting(Account::id).containsExactly("u1", "u2");
    assertThat(first.items().get(1).active()).isFalse();
    assertThat(second.items()).extracting(Account::id).containsExactly("u3");
    assertThat(second.isLast()).isTrue();
    take(server);
    assertThat(take(server).getTarget()).startsWith("/v1.0/users?$select=id%2CuserPrincipalName").endsWith("&$top=2");
    assertThat(take(server).getTarget()).isEqualTo("/v1.0/users?$select=id&$top=2&$skiptoken=X%27Page2%27");
  }

  @Test
  void aNextLinkToAnotherHostIsRefusedSoTheTokenStaysHome() {
    server.enqueue(json(200, TOKEN_RESPONSE));
    assertThatThrownBy(() -> graph.listAccounts(new PageRequest("https://evil.example/v1.0/users?$skiptoken=1", 10)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("refusing to send credentials");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void throttlingIsRateLimitedWithTheRetryAfterGraphSent() {
    server.enqueue(json(200, TOKEN_RESPONSE));
    server.enqueue(json(429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Too many requests\","
        + "\"innerError\":{\"code\":\"429\",\"date\":\"2026-12-03T12:00:00\",\"request-id\":\"r1\"}}}", "Retry-After", "7"));

    assertThatThrownBy(() -> graph.get("u1"))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
          assertThat(e.getMessage()).contains("TooManyRequests: Too many requests");
        });
  }

  @Test
  void aTakenUserPrincipalNameIsAlreadyExists() {
    server.enqueue(json(200, TOKEN_RESPONSE));
    server.enqueue(json(400, "{\"error\":{\"code\":\"Request_BadRequest\",\"message\":\"Another object with the same"
        + " value for property userPrincipalName already exists.\",\"details\":[{\"code\":\"ObjectConflict\","
        + "\"target\":\"userPrincipalName\"}]}}"));

    assertThatThrownBy(() -> graph.create(Account.builder("entra").userName("adele@contoso.example").build()))
        .isInstanceOf(AlreadyExistsException.class).hasMessageContaining("userPrincipalName already exists");
  }

  @Test
  void disableAndEnablePatchAccountEnabled() {
    server.enqueue(json(200, TOKEN_RESPONSE));
    server.enqueue(Mock.empty(204));
    server.enqueue(Mock.empty(204));

    graph.disable("u1");
    graph.enable("u1");

    take(server);
    RecordedRequest off = take(server);
    assertThat(off.getMethod()).isEqualTo("PATCH");
    assertThat(off.getTarget()).isEqualTo("/v1.0/users/u1");
    assertThat(body(off)).isEqualTo("{\"accountEnabled\":false}");
    assertThat(body(take(server))).isEqualTo("{\"accountEnabled\":true}");
    assertThat(graph.capabilities().supports(Capability.DISABLE_ACCOUNT)).isTrue();
  }

  @Test
  void findByExternalIdFiltersOnEmployeeIdWithEscapedQuotes() {
    server.enqueue(json(200, TOKEN_RESPONSE));
    server.enqueue(json(200, "{\"@odata.count\":0,\"value\":[]}"));

    assertThat(graph.find(Account.EXTERNAL_ID, AttributeValue.of("O'Brien 7"))).isEmpty();

    take(server);
    RecordedRequest r = take(server);
    assertThat(r.getTarget()).startsWith("/v1.0/users?$filter=employeeId%20eq%20%27O%27%27Brien%207%27&$select=");
    assertThat(r.getTarget()).endsWith("&$count=true");
    assertThat(r.getHeaders().get("ConsistencyLevel")).isEqualTo("eventual");
  }

  @Test
  void grantingAGroupPostsADirectoryObjectReference() {
    server.enqueue(json(200, TOKEN_RESPONSE));
    server.enqueue(Mock.empty(204));
    server.enqueue(json(400, "{\"error\":{\"code\":\"Request_BadRequest\",\"message\":\"One or more added object"
        + " references already exist for the following modified properties: 'members'.\"}}"));

    graph.grant("u1", "group:g-42");
    graph.grant("u1", "group:g-42");

    take(server);
    RecordedRequest r = take(server);
    assertThat(r.getTarget()).isEqualTo("/v1.0/groups/g-42/members/$ref");
    assertThat(body(r)).isEqualTo("{\"@odata.id\":\"" + Mock.base(server) + "/v1.0/directoryObjects/u1\"}");
  }

  @Test
  void assigningALicenseSendsTheSkuId() {
    server.enqueue(json(200, TOKEN_RESPONSE));
    server.enqueue(json(200, "{\"id\":\"u1\"}"));

    graph.grant("u1", "license:6FD2C87F-B296-42F0-B197-1E91E994B900");

    take(server);
    RecordedRequest r = take(server);
    assertThat(r.getTarget()).isEqualTo("/v1.0/users/u1/assignLicense");
    assertThat(body(r)).isEqualTo("{\"addLicenses\":[{\"skuId\":\"6fd2c87f-b296-42f0-b197-1e91e994b900\","
        + "\"disabledPlans\":[]}],\"removeLicenses\":[]}");
  }

  @Test
  void removingAnAttributeSendsNull() {
    server.enqueue(json(200, TOKEN_RESPONSE));
    server.enqueue(Mock.empty(204));
    server.enqueue(json(200, "{\"id\":\"u1\",\"userPrincipalName\":\"a@c.example\"}"));

    Account after = graph.update("u1", java.util.List.of(
        dev.usher.core.spi.AttributeChange.remove("title"),
        dev.usher.core.spi.AttributeChange.replace("department", AttributeValue.of("Ops"))));

    assertThat(after.attribute("title")).isEmpty();
    take(server);
    assertThat(body(take(server))).isEqualTo("{\"jobTitle\":null,\"department\":\"Ops\"}");
  }

  @Test
  void aRevokedTokenIsReplacedOnceAfterA401() {
    server.enqueue(json(200, TOKEN_RESPONSE));
    server.enqueue(json(401, "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Lifetime validation failed, the token is expired.\"}}"));
    server.enqueue(json(200, TOKEN_RESPONSE.replace("at-1", "at-2")));
    server.enqueue(json(200, "{\"id\":\"u1\",\"userPrincipalName\":\"a@c.example\"}"));

    assertThat(graph.get("u1")).isPresent();

    take(server);
    assertThat(take(server).getHeaders().get("Authorization")).isEqualTo("Bearer at-1");
    assertThat(take(server).getTarget()).isEqualTo("/tenant/oauth2/v2.0/token");
    assertThat(take(server).getHeaders().get("Authorization")).isEqualTo("Bearer at-2");
  }
}
