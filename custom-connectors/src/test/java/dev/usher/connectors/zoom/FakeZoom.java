package dev.usher.connectors.zoom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.testkit.http.FakeHttpServer;
import dev.usher.testkit.http.FakeHttpServer.Reply;
import dev.usher.core.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A stateful fake of the Zoom API v2 users and groups and of Zoom's account-credentials token
 * endpoint, with Zoom's error bodies ({@code {"code": 1001, "message": ...}}). Users created
 * with {@code action=create} are pending, as in Zoom until the invitee accepts.
 */
final class FakeZoom implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String ACCOUNT_ID = "AbCdEf123";
  static final String CLIENT_ID = "zoom-client";
  static final String CLIENT_SECRET = "zoom-secret-value";
  static final String ACCESS_TOKEN = "eyJzb29t.fake-zoom-token";

  private final FakeHttpServer server = new FakeHttpServer();
  private final Map<String, ObjectNode> users = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
  private final Map<String, Set<String>> members = new TreeMap<>();
  private int nextId = 1;

  FakeZoom() {
    server.requireAuthorization("/v2", "Bearer " + ACCESS_TOKEN);
    server.unauthorizedBody(Map.of("code", 124, "message", "Invalid access token."));
    server.on("POST", "/oauth/token", c -> {
      String basic = "Basic " + Base64.getEncoder().encodeToString(
          (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
      if (!basic.equals(c.header("authorization"))) {
        return Reply.json(401, Map.of("reason", "Invalid client_id or client_secret", "error", "invalid_client"));
      }
      if (!"account_credentials".equals(c.query().get("grant_type")) || !ACCOUNT_ID.equals(c.query().get("account_id"))) {
        return Reply.json(400, Map.of("reason", "Invalid request : Unsupported grant type", "error", "invalid_request"));
      }
      return Reply.json(200, Map.of("access_token", ACCESS_TOKEN, "token_type", "bearer", "expires_in", 3599,
          "scope", "user:read:admin user:write:admin group:read:admin group:write:admin", "api_url", server.url()));
    });
    server.on("GET", "/v2/users", c -> {
      String status = c.query().getOrDefault("status", "active");
      List<Object> list = new ArrayList<>();
      users.values().stream().filter(u -> u.path("status").asText().equals(status)).forEach(list::add);
      return paged(c, "users", list, 30);
    });
    server.on("POST", "/v2/users", c -> {
      JsonNode info = c.json().path("user_info");
      String email = info.path("email").asText();
      if (!List.of("create", "autoCreate", "custCreate", "ssoCreate").contains(c.json().path("action").asText())) {
        return Reply.json(400, Map.of("code", 300, "message", "Invalid action"));
      }
      if (find(email) != null) {
        return Reply.json(409, Map.of("code", 1005, "message", "User already in the account: " + email));
      }
      ObjectNode u = JSON.createObjectNode();
      u.put("id", "z" + (nextId++) + "AbC");
      u.put("email", email);
      u.put("first_name", info.path("first_name").asText(""));
      u.put("last_name", info.path("last_name").asText(""));
      u.put("type", info.path("type").asInt(1));
      u.put("status", c.json().path("action").asText().equals("create") ? "pending" : "active");
      u.putArray("group_ids");
      users.put(u.path("id").asText(), u);
      return Reply.json(201, Map.of("id", u.path("id").asText(), "email", email, "first_name", u.path("first_name").asText(),
          "last_name", u.path("last_name").asText(), "type", u.path("type").asInt()));
    });
    server.on("GET", "/v2/users/([^/]+)", c -> {
      ObjectNode u = find(c.group(1));
      return u == null ? notFound(c.group(1)) : Reply.json(200, u);
    });
    server.on("PATCH", "/v2/users/([^/]+)", c -> {
      ObjectNode u = find(c.group(1));
      if (u == null) {
        return notFound(c.group(1));
      }
      c.json().properties().forEach(e -> u.set(e.getKey(), e.getValue()));
      return Reply.empty(204);
    });
    server.on("PUT", "/v2/users/([^/]+)/status", c -> {
      ObjectNode u = find(c.group(1));
      if (u == null) {
        return notFound(c.group(1));
      }
      String action = c.json().path("action").asText();
      if (action.equals("deactivate") && u.path("status").asText().equals("inactive")) {
        return Reply.json(400, Map.of("code", 3412, "message", "User is already deactivated."));
      }
      u.put("status", action.equals("activate") ? "active" : "inactive");
      return Reply.empty(204);
    });
    server.on("DELETE", "/v2/users/([^/]+)", c -> {
      ObjectNode u = find(c.group(1));
      if (u == null) {
        return notFound(c.group(1));
      }
      users.remove(u.path("id").asText());
      members.values().forEach(m -> m.remove(u.path("id").asText()));
      return Reply.empty(204);
    });
    server.on("GET", "/v2/groups", c -> paged(c, "groups", new ArrayList<>(groups.values()), 30));
    server.on("GET", "/v2/groups/([^/]+)", c -> groups.containsKey(c.group(1))
        ? Reply.json(200, groups.get(c.group(1))) : Reply.json(404, Map.of("code", 4130, "message", "Group does not exist: " + c.group(1))));
    server.on("GET", "/v2/groups/([^/]+)/members", c -> {
      if (!groups.containsKey(c.group(1))) {
        return Reply.json(404, Map.of("code", 4130, "message", "Group does not exist: " + c.group(1)));
      }
      List<Object> list = new ArrayList<>();
      members.get(c.group(1)).forEach(id -> list.add(Map.of("id", id, "email", users.get(id).path("email").asText(),
          "type", users.get(id).path("type").asInt())));
      return paged(c, "members", list, 30);
    });
    server.on("POST", "/v2/groups/([^/]+)/members", c -> {
      if (!groups.containsKey(c.group(1))) {
        return Reply.json(404, Map.of("code", 4130, "message", "Group does not exist: " + c.group(1)));
      }
      List<String> ids = new ArrayList<>();
      for (JsonNode m : c.json().path("members")) {
        ObjectNode u = find(m.has("id") ? m.path("id").asText() : m.path("email").asText());
        if (u == null) {
          return notFound(m.toString());
        }
        if (members.get(c.group(1)).add(u.path("id").asText())) {
          ((com.fasterxml.jackson.databind.node.ArrayNode) u.path("group_ids")).add(c.group(1));
        }
        ids.add(u.path("id").asText());
      }
      return Reply.json(201, Map.of("ids", String.join(",", ids), "added_at", "2026-12-03T12:00:00Z"));
    });
    server.on("DELETE", "/v2/groups/([^/]+)/members/([^/]+)", c -> {
      Set<String> m = members.get(c.group(1));
      if (m == null || !m.remove(c.group(2))) {
        return Reply.json(404, Map.of("code", 4131, "message", "Group member does not exist: " + c.group(2)));
      }
      ObjectNode u = users.get(c.group(2));
      var ids = (com.fasterxml.jackson.databind.node.ArrayNode) u.path("group_ids");
      for (int i = ids.size() - 1; i >= 0; i--) {
        if (ids.get(i).asText().equals(c.group(1))) {
          ids.remove(i);
        }
      }
      return Reply.empty(204);
    });
  }

  ZoomConfig config() {
    return ZoomConfig.of(ACCOUNT_ID, CLIENT_ID, Secret.of(CLIENT_SECRET)).withEndpoints(server.url() + "/v2",
        server.url() + "/oauth/token");
  }

  synchronized FakeZoom group(String id, String name) {
    groups.put(id, new LinkedHashMap<>(Map.of("id", id, "name", name, "total_members", 0)));
    members.put(id, new TreeSet<>());
    return this;
  }

  /** The invitee accepts: a pending user becomes active. */
  synchronized void accept(String id) {
    users.get(id).put("status", "active");
  }

  synchronized ObjectNode user(String id) {
    return users.get(id);
  }

  List<FakeHttpServer.Call> calls() {
    return server.calls();
  }

  private ObjectNode find(String key) {
    ObjectNode u = users.get(key);
    return u != null ? u : users.values().stream().filter(x -> x.path("email").asText().equalsIgnoreCase(key))
        .findFirst().orElse(null);
  }

  private static Reply notFound(String key) {
    return Reply.json(404, Map.of("code", 1001, "message", "User does not exist: " + key + "."));
  }

  private static Reply paged(FakeHttpServer.Call c, String field, List<Object> all, int defaultSize) {
    int size = Integer.parseInt(c.query().getOrDefault("page_size", String.valueOf(defaultSize)));
    String token = c.query().get("next_page_token");
    int from = token == null || token.isEmpty() ? 0 : Integer.parseInt(token.substring(3));
    int to = Math.min(all.size(), from + size);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("page_count", Math.max(1, (all.size() + size - 1) / size));
    body.put("page_size", size);
    body.put("total_records", all.size());
    body.put("next_page_token", to < all.size() ? "tok" + to : "");
    body.put(field, all.subList(Math.min(from, all.size()), to));
    return Reply.json(200, body);
  }

  @Override
  public void close() {
    server.close();
  }
}
