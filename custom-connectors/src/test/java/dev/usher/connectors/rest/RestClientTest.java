package dev.usher.connectors.rest;

import static dev.usher.connectors.fake.Mock.json;
import static dev.usher.connectors.fake.Mock.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.connectors.fake.Mock;
import dev.usher.core.model.Secret;
import dev.usher.core.spi.AlreadyExistsException;
import dev.usher.core.spi.ConnectorException;
import dev.usher.core.spi.HttpSettings;
import dev.usher.core.spi.InvalidRequestException;
import dev.usher.core.spi.TransientException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestClientTest {
  static final ConnectorException.Origin ORIGIN = new ConnectorException.Origin("t", "app", "op");
  MockWebServer server;
  RestClient http;
  RestClient api;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    http = RestClient.open(new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), "usher-test/1", 1024),
        Clock.systemUTC());
    api = http.toBuilder().baseUrl(Mock.base(server) + "/api/").header("X-Api", "1").build();
  }

  @AfterEach
  void stop() {
    http.close();
    server.close();
  }

  @Test
  void speaksHttp11WithTheConfiguredUserAgentAndNoUpgrade() {
    server.enqueue(json(200, "{\"ok\":true}"));

    RestResponse r = api.request("GET", "/ping").send(ORIGIN);

    assertThat(r.body().path("ok").asBoolean()).isTrue();
    RecordedRequest sent = take(server);
    assertThat(sent.getRequestLine()).isEqualTo("GET /api/ping HTTP/1.1");
    assertThat(sent.getHeaders().get("Upgrade")).isNull();
    assertThat(sent.getHeaders().get("User-Agent")).isEqualTo("usher-test/1");
    assertThat(sent.getHeaders().get("X-Api")).isEqualTo("1");
  }

  @Test
  void encodesPathValuesAndQueryParametersAsRfc3986() {
    server.enqueue(json(200, "{}"));

    api.request("GET", "/users/{id}").path("id", "a b/c+d@e").query("q", "x y+z&w=1").query("skip", null)
        .query("$top", 5).send(ORIGIN);

    assertThat(take(server).getTarget()).isEqualTo("/api/users/a%20b%2Fc%2Bd%40e?q=x%20y%2Bz%26w%3D1&$top=5");
  }

  @Test
  void aFailureMapperIsAskedFirst() {
    RestClient strict = api.toBuilder().failures((origin, r) -> r.status() == 422
        ? new AlreadyExistsException(origin, 422, RestFailures.detail(r), "u-1") : null).build();
    server.enqueue(json(422, "{\"message\":\"already there\"}"));
    server.enqueue(json(400, "{\"message\":\"bad\"}"));

    assertThatThrownBy(() -> strict.request("POST", "/users").body(Map.of("a", 1)).send(ORIGIN))
        .isInstanceOfSatisfying(AlreadyExistsException.class, e -> assertThat(e.existingId()).contains("u-1"));
    assertThatThrownBy(() -> strict.request("POST", "/users").body(Map.of("a", 1)).send(ORIGIN))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("400: bad");
  }

  @Test
  void aResponseOverTheSizeLimitIsRefused() {
    server.enqueue(json(200, "{\"x\":\"" + "a".repeat(2000) + "\"}"));

    assertThatThrownBy(() -> api.request("GET", "/big").send(ORIGIN))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("exceeds the limit of 1024 bytes");
  }

  @Test
  void aRefusedConnectionIsTransientAndSaysWhetherTheRequestMayHaveApplied() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    RestClient dead = http.toBuilder().baseUrl("http://127.0.0.1:" + port).build();

    assertThatThrownBy(() -> dead.request("GET", "/users").query("token", "abc").send(ORIGIN))
        .isInstanceOfSatisfying(TransientException.class, e -> {
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.mayHaveApplied()).isFalse();
        })
        .hasMessageContaining("/users?...").hasMessageNotContaining("abc");
    assertThatThrownBy(() -> dead.request("POST", "/users").body(Map.of()).send(ORIGIN))
        .isInstanceOfSatisfying(TransientException.class, e -> assertThat(e.mayHaveApplied()).isTrue());
  }

  @Test
  void sendOrEmptyTurnsOnly404IntoEmpty() {
    server.enqueue(json(404, "{\"message\":\"Not Found\"}"));
    server.enqueue(json(500, "{\"message\":\"boom\"}"));

    assertThat(api.request("GET", "/users/x").sendOrEmpty(ORIGIN)).isEmpty();
    assertThatThrownBy(() -> api.request("GET", "/users/x").sendOrEmpty(ORIGIN)).isInstanceOf(TransientException.class);
  }

  @Test
  void aBearerTokenIsSentAndNeverPrinted() {
    RestClient authed = api.toBuilder().tokens(TokenProvider.of(Secret.of("tok-123"))).build();
    server.enqueue(json(200, "{}"));

    authed.request("GET", "/me").send(ORIGIN);

    assertThat(take(server).getHeaders().get("Authorization")).isEqualTo("Bearer tok-123");
    assertThat(authed.toString()).doesNotContain("tok-123");
  }

  @Test
  void aBaseUrlThatIsNotHttpIsRefusedWithTheValue() {
    assertThatThrownBy(() -> http.toBuilder().baseUrl("ftp://files.example"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ftp://files.example'");
  }
}
