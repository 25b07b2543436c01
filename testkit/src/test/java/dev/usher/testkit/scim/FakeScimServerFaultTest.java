package dev.usher.testkit.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeScimServerFaultTest {
  private FakeScimServer server;
  private ScimHttp http;

  @BeforeEach
  void start() {
    server = FakeScimServer.builder().start();
    http = new ScimHttp(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void statusFaultAnswersTheMatchingRequestsWithRetryAfterAndProcessesNothing() {
    server.inject(ScimFault.status(503).withRetryAfter(Duration.ofMillis(1500)).matching("post", "/Users").times(2));

    assertThat(http.get("/Users").status()).as("GET does not match").isEqualTo(200);
    ScimHttp.Response first = http.createUser("ada");
    ScimHttp.Response second = http.createUser("ada");
    ScimHttp.Response third = http.createUser("ada");

    assertThat(first.status()).isEqualTo(503);
    assertThat(first.header("Retry-After")).isEqualTo("2");
    assertThat(first.body().get("status").asText()).isEqualTo("503");
    assertThat(second.status()).isEqualTo(503);
    assertThat(third.status()).isEqualTo(201);
    assertThat(server.users()).hasSize(1);
    assertThat(server.requests()).hasSize(4);
  }

  @Test
  void faultsAreConsumedInTheOrderInjected() {
    server.inject(ScimFault.status(500));
    server.inject(ScimFault.status(429).withRetryAfter(Duration.ofSeconds(3)));

    assertThat(http.get("/Users").status()).isEqualTo(500);
    ScimHttp.Response limited = http.get("/Users");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isEqualTo("3");
    assertThat(http.get("/Users").status()).isEqualTo(200);
  }

  @Test
  void clearFaultsForgetsPendingFaults() {
    server.inject(ScimFault.status(500).times(5));
    server.clearFaults();

    assertThat(http.get("/Users").status()).isEqualTo(200);
  }

  @Test
  void matchingPathAppliesToAnyMethodUnderThePrefix() {
    String id = http.createUser("ada").id();
    server.inject(ScimFault.status(502).matchingPath("/Groups").times(2));

    assertThat(http.get("/Users/" + id).status()).isEqualTo(200);
    assertThat(http.get("/Groups").status()).isEqualTo(502);
    assertThat(http.createGroup("g").status()).isEqualTo(502);
    assertThat(http.createGroup("g").status()).isEqualTo(201);
  }

  @Test
  void droppedConnectionFailsTheCallAndAppliesNothing() throws Exception {
    server.inject(ScimFault.dropConnection().matching("POST", "/Users"));

    assertThatThrownBy(() -> http.sendRaw("POST", "/Users", ScimHttp.user("ada"))).isInstanceOf(IOException.class);

    assertThat(server.users()).isEmpty();
    assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r.method()).isEqualTo("POST"));
    assertThat(http.createUser("ada").status()).as("the next request is served").isEqualTo(201);
  }

  @Test
  void lostResponseAppliesTheChangeButNeverAnswers() throws Exception {
    server.inject(ScimFault.loseResponse().matching("POST", "/Users"));

    assertThatThrownBy(() -> http.sendRaw("POST", "/Users", ScimHttp.user("ada"))).isInstanceOf(IOException.class);

    assertThat(server.users()).singleElement()
        .satisfies(u -> assertThat(u.get("userName").asText()).isEqualTo("ada"));
    ScimHttp.Response retry = http.createUser("ada");
    assertThat(retry.status()).as("a blind retry now conflicts").isEqualTo(409);
  }

  @Test
  void lostPatchResponseStillAppliesThePatch() throws Exception {
    String id = http.createUser("ada").id();
    server.inject(ScimFault.loseResponse().matching("PATCH", "/Users/" + id));

    assertThatThrownBy(() -> http.sendRaw("PATCH", "/Users/" + id,
        ScimHttp.patchOps("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Countess\"}")))
        .isInstanceOf(IOException.class);

    assertThat(server.users().get(0).get("title").asText()).isEqualTo("Countess");
  }

  @Test
  void addedLatencyDelaysTheAnswerBeyondAShortClientTimeout() throws Exception {
    try (FakeScimServer slow = FakeScimServer.builder().latency(Duration.ofSeconds(2)).start()) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest request = HttpRequest.newBuilder(URI.create(slow.baseUrl() + "/Users"))
          .timeout(Duration.ofMillis(200)).GET().build();

      assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(HttpTimeoutException.class);
      assertThat(slow.requests()).hasSize(1);
    }
  }

  @Test
  void faultsValidateTheirSettings() {
    assertThatThrownBy(() -> ScimFault.status(200)).hasMessageContaining("200");
    assertThatThrownBy(() -> ScimFault.dropConnection().withRetryAfter(Duration.ofSeconds(1)))
        .hasMessageContaining("DROP_CONNECTION");
    assertThatThrownBy(() -> ScimFault.loseResponse().times(0)).hasMessageContaining("0");
    ScimFault fault = ScimFault.status(503).withRetryAfter(Duration.ofSeconds(1)).matching("patch", "/Groups").times(3);
    assertThat(fault.method()).isEqualTo("PATCH");
    assertThat(fault.times()).isEqualTo(3);
    assertThat(fault).hasToString("ScimFault[STATUS 503 retryAfter=PT1S on PATCH /Groups* x3]");
  }
}
