package dev.usher.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeHttpServerTest {
  final FakeHttpServer server = new FakeHttpServer();
  final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    server.close();
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void routesByMethodAndPathPatternAndHandsOverGroupsAndQuery() throws Exception {
    server.on("GET", "/users/([^/]+)", c -> FakeHttpServer.Reply.json(200,
        Map.of("login", c.group(1), "page", c.query().getOrDefault("page", "?"))));

    HttpResponse<String> r = get("/users/ada%20l?page=2");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"login\":\"ada l\"").contains("\"page\":\"2\"");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(server.calls()).extracting(FakeHttpServer.Call::path).containsExactly("/users/ada l");
  }

  @Test
  void unknownRouteIs404AndAFailingHandlerIs500() throws Exception {
    server.on("GET", "/boom", c -> {
      throw new IllegalStateException("boom");
    });

    assertThat(get("/nothing").statusCode()).isEqualTo(404);
    assertThat(get("/boom").statusCode()).isEqualTo(500);
  }

  @Test
  void requiredAuthorizationAnswers401WithoutTheExactHeader() throws Exception {
    server.on("GET", "/x", c -> FakeHttpServer.Reply.empty(204));
    server.requireAuthorization("Bearer t");

    assertThat(get("/x").statusCode()).isEqualTo(401);
    assertThat(get("/x", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
    assertThat(get("/x", "Authorization", "Bearer t").statusCode()).isEqualTo(204);
  }

  @Test
  void linkPagedAnswersOnePageWithNextAndLastLinks() throws Exception {
    server.on("GET", "/items", c -> server.linkPaged(c, List.of(1, 2, 3, 4, 5)));

    HttpResponse<String> first = get("/items?per_page=2");
    HttpResponse<String> last = get("/items?per_page=2&page=3");

    assertThat(first.body()).isEqualTo("[1,2]");
    assertThat(first.headers().firstValue("Link")).hasValue("<" + server.url() + "/items?per_page=2&page=2>; rel=\"next\", <"
        + server.url() + "/items?per_page=2&page=3>; rel=\"last\"");
    assertThat(last.body()).isEqualTo("[5]");
    assertThat(last.headers().firstValue("Link")).isEmpty();
  }

  @Test
  void setsTcpNoDelaySoSmallRequestsAreNotDelayed() {
    assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
  }
}
