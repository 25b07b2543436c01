package dev.usher.connectors.bamboohr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stateful in-process BambooHR: employees, a change log, the custom report, the changed
 * employees API and single-employee reads, with Basic auth and injectable failures.
 */
final class FakeBambooHr implements AutoCloseable {
  record Request(String method, String path, String query, String body, String authorization) {}

  private record Change(String id, String action, Instant at) {}

  private final ObjectMapper json = new ObjectMapper();
  private final String domain;
  private final String apiKey;
  private final Clock clock;
  private final HttpServer server;
  private final Map<String, ObjectNode> employees = new LinkedHashMap<>();
  private final List<Change> changes = new ArrayList<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();
  private int failStatus;
  private int failTimes;
  private String failRetryAfter;

  FakeBambooHr(String domain, String apiKey, Clock clock) throws IOException {
    this.domain = domain;
    this.apiKey = apiKey;
    this.clock = clock;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/gateway.php/", this::handle);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  synchronized void put(String id, Map<String, String> fields) {
    boolean existed = employees.containsKey(id);
    ObjectNode e = json.createObjectNode().put("id", id);
    fields.forEach(e::put);
    employees.put(id, e);
    changes.add(new Change(id, existed ? "Updated" : "Inserted", clock.instant()));
  }

  synchronized void delete(String id) {
    employees.remove(id);
    changes.add(new Change(id, "Deleted", clock.instant()));
  }

  synchronized void failNext(int status, int times, String retryAfter) {
    failStatus = status;
    failTimes = times;
    failRetryAfter = retryAfter;
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      URI uri = x.getRequestURI();
      String auth = x.getRequestHeaders().getFirst("Authorization");
      requests.add(new Request(x.getRequestMethod(), uri.getPath(), uri.getRawQuery(), body, auth));
      synchronized (this) {
        if (failTimes > 0) {
          failTimes--;
          if (failRetryAfter != null) {
            x.getResponseHeaders().add("Retry-After", failRetryAfter);
          }
          send(x, failStatus, null, "injected failure");
          return;
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString((apiKey + ":x").getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(auth)) {
          send(x, 401, null, "Invalid API key");
          return;
        }
        String prefix = "/api/gateway.php/" + domain + "/v1";
        if (!uri.getPath().startsWith(prefix)) {
          send(x, 404, null, "unknown company");
          return;
        }
        String path = uri.getPath().substring(prefix.length());
        Map<String, String> query = query(uri.getRawQuery());
        if (x.getRequestMethod().equals("POST") && path.equals("/reports/custom")) {
          report(x, body, "true".equals(query.get("onlyCurrent")));
        } else if (x.getRequestMethod().equals("GET") && path.equals("/employees/changed")) {
          changed(x, Instant.parse(query.get("since")));
        } else if (x.getRequestMethod().equals("GET") && path.startsWith("/employees/")) {
          ObjectNode e = employees.get(path.substring("/employees/".length()));
          if (e == null) {
            send(x, 404, null, "no such employee");
          } else {
            send(x, 200, project(e, List.of(query.getOrDefault("fields", "").split(","))), null);
          }
        } else {
          send(x, 404, null, "no such endpoint");
        }
      }
    }
  }

  private void report(HttpExchange x, String body, boolean onlyCurrent) throws IOException {
    List<String> fields = new ArrayList<>();
    json.readTree(body).path("fields").forEach(f -> fields.add(f.asText()));
    ObjectNode out = json.createObjectNode().put("title", "Report");
    ArrayNode fs = out.putArray("fields");
    fields.forEach(f -> fs.addObject().put("id", f).put("type", "text").put("name", f));
    ArrayNode list = out.putArray("employees");
    for (ObjectNode e : employees.values()) {
      if (!onlyCurrent || "Active".equals(e.path("status").asText())) {
        list.add(project(e, fields));
      }
    }
    send(x, 200, out, null);
  }

  private void changed(HttpExchange x, Instant since) throws IOException {
    ObjectNode out = json.createObjectNode().put("latest", clock.instant().toString());
    ObjectNode map = out.putObject("employees");
    for (Change c : changes) {
      if (c.at().isAfter(since)) {
        map.putObject(c.id()).put("id", c.id()).put("action", c.action()).put("lastChanged", c.at().toString());
      }
    }
    send(x, 200, out, null);
  }

  private ObjectNode project(ObjectNode e, List<String> fields) {
    ObjectNode out = json.createObjectNode().put("id", e.path("id").asText());
    for (String f : fields) {
      if (!f.isEmpty() && !f.equals("id")) {
        JsonNode v = e.get(f);
        if (v == null) {
          out.putNull(f);
        } else {
          out.set(f, v);
        }
      }
    }
    return out;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private void send(HttpExchange x, int status, JsonNode body, String error) throws IOException {
    if (error != null) {
      x.getResponseHeaders().add("X-BambooHR-Error-Message", error);
    }
    byte[] bytes = body == null ? new byte[0] : json.writeValueAsBytes(body);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = x.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
