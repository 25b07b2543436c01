package dev.usher.testkit.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class FakeGitHubTest {
  final HttpClient http = HttpClient.newHttpClient();

  int inviteByLogin(FakeGitHub github, String login) throws Exception {
    long id = idOf(github, login);
    HttpRequest request = HttpRequest.newBuilder(URI.create(github.url() + "/orgs/" + FakeGitHub.ORG + "/invitations"))
        .header("Authorization", "Bearer " + FakeGitHub.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString("{\"invitee_id\":" + id + ",\"role\":\"direct_member\"}")).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  long idOf(FakeGitHub github, String login) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(github.url() + "/users/" + login))
        .header("Authorization", "Bearer " + FakeGitHub.TOKEN).build();
    String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    return Long.parseLong(body.replaceAll(".*\"id\":(\\d+).*", "$1"));
  }

  @Test
  void anInvitationStaysPendingUntilAccepted() throws Exception {
    try (FakeGitHub github = FakeGitHub.start()) {
      assertThat(inviteByLogin(github, "ada")).isEqualTo(201);

      assertThat(github.isMemberOrInvited("ada")).isTrue();
      assertThat(github.members()).isEmpty();
      github.accept("ada");
      assertThat(github.members()).containsEntry("ada", "member");
    }
  }

  @Test
  void acceptingInvitationsMakesAnInviteeByLoginAMemberAtOnce() throws Exception {
    try (FakeGitHub github = FakeGitHub.start().acceptingInvitations()) {
      assertThat(inviteByLogin(github, "ada")).isEqualTo(201);

      assertThat(github.members()).containsEntry("ada", "member");
    }
  }

  @Test
  void requestsWithoutTheTokenAreUnauthorized() throws Exception {
    try (FakeGitHub github = FakeGitHub.start()) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(github.url() + "/orgs/acme")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.body()).contains("Bad credentials");
    }
  }
}
