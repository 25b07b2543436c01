package dev.usher.examples.connector;

import dev.usher.testkit.http.FakeHttpServer;
import dev.usher.testkit.http.FakeHttpServer.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A stateful fake of "Acme Notes", a made-up application with a small REST API, so that the
 * connector example has something to talk to. Users and groups live in maps.
 *
 * <pre>
 * GET    /api/users?offset=0&amp;limit=50        {"users": [...], "nextOffset": 50}   (also ?userName= ?externalId= ?email=)
 * POST   /api/users                          201 user; 409 when the userName is taken
 * GET    /api/users/{id}                     200 user; 404
 * PATCH  /api/users/{id}                     fields to set, null removes; 200 user
 * DELETE /api/users/{id}                     204
 * GET    /api/users/{id}/groups              ["g1", ...]
 * GET    /api/groups, /api/groups/{id}       {"groups": [{"id", "name"}]}, one group
 * GET    /api/groups/{id}/members            ["u1", ...]
 * PUT    /api/groups/{id}/members/{userId}   204; DELETE the same: 204
 * </pre>
 *
 * Every request needs {@code Authorization: Bearer <api key>}.
 */
public final class FakeNotesApi implements AutoCloseable {
  /** The API key the fake accepts. */
  public static final String API_KEY = "notes-api-key-42";
  private static final List<String> FIELDS = List.of("userName", "externalId", "email", "title", "displayName", "active");

  private final FakeHttpServer server = new FakeHttpServer();
  private final Map<String, Map<String, Object>> users = new LinkedHashMap<>();
  private final Map<String, String> groups = new LinkedHashMap<>();
  private final Map<String, Set<String>> members = new LinkedHashMap<>();
  private int nextId = 1;

  private FakeNotesApi() {
    server.requireAuthorization("Bearer " + API_KEY);
    server.unauthorizedBody(Map.of("error", "invalid api key"));
    on("GET", "/api/users", c -> {
      List<Object> found = new ArrayList<>();
      for (Map<String, Object> u : users.values()) {
        if (matches(u, c.query())) {
          found.add(u);
        }
      }
      int offset = Integer.parseInt(c.query().getOrDefault("offset", "0"));
      int limit = Math.min(100, Integer.parseInt(c.query().getOrDefault("limit", "50")));
      int to = Math.min(found.size(), offset + limit);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("users", found.subList(Math.min(offset, to), to));
      if (to < found.size()) {
        body.put("nextOffset", to);
      }
      return Reply.json(200, body);
    });
    on("POST", "/api/users", c -> {
      Map<String, Object> user = new LinkedHashMap<>();
      String userName = c.json().path("userName").asText("");
      if (userName.isBlank()) {
        return Reply.json(400, Map.of("error", "userName is required"));
      }
      if (users.values().stream().anyMatch(u -> userName.equalsIgnoreCase(String.valueOf(u.get("userName"))))) {
        return Reply.json(409, Map.of("error", "userName " + userName + " is taken"));
      }
      user.put("id", "u" + nextId++);
      user.put("active", true);
      Reply bad = patch(user, c);
      if (bad != null) {
        return bad;
      }
      users.put((String) user.get("id"), user);
      return Reply.json(201, user);
    });
    on("GET", "/api/users/([^/]+)", c -> users.containsKey(c.group(1)) ? Reply.json(200, users.get(c.group(1))) : notFound());
    on("PATCH", "/api/users/([^/]+)", c -> {
      Map<String, Object> user = users.get(c.group(1));
      if (user == null) {
        return notFound();
      }
      Reply bad = patch(user, c);
      return bad != null ? bad : Reply.json(200, user);
    });
    on("DELETE", "/api/users/([^/]+)", c -> {
      if (users.remove(c.group(1)) == null) {
        return notFound();
      }
      members.values().forEach(m -> m.remove(c.group(1)));
      return Reply.empty(204);
    });
    on("GET", "/api/users/([^/]+)/groups", c -> {
      if (!users.containsKey(c.group(1))) {
        return notFound();
      }
      return Reply.json(200, members.entrySet().stream().filter(e -> e.getValue().contains(c.group(1)))
          .map(Map.Entry::getKey).toList());
    });
    on("GET", "/api/groups", c -> {
      List<Object> list = new ArrayList<>();
      groups.forEach((id, name) -> list.add(Map.of("id", id, "name", name)));
      return Reply.json(200, Map.of("groups", list));
    });
    on("GET", "/api/groups/([^/]+)", c -> groups.containsKey(c.group(1))
        ? Reply.json(200, Map.of("id", c.group(1), "name", groups.get(c.group(1)))) : notFound());
    on("GET", "/api/groups/([^/]+)/members", c -> groups.containsKey(c.group(1))
        ? Reply.json(200, List.copyOf(members.get(c.group(1)))) : notFound());
    on("PUT", "/api/groups/([^/]+)/members/([^/]+)", c -> {
      if (!groups.containsKey(c.group(1)) || !users.containsKey(c.group(2))) {
        return notFound();
      }
      members.get(c.group(1)).add(c.group(2));
      return Reply.empty(204);
    });
    on("DELETE", "/api/groups/([^/]+)/members/([^/]+)", c -> {
      if (!groups.containsKey(c.group(1)) || !users.containsKey(c.group(2))) {
        return notFound();
      }
      members.get(c.group(1)).remove(c.group(2));
      return Reply.empty(204);
    });
  }

  /** Starts the fake on a free loopback port. */
  public static FakeNotesApi start() {
    return new FakeNotesApi();
  }

  /** The API root, e.g. {@code http://127.0.0.1:40123}. */
  public String baseUrl() {
    return server.url();
  }

  /** Adds a group; returns its id. */
  public synchronized String group(String name) {
    String id = "g" + (groups.size() + 1);
    groups.put(id, name);
    members.put(id, new LinkedHashSet<>());
    return id;
  }

  /** Copies of the users now held. */
  public synchronized List<Map<String, Object>> users() {
    return users.values().stream().map(u -> (Map<String, Object>) new LinkedHashMap<>(u)).toList();
  }

  /** The user ids in a group now. */
  public synchronized Set<String> members(String groupId) {
    return Set.copyOf(members.getOrDefault(groupId, Set.of()));
  }

  @Override
  public void close() {
    server.close();
  }

  private void on(String method, String path, FakeHttpServer.Handler handler) {
    server.on(method, path, call -> {
      synchronized (this) {
        return handler.handle(call);
      }
    });
  }

  private static boolean matches(Map<String, Object> user, Map<String, String> query) {
    for (String field : List.of("userName", "externalId", "email")) {
      String wanted = query.get(field);
      if (wanted != null && !wanted.equalsIgnoreCase(String.valueOf(user.get(field)))) {
        return false;
      }
    }
    return true;
  }

  private static @Nullable Reply patch(Map<String, Object> user, FakeHttpServer.Call c) {
    var fields = c.json().fields();
    while (fields.hasNext()) {
      var f = fields.next();
      if (!FIELDS.contains(f.getKey())) {
        return Reply.json(400, Map.of("error", "unknown field " + f.getKey()));
      }
      if (f.getValue().isNull()) {
        user.remove(f.getKey());
      } else if (f.getKey().equals("active")) {
        if (!f.getValue().isBoolean()) {
          return Reply.json(400, Map.of("error", "active must be true or false"));
        }
        user.put("active", f.getValue().asBoolean());
      } else {
        user.put(f.getKey(), f.getValue().asText());
      }
    }
    return null;
  }

  private static Reply notFound() {
    return Reply.json(404, Map.of("error", "not found"));
  }
}
