package dev.usher.testkit.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usher.testkit.TestClock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FakeScimServerInspectionTest {

  @Test
  void recordsMethodPathQueryHeadersAndBody() {
    try (FakeScimServer server = FakeScimServer.builder().start()) {
      ScimHttp http = new ScimHttp(server);
      http.createUser("ada");
      http.get("/Users?filter=" + ScimHttp.encode("userName eq \"ada\"") + "&count=5", "X-Trace", "abc");

      List<RecordedRequest> requests = server.requests();
      assertThat(requests).hasSize(2);
      RecordedRequest post = requests.get(0);
      assertThat(post.method()).isEqualTo("POST");
      assertThat(post.path()).isEqualTo("/scim/v2/Users");
      assertThat(post.query()).isEmpty();
      assertThat(post.header("content-TYPE")).isEqualTo("application/scim+json");
      assertThat(post.body()).contains("\"userName\":\"ada\"");
      RecordedRequest get = requests.get(1);
      assertThat(get.query()).isEqualTo("filter=userName%20eq%20%22ada%22&count=5");
      assertThat(get.queryParameter("filter")).isEqualTo("userName eq \"ada\"");
      assertThat(get.queryParameter("missing")).isNull();
      assertThat(get.header("X-Trace")).isEqualTo("abc");
      assertThat(get.headers()).containsKey("x-trace");
    }
  }

  @Test
  void redactsAuthorizationFromToString() {
    try (FakeScimServer server = FakeScimServer.builder().bearerToken("very-secret").start()) {
      new ScimHttp(server).get("/Users", "Authorization", "Bearer very-secret");

      RecordedRequest request = server.requests().get(0);
      assertThat(request.header("Authorization")).isEqualTo("Bearer very-secret");
      assertThat(request.toString()).doesNotContain("very-secret").startsWith("GET /scim/v2/Users");
      assertThat(server.toString()).doesNotContain("very-secret");
    }
  }

  @Test
  void exposesStoredResourcesAsCopies() {
    try (FakeScimServer server = FakeScimServer.builder().start()) {
      ScimHttp http = new ScimHttp(server);
      String id = http.createUser("ada").id();
      http.createGroup("admins", id);

      ObjectNode user = server.users().get(0);
      user.put("userName", "changed");

      assertThat(server.users().get(0).get("userName").asText()).isEqualTo("ada");
      assertThat(server.groups().get(0).at("/members/0/value").asText()).isEqualTo(id);
    }
  }

  @Test
  void resetForgetsResourcesRequestsFaultsAndTheRateWindow() {
    TestClock clock = TestClock.at(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    try (FakeScimServer server = FakeScimServer.builder().clock(clock).rateLimit(2, Duration.ofHours(1)).start()) {
      ScimHttp http = new ScimHttp(server);
      http.createUser("ada");
      server.inject(ScimFault.status(500));

      server.reset();

      assertThat(server.users()).isEmpty();
      assertThat(server.requests()).isEmpty();
      assertThat(http.createUser("ada").status()).isEqualTo(201);
      assertThat(http.get("/Users").status()).isEqualTo(200);
      assertThat(http.get("/Users").status()).isEqualTo(429);
    }
  }

  @Test
  void recordingCanBeTurnedOff() {
    try (FakeScimServer server = FakeScimServer.builder().recordRequests(false).start()) {
      new ScimHttp(server).createUser("ada");
      assertThat(server.requests()).isEmpty();
      assertThat(server.users()).hasSize(1);
    }
  }

  @Test
  void parallelCreatesNeverDuplicateAUserName() throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(8);
    ExecutorService serverThreads = Executors.newFixedThreadPool(8);
    try (FakeScimServer server = FakeScimServer.builder().executor(serverThreads).recordRequests(false).start()) {
      ScimHttp http = new ScimHttp(server);
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        String name = "user" + (i % 50);
        String userName = i % 2 == 0 ? name : name.toUpperCase(Locale.ROOT);
        calls.add(() -> http.createUser(userName).status());
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> result : clients.invokeAll(calls)) {
        statuses.add(result.get());
      }

      assertThat(statuses).filteredOn(s -> s == 201).hasSize(50);
      assertThat(statuses).filteredOn(s -> s == 409).hasSize(350);
      Set<String> names = new HashSet<>();
      server.users().forEach(u -> names.add(u.get("userName").asText().toLowerCase(Locale.ROOT)));
      assertThat(names).hasSize(50);
      assertThat(server.users()).hasSize(50);
    } finally {
      clients.shutdownNow();
      assertThat(serverThreads.isShutdown()).as("an injected executor is left alone").isFalse();
      serverThreads.shutdownNow();
    }
  }

  @Test
  void closeStopsListeningAndCanBeRepeated() throws Exception {
    FakeScimServer server = FakeScimServer.builder().start();
    ScimHttp http = new ScimHttp(server);
    assertThat(http.get("/Users").status()).isEqualTo(200);

    server.close();
    server.close();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.sendRaw("GET", "/Users", ""))
        .isInstanceOf(java.io.IOException.class);
  }
}
