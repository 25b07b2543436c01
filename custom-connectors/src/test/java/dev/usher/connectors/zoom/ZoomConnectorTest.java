package dev.usher.connectors.zoom;

import static dev.usher.connectors.fake.Mock.body;
import static dev.usher.connectors.fake.Mock.json;
import static dev.usher.connectors.fake.Mock.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.connectors.fake.Mock;
import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.Secret;
import dev.usher.core.spi.AlreadyExistsException;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.Page;
import dev.usher.core.spi.PageRequest;
import dev.usher.core.spi.RateLimitedException;
import dev.usher.core.spi.UnauthorizedException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ZoomConnectorTest {
  static final String TOKEN = "{\"access_token\":\"zt-1\",\"token_type\":\"bearer\",\"expires_in\":3599,"
      + "\"scope\":\"user:write:admin\",\"api_url\":\"https://api.zoom.us\"}";
  MockWebServer server;
  Connector zoom;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    zoom = new ZoomConnectorProvider().create(ZoomConfig.of("acct-9", "cid", Secret.of("zoom-s3cret"))
        .withEndpoints(Mock.base(server) + "/v2", Mock.base(server) + "/oauth/token"), ConnectorContext.of("zoom"));
  }

  @AfterEach
  void stop() {
    zoom.close();
    server.close();
  }

  @Test
  void createAuthenticatesWithAccountCredentialsThenPostsTheUser() {
    server.enqueue(json(200, TOKEN));
    server.enqueue(json(201, "{\"id\":\"KDcuGIm1QgePTO8WbOqwIQ\",\"first_name\":\"Jill\",\"last_name\":\"Chill\","
        + "\"email\":\"jchill@example.com\",\"type\":1}"));
    server.enqueue(Mock.empty(204));
    server.enqueue(json(200, "{\"id\":\"KDcuGIm1QgePTO8WbOqwIQ\",\"first_name\":\"Jill\",\"last_name\":\"Chill\","
        + "\"email\":\"jchill@example.com\",\"type\":1,\"status\":\"pending\",\"dept\":\"Sales\",\"group_ids\":[]}"));

    Account created = zoom.create(Account.builder("zoom").userName("jchill@example.com")
        .attribute("givenName", "Jill").attribute("familyName", "Chill").attribute("department", "Sales").build());

    assertThat(created.id()).isEqualTo("KDcuGIm1QgePTO8WbOqwIQ");
    assertThat(created.active()).isTrue();
    assertThat(created.attribute("status")).contains(AttributeValue.of("pending"));
    assertThat(created.attribute("department")).contains(AttributeValue.of("Sales"));
    RecordedRequest token = take(server);
    assertThat(token.getTarget()).isEqualTo("/oauth/token?grant_type=account_credentials&account_id=acct-9");
    assertThat(token.getHeaders().get("Authorization")).isEqualTo("Basic "
        + Base64.getEncoder().encodeToString("cid:zoom-s3cret".getBytes(StandardCharsets.UTF_8)));
    RecordedRequest post = take(server);
    assertThat(post.getTarget()).isEqualTo("/v2/users");
    assertThat(post.getHeaders().get("Authorization")).isEqualTo("Bearer zt-1");
    assertThat(body(post)).isEqualTo("{\"action\":\"create\",\"user_info\":{\"email\":\"jchill@example.com\",\"type\":1,"
        + "\"last_name\":\"Chill\",\"first_name\":\"Jill\"}}");
    RecordedRequest patch = take(server);
    assertThat(patch.getMethod()).isEqualTo("PATCH");
    assertThat(body(patch)).isEqualTo("{\"dept\":\"Sales\"}");
  }

  @Test
  void listingWalksEachStatusFollowingNextPageTokens() {
    server.enqueue(json(200, TOKEN));
    server.enqueue(json(200, "{\"page_size\":1,\"total_records\":2,\"next_page_token\":\"Tva2CuIdTgsv8wAnhyAdU3m06Y2HuLQtlh3\","
        + "\"users\":[{\"id\":\"u1\",\"email\":\"a@example.com\",\"type\":2,\"status\":\"active\"}]}"));
    server.enqueue(json(200, "{\"page_size\":1,\"next_page_token\":\"\",\"users\":[{\"id\":\"u2\",\"email\":\"b@example.com\","
        + "\"status\":\"active\"}]}"));
    server.enqueue(json(200, "{\"next_page_token\":\"\",\"users\":[{\"id\":\"u3\",\"email\":\"c@example.com\",\"status\":\"inactive\"}]}"));
    server.enqueue(json(200, "{\"next_page_token\":\"\",\"users\":[]}"));

    Page<Account> p1 = zoom.listAccounts(PageRequest.first(1));
    Page<Account> p2 = zoom.listAccounts(PageRequest.first(1).next(p1.nextToken()));
    Page<Account> p3 = zoom.listAccounts(PageRequest.first(1).next(p2.nextToken()));
    Page<Account> p4 = zoom.listAccounts(PageRequest.first(1).next(p3.nextToken()));

    assertThat(p3.items()).singleElement().satisfies(a -> assertThat(a.active()).isFalse());
    assertThat(p4.isLast()).isTrue();
    take(server);
    assertThat(take(server).getTarget()).isEqualTo("/v2/users?status=active&page_size=1");
    assertThat(take(server).getTarget())
        .isEqualTo("/v2/users?status=active&page_size=1&next_page_token=Tva2CuIdTgsv8wAnhyAdU3m06Y2HuLQtlh3");
    assertThat(take(server).getTarget()).isEqualTo("/v2/users?status=inactive&page_size=1");
    assertThat(take(server).getTarget()).isEqualTo("/v2/users?status=pending&page_size=1");
  }

  @Test
  void disableDeactivatesOnlyAnActiveUser() {
    server.enqueue(json(200, TOKEN));
    server.enqueue(json(200, "{\"id\":\"u1\",\"status\":\"active\"}"));
    server.enqueue(Mock.empty(204));
    server.enqueue(json(200, "{\"id\":\"u1\",\"status\":\"inactive\"}"));

    zoom.disable("u1");
    zoom.disable("u1");

    take(server);
    take(server);
    RecordedRequest put = take(server);
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getTarget()).isEqualTo("/v2/users/u1/status");
    assertThat(body(put)).isEqualTo("{\"action\":\"deactivate\"}");
    assertThat(take(server).getMethod()).isEqualTo("GET");
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void deleteDisassociatesByDefault() {
    server.enqueue(json(200, TOKEN));
    server.enqueue(Mock.empty(204));

    zoom.delete("u1");

    take(server);
    RecordedRequest r = take(server);
    assertThat(r.getMethod()).isEqualTo("DELETE");
    assertThat(r.getTarget()).isEqualTo("/v2/users/u1?action=disassociate");
  }

  @Test
  void aTakenEmailIsAlreadyExists() {
    server.enqueue(json(200, TOKEN));
    server.enqueue(json(409, "{\"code\":1005,\"message\":\"User already in the account: jchill@example.com\"}"));

    assertThatThrownBy(() -> zoom.create(Account.builder("zoom").userName("jchill@example.com").build()))
        .isInstanceOf(AlreadyExistsException.class).hasMessageContaining("1005: User already in the account");
  }

  @Test
  void tooManyRequestsIsRateLimited() {
    server.enqueue(json(200, TOKEN));
    server.enqueue(json(429, "{\"code\":429,\"message\":\"You have reached the maximum per-second rate limit for this API.\"}",
        "X-RateLimit-Category", "Light", "X-RateLimit-Type", "QPS", "Retry-After", "1"));

    assertThatThrownBy(() -> zoom.get("u1")).isInstanceOfSatisfying(RateLimitedException.class,
        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(1)));
  }

  @Test
  void refusedAppCredentialsAreUnauthorizedWithoutTheSecret() {
    server.enqueue(json(401, "{\"reason\":\"Invalid client_id or client_secret\",\"error\":\"invalid_client\"}"));

    assertThatThrownBy(() -> zoom.get("u1")).isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining("invalid_client").hasMessageContaining("/oauth/token")
        .hasMessageNotContaining("zoom-s3cret");
  }

  @Test
  void grantingAGroupPostsTheMemberId() {
    server.enqueue(json(200, TOKEN));
    server.enqueue(json(200, "{\"id\":\"u1\",\"status\":\"active\"}"));
    server.enqueue(json(201, "{\"ids\":\"u1\",\"added_at\":\"2026-12-03T12:00:00Z\"}"));

    zoom.grant("u1", "group:grp7");

    take(server);
    take(server);
    RecordedRequest r = take(server);
    assertThat(r.getTarget()).isEqualTo("/v2/groups/grp7/members");
    assertThat(body(r)).isEqualTo("{\"members\":[{\"id\":\"u1\"}]}");
  }
}
