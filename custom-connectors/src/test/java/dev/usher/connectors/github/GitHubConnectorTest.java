package dev.usher.connectors.github;

import static dev.usher.connectors.fake.Mock.body;
import static dev.usher.connectors.fake.Mock.json;
import static dev.usher.connectors.fake.Mock.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.connectors.fake.Mock;
import dev.usher.core.ConfigurationException;
import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.Secret;
import dev.usher.core.spi.Capability;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.ConnectorRegistry;
import dev.usher.core.spi.Page;
import dev.usher.core.spi.PageRequest;
import dev.usher.core.spi.RateLimitedException;
import dev.usher.core.spi.UnauthorizedException;
import dev.usher.core.spi.UnsupportedCapabilityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GitHubConnectorTest {
  static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  MockWebServer server;
  Connector github;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    github = new GitHubConnectorProvider().create(
        GitHubConfig.of("acme", Secret.of("ghp_secret123")).withBaseUrl(Mock.base(server)),
        ConnectorContext.of("gh").withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  @AfterEach
  void stop() {
    github.close();
    server.close();
  }

  @Test
  void listsMembersFollowingLinkHeadersThenPendingInvitations() {
    String next = Mock.base(server) + "/orgs/acme/members?per_page=2&page=2";
    server.enqueue(json(200, "[{\"login\":\"octocat\",\"id\":1,\"type\":\"User\"},{\"login\":\"hubot\",\"id\":2}]",
        "Link", "<" + next + ">; rel=\"next\", <" + next + ">; rel=\"last\""));
    server.enqueue(json(200, "[{\"login\":\"monalisa\",\"id\":3}]",
        "Link", "<" + Mock.base(server) + "/orgs/acme/members?per_page=2&page=1>; rel=\"first\""));
    server.enqueue(json(200, "[{\"id\":77,\"login\":null,\"email\":\"new@acme.example\",\"role\":\"direct_member\","
        + "\"created_at\":\"2026-12-01T10:00:00Z\",\"team_count\":1}]"));

    Page<Account> first = github.listAccounts(PageRequest.first(2));
    Page<Account> second = github.listAccounts(PageRequest.first(2).next(first.nextToken()));
    Page<Account> third = github.listAccounts(PageRequest.first(2).next(second.nextToken()));

    assertThat(first.items()).extracting(Account::id).containsExactly("octocat", "hubot");
    assertThat(second.items()).extracting(Account::id).containsExactly("monalisa");
    assertThat(third.items()).singleElement().satisfies(a -> {
      assertThat(a.id()).isEqualTo("invitation:77");
      assertThat(a.attribute("email")).contains(AttributeValue.of("new@acme.example"));
      assertThat(a.attribute("state")).contains(AttributeValue.of("pending"));
    });
    assertThat(third.isLast()).isTrue();

    RecordedRequest r1 = take(server);
    assertThat(r1.getTarget()).isEqualTo("/orgs/acme/members?per_page=2");
    assertThat(r1.getHeaders().get("Authorization")).isEqualTo("Bearer ghp_secret123");
    assertThat(r1.getHeaders().values("Accept")).containsExactly("application/vnd.github+json");
    assertThat(r1.getHeaders().get("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
    assertThat(r1.getHeaders().get("User-Agent")).startsWith("usher/");
    assertThat(take(server).getTarget()).isEqualTo("/orgs/acme/members?per_page=2&page=2");
    assertThat(take(server).getTarget()).isEqualTo("/orgs/acme/invitations?per_page=2");
  }

  @Test
  void createInvitesTheUserByIdWithTheMemberRole() {
    server.enqueue(json(404, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\"}"));
    server.enqueue(json(200, "{\"login\":\"alice\",\"id\":4242,\"type\":\"User\"}"));
    server.enqueue(json(201, "{\"id\":9,\"login\":\"alice\",\"email\":null,\"role\":\"direct_member\",\"team_count\":0}"));

    Account created = github.create(Account.builder("gh").userName("alice").build());

    assertThat(created.id()).isEqualTo("alice");
    assertThat(created.attribute("state")).contains(AttributeValue.of("pending"));
    assertThat(created.attribute("role")).contains(AttributeValue.of("member"));
    assertThat(take(server).getTarget()).isEqualTo("/orgs/acme/memberships/alice");
    assertThat(take(server).getTarget()).isEqualTo("/users/alice");
    RecordedRequest post = take(server);
    assertThat(post.getMethod()).isEqualTo("POST");
    assertThat(post.getTarget()).isEqualTo("/orgs/acme/invitations");
    assertThat(post.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(body(post)).isEqualTo("{\"role\":\"direct_member\",\"invitee_id\":4242}");
  }

  @Test
  void createByEmailSendsTheEmailAndAdminRole() {
    server.enqueue(json(200, "[]"));
    server.enqueue(json(201, "{\"id\":10,\"login\":null,\"email\":\"bob@acme.example\",\"role\":\"admin\"}"));

    Account created = github.create(Account.builder("gh").attribute("email", "bob@acme.example")
        .attribute("role", "admin").build());

    assertThat(created.id()).isEqualTo("invitation:10");
    assertThat(created.attribute("role")).contains(AttributeValue.of("admin"));
    take(server);
    assertThat(body(take(server))).isEqualTo("{\"role\":\"admin\",\"email\":\"bob@acme.example\"}");
  }

  @Test
  void secondaryRateLimitWithRetryAfterIsRateLimited() {
    server.enqueue(json(403, "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before"
        + " you try again.\",\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}",
        "retry-after", "30"));

    assertThatThrownBy(() -> github.get("octocat"))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.getMessage()).contains("secondary rate limit").doesNotContain("ghp_secret123");
        });
  }

  @Test
  void secondaryRateLimitWithoutRetryAfterWaitsAMinute() {
    server.enqueue(json(403, "{\"message\":\"You have exceeded a secondary rate limit.\"}"));

    assertThatThrownBy(() -> github.get("octocat"))
        .isInstanceOfSatisfying(RateLimitedException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofMinutes(1)));
  }

  @Test
  void exhaustedPrimaryRateLimitWaitsUntilTheReset() {
    server.enqueue(json(403, "{\"message\":\"API rate limit exceeded for installation ID 1.\"}",
        "x-ratelimit-limit", "5000", "x-ratelimit-remaining", "0",
        "x-ratelimit-reset", String.valueOf(NOW.plusSeconds(120).getEpochSecond())));

    assertThatThrownBy(() -> github.get("octocat"))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
          assertThat(e.limitInfo()).contains("0/5000 remaining");
        });
  }

  @Test
  void badCredentialsAreUnauthorizedWithoutTheToken() {
    server.enqueue(json(401, "{\"message\":\"Bad credentials\"}"));

    assertThatThrownBy(() -> github.test())
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining("Bad credentials")
        .hasMessageNotContaining("ghp_secret123");
    assertThat(server.getRequestCount()).as("a fixed token is not retried").isEqualTo(1);
  }

  @Test
  void cannotDisableAndSaysSo() {
    assertThat(github.capabilities().supports(Capability.DISABLE_ACCOUNT)).isFalse();
    assertThat(github.capabilities().supports(Capability.DELETE_ACCOUNT)).isTrue();
    assertThatThrownBy(() -> github.disable("octocat"))
        .isInstanceOfSatisfying(UnsupportedCapabilityException.class,
            e -> assertThat(e.capability()).isEqualTo(Capability.DISABLE_ACCOUNT))
        .hasMessageContaining("remove the member instead");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void grantOfATeamPutsTheTeamMembership() {
    server.enqueue(json(200, "{\"state\":\"active\",\"role\":\"member\",\"user\":{\"login\":\"octocat\",\"id\":1}}"));
    server.enqueue(json(200, "{\"role\":\"member\",\"state\":\"active\"}"));

    github.grant("octocat", "team:platform-eng");

    take(server);
    RecordedRequest put = take(server);
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getTarget()).isEqualTo("/orgs/acme/teams/platform-eng/memberships/octocat");
    assertThat(body(put)).isEqualTo("{\"role\":\"member\"}");
  }

  @Test
  void removeDeletesTheMembership() {
    server.enqueue(Mock.empty(204));

    github.delete("octocat");

    RecordedRequest r = take(server);
    assertThat(r.getMethod()).isEqualTo("DELETE");
    assertThat(r.getTarget()).isEqualTo("/orgs/acme/memberships/octocat");
  }

  @Test
  void configErrorsNameTheFieldAndNeverTheToken() {
    ConnectorRegistry registry = ConnectorRegistry.discover();
    assertThatThrownBy(() -> registry.open("github", Map.of("organization", "not an org!", "token", "ghp_x1234",
        "baseUrl", "ftp://x")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .extracting(ConfigurationException.Problem::path).containsExactly("baseUrl", "organization"))
        .hasMessageNotContaining("ghp_x1234");
    assertThatThrownBy(() -> registry.open("github", Map.of("organization", "acme")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("token");
    assertThat(GitHubConfig.of("acme", Secret.of("ghp_x1234")).toString()).doesNotContain("ghp_x1234");
  }

  @Test
  void everyVendorConnectorIsDiscovered() {
    assertThat(ConnectorRegistry.discover().types())
        .contains("github", "microsoft-graph", "google-workspace", "zoom");
  }
}
