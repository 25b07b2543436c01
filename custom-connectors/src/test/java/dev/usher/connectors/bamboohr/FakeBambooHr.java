package dev.usher.connectors.bamboohr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.testkit.http.FakeHttpServer;
import dev.usher.testkit.http.FakeHttpServer.Call;
import dev.usher.testkit.http.FakeHttpServer.Reply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stateful in-process BambooHR: employees, a change log, the custom report, the changed
 * employees API and single-employee reads, with Basic auth and injectable failures.
 */
final class FakeBambooHr implements AutoCloseable {
  private record Change(String id, String action, Instant at) {}

  private final ObjectMapper json = new ObjectMapper();
  private final String domain;
  private final String apiKey;
  private final Clock clock;
  private final FakeHttpServer server = new FakeHttpServer();
  private final Map<String, ObjectNode> employees = new LinkedHashMap<>();
  private final List<Change> changes = new ArrayList<>();
  private int failStatus;
  private int failTimes;
  private String failRetryAfter;

  FakeBambooHr(String domain, String apiKey, Clock clock) {
    this.domain = domain;
    this.apiKey = apiKey;
    this.clock = clock;
    server.on("GET", "/api/gateway\\.php/.*", this::handle);
    server.on("POST", "/api/gateway\\.php/.*", this::handle);
  }

  URI baseUrl() {
    return URI.create(server.url());
  }

  /** The requests received so far, oldest first. */
  List<Call> requests() {
    return server.calls();
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

  private synchronized Reply handle(Call call) throws Exception {
    if (failTimes > 0) {
      failTimes--;
      Reply failure = error(failStatus, "injected failure");
      return failRetryAfter == null ? failure : failure.withHeader("Retry-After", failRetryAfter);
    }
    String expected = "Basic " + Base64.getEncoder().encodeToString((apiKey + ":x").getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(call.header("Authorization"))) {
      return error(401, "Invalid API key");
    }
    String prefix = "/api/gateway.php/" + domain + "/v1";
    if (!call.path().startsWith(prefix)) {
      return error(404, "unknown company");
    }
    String path = call.path().substring(prefix.length());
    Map<String, String> query = call.query();
    if (call.method().equals("POST") && path.equals("/reports/custom")) {
      return report(call.body(), "true".equals(query.get("onlyCurrent")));
    } else if (call.method().equals("GET") && path.equals("/employees/changed")) {
      return changed(Instant.parse(query.get("since")));
    } else if (call.method().equals("GET") && path.startsWith("/employees/")) {
      ObjectNode e = employees.get(path.substring("/employees/".length()));
      return e == null ? error(404, "no such employee")
          : Reply.json(200, project(e, List.of(query.getOrDefault("fields", "").split(","))));
    }
    return error(404, "no such endpoint");
  }

  private Reply report(String body, boolean onlyCurrent) throws Exception {
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
    return Reply.json(200, out);
  }

  private Reply changed(Instant since) {
    ObjectNode out = json.createObjectNode().put("latest", clock.instant().toString());
    ObjectNode map = out.putObject("employees");
    for (Change c : changes) {
      if (c.at().isAfter(since)) {
        map.putObject(c.id()).put("id", c.id()).put("action", c.action()).put("lastChanged", c.at().toString());
      }
    }
    return Reply.json(200, out);
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

  /** BambooHR explains a failure in a header, with an empty body. */
  private static Reply error(int status, String message) {
    return Reply.empty(status).withHeader("X-BambooHR-Error-Message", message);
  }

  @Override
  public void close() {
    server.close();
  }
}
