package dev.usher.connectors.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.testkit.http.FakeHttpServer;
import dev.usher.testkit.http.FakeHttpServer.Reply;
import dev.usher.core.model.Secret;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful fake of the Admin SDK Directory API (users, groups, members) and Google's token
 * endpoint, which verifies the RS256 assertion against the service account's public key.
 */
final class FakeGoogle implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String SERVICE_ACCOUNT = "usher@acme-idm.iam.gserviceaccount.com";
  static final String ADMIN = "admin@acme.example";
  static final String ACCESS_TOKEN = "ya29.fake-google-token";
  private static final Pattern QUERY = Pattern.compile("(\\w+):'((?:[^'\\\\]|\\\\.)*)'");

  private final FakeHttpServer server = new FakeHttpServer();
  private final KeyPair keys;
  private final Map<String, ObjectNode> users = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
  private final Map<String, Set<String>> members = new TreeMap<>();
  private long nextId = 100_000_000_000L;

  FakeGoogle() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      keys = g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    server.requireAuthorization("/admin", "Bearer " + ACCESS_TOKEN);
    server.unauthorizedBody(error(401, "Request had invalid authentication credentials.", "authError"));
    server.on("POST", "/token", c -> token(c.body()));
    String users = "/admin/directory/v1/users";
    String groups = "/admin/directory/v1/groups";
    server.on("GET", users, c -> {
      List<Object> list = new ArrayList<>();
      String query = c.query().get("query");
      this.users.values().stream()
          .sorted((a, b) -> a.path("primaryEmail").asText().compareTo(b.path("primaryEmail").asText()))
          .filter(u -> query == null || matches(u, query)).forEach(list::add);
      return paged(c, "users", "admin#directory#users", list, 100, 500);
    });
    server.on("POST", users, c -> {
      JsonNode b = c.json();
      if (!b.path("name").has("givenName") || !b.path("name").has("familyName") || !b.has("password")) {
        return Reply.json(400, error(400, "Invalid Given/Family Name: FamilyName", "invalid"));
      }
      if (find(b.path("primaryEmail").asText()) != null) {
        return Reply.json(409, error(409, "Entity already exists.", "duplicate"));
      }
      ObjectNode u = ((ObjectNode) b).deepCopy();
      u.remove("password");
      u.put("kind", "admin#directory#user");
      u.put("id", String.valueOf(nextId++));
      u.put("isAdmin", false);
      u.put("customerId", "C03az79cb");
      if (!u.has("orgUnitPath")) {
        u.put("orgUnitPath", "/");
      }
      if (!u.has("suspended")) {
        u.put("suspended", false);
      }
      this.users.put(u.path("id").asText(), u);
      return Reply.json(200, u);
    });
    server.on("GET", users + "/([^/]+)", c -> {
      ObjectNode u = find(c.group(1));
      return u == null ? notFound("userKey") : Reply.json(200, u);
    });
    server.on("PATCH", users + "/([^/]+)", c -> {
      ObjectNode u = find(c.group(1));
      if (u == null) {
        return notFound("userKey");
      }
      c.json().properties().forEach(e -> {
        if (e.getKey().equals("name")) {
          ((ObjectNode) u.path("name")).setAll((ObjectNode) e.getValue());
        } else {
          u.set(e.getKey(), e.getValue());
        }
      });
      return Reply.json(200, u);
    });
    server.on("DELETE", users + "/([^/]+)", c -> {
      ObjectNode u = find(c.group(1));
      if (u == null) {
        return notFound("userKey");
      }
      this.users.remove(u.path("id").asText());
      members.values().forEach(m -> m.remove(u.path("id").asText()));
      return Reply.empty(204);
    });
    server.on("GET", groups, c -> {
      String userKey = c.query().get("userKey");
      List<Object> list = new ArrayList<>();
      if (userKey != null) {
        ObjectNode u = find(userKey);
        if (u == null) {
          return notFound("userKey");
        }
        this.groups.forEach((id, g) -> {
          if (members.get(id).contains(u.path("id").asText())) {
            list.add(g);
          }
        });
      } else {
        list.addAll(this.groups.values());
      }
      return paged(c, "groups", "admin#directory#groups", list, 200, 200);
    });
    server.on("GET", groups + "/([^/]+)", c -> this.groups.containsKey(c.group(1))
        ? Reply.json(200, this.groups.get(c.group(1))) : notFound("groupKey"));
    server.on("GET", groups + "/([^/]+)/members", c -> {
      if (!this.groups.containsKey(c.group(1))) {
        return notFound("groupKey");
      }
      List<Object> list = new ArrayList<>();
      members.get(c.group(1)).forEach(id -> list.add(Map.of("kind", "admin#directory#member", "id", id,
          "email", this.users.get(id).path("primaryEmail").asText(), "role", "MEMBER", "type", "USER", "status", "ACTIVE")));
      return paged(c, "members", "admin#directory#members", list, 200, 200);
    });
    server.on("POST", groups + "/([^/]+)/members", c -> {
      if (!this.groups.containsKey(c.group(1))) {
        return notFound("groupKey");
      }
      ObjectNode u = find(c.json().path("email").asText());
      if (u == null) {
        return notFound("memberKey");
      }
      if (!members.get(c.group(1)).add(u.path("id").asText())) {
        return Reply.json(409, error(409, "Member already exists.", "duplicate"));
      }
      return Reply.json(200, Map.of("kind", "admin#directory#member", "id", u.path("id").asText(),
          "email", u.path("primaryEmail").asText(), "role", "MEMBER", "type", "USER"));
    });
    server.on("DELETE", groups + "/([^/]+)/members/([^/]+)", c -> {
      Set<String> m = members.get(c.group(1));
      ObjectNode u = find(c.group(2));
      return m == null || u == null || !m.remove(u.path("id").asText()) ? notFound("memberKey") : Reply.empty(204);
    });
  }

  GoogleWorkspaceConfig config() {
    return GoogleWorkspaceConfig.of(SERVICE_ACCOUNT, Secret.of(pem()), ADMIN)
        .withEndpoints(server.url(), server.url() + "/token");
  }

  String pem() {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  synchronized FakeGoogle group(String id, String email, String name) {
    groups.put(id, Map.of("kind", "admin#directory#group", "id", id, "email", email, "name", name,
        "description", "", "directMembersCount", "0", "adminCreated", true));
    members.put(id, new TreeSet<>());
    return this;
  }

  List<FakeHttpServer.Call> calls() {
    return server.calls();
  }

  private Reply token(String form) throws Exception {
    Map<String, String> f = new LinkedHashMap<>();
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      f.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    String[] jwt = f.getOrDefault("assertion", "").split("\\.");
    Signature verify = Signature.getInstance("SHA256withRSA");
    verify.initVerify(keys.getPublic());
    verify.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    if (jwt.length != 3 || !verify.verify(Base64.getUrlDecoder().decode(jwt[2]))) {
      return Reply.json(400, Map.of("error", "invalid_grant", "error_description", "Invalid JWT Signature."));
    }
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
    if (!SERVICE_ACCOUNT.equals(claims.path("iss").asText()) || !ADMIN.equals(claims.path("sub").asText())
        || !claims.path("scope").asText().contains("admin.directory.user")
        || !claims.path("aud").asText().equals(server.url() + "/token")) {
      return Reply.json(401, Map.of("error", "unauthorized_client",
          "error_description", "Client is unauthorized to retrieve access tokens using this method."));
    }
    return Reply.json(200, Map.of("access_token", ACCESS_TOKEN, "expires_in", 3599, "token_type", "Bearer"));
  }

  private Reply paged(FakeHttpServer.Call c, String field, String kind, List<Object> all, int defaultMax, int max) {
    int size = Math.min(max, Integer.parseInt(c.query().getOrDefault("maxResults", String.valueOf(defaultMax))));
    String token = c.query().get("pageToken");
    int from = token == null ? 0 : Integer.parseInt(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
    int to = Math.min(all.size(), from + size);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", kind);
    body.put("etag", "\"fake\"");
    body.put(field, all.subList(Math.min(from, all.size()), to));
    if (to < all.size()) {
      body.put("nextPageToken", Base64.getEncoder().encodeToString(String.valueOf(to).getBytes(StandardCharsets.UTF_8)));
    }
    return Reply.json(200, body);
  }

  private ObjectNode find(String key) {
    ObjectNode u = users.get(key);
    return u != null ? u : users.values().stream()
        .filter(x -> x.path("primaryEmail").asText().equalsIgnoreCase(key)).findFirst().orElse(null);
  }

  private static boolean matches(ObjectNode u, String query) {
    Matcher m = QUERY.matcher(query);
    if (!m.matches()) {
      throw new IllegalArgumentException("fake Google cannot evaluate query " + query);
    }
    String value = m.group(2).replace("\\'", "'").replace("\\\\", "\\");
    return switch (m.group(1)) {
      case "email" -> u.path("primaryEmail").asText().equalsIgnoreCase(value);
      case "externalId" -> {
        for (JsonNode e : u.path("externalIds")) {
          if (e.path("value").asText().equals(value)) {
            yield true;
          }
        }
        yield false;
      }
      case "givenName", "familyName" -> u.path("name").path(m.group(1)).asText().equalsIgnoreCase(value);
      case "orgUnitPath" -> u.path("orgUnitPath").asText().equals(value);
      default -> throw new IllegalArgumentException("fake Google cannot search " + m.group(1));
    };
  }

  private static Map<String, Object> error(int code, String message, String reason) {
    return Map.of("error", Map.of("code", code, "message", message,
        "errors", List.of(Map.of("message", message, "domain", "global", "reason", reason))));
  }

  private static Reply notFound(String what) {
    return Reply.json(404, error(404, "Resource Not Found: " + what, "notFound"));
  }

  @Override
  public void close() {
    server.close();
  }
}
