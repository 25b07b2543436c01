package dev.usher.connectors.msgraph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.testkit.http.FakeHttpServer;
import dev.usher.testkit.http.FakeHttpServer.Reply;
import dev.usher.core.model.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful fake of Microsoft Graph v1.0 users, groups, memberships and licenses, plus the
 * Entra ID token endpoint, with Graph's error bodies ({@code {"error": {"code", "message"}}}).
 */
final class FakeGraph implements AutoCloseable {
  static final String TENANT = "contoso.onmicrosoft.com";
  static final String CLIENT_ID = "5f1c0b7e-app";
  static final String CLIENT_SECRET = "graph~secret.value-123";
  static final String ACCESS_TOKEN = "eyJ0eXAi.fake-graph-token";
  static final String E3 = "6fd2c87f-b296-42f0-b197-1e91e994b900";
  static final String EMS = "efccb6f7-5641-4e0e-bd10-b4976e1bf68e";
  private static final Pattern EQ = Pattern.compile("(\\w+) eq '((?:[^']|'')*)'");
  private static final Pattern ANY_SKU = Pattern.compile("assignedLicenses/any\\(x:x/skuId eq ([0-9a-f-]+)\\)");

  private final FakeHttpServer server = new FakeHttpServer();
  private final Map<String, ObjectNode> users = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
  private final Map<String, Set<String>> members = new TreeMap<>();
  private final Map<String, String> skus = new LinkedHashMap<>();
  private int tokensIssued;

  FakeGraph() {
    skus.put(E3, "ENTERPRISEPACK");
    skus.put(EMS, "EMS");
    server.requireAuthorization("/v1.0", "Bearer " + ACCESS_TOKEN);
    server.unauthorizedBody(error("InvalidAuthenticationToken", "Access token is empty."));
    server.on("POST", "/" + TENANT + "/oauth2/v2.0/token", c -> {
      Map<String, String> form = form(c.body());
      if (!"client_credentials".equals(form.get("grant_type"))) {
        return Reply.json(400, Map.of("error", "unsupported_grant_type"));
      }
      if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
        return Reply.json(401, Map.of("error", "invalid_client", "error_description",
            "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the"
                + " client secret value, not the client secret ID.", "error_codes", List.of(7000215)));
      }
      synchronized (this) {
        tokensIssued++;
      }
      return Reply.json(200, Map.of("token_type", "Bearer", "expires_in", 3599, "ext_expires_in", 3599,
          "access_token", ACCESS_TOKEN));
    });
    server.on("GET", "/v1.0/organization", c -> Reply.json(200, Map.of("value", List.of(Map.of("id", "org-1")))));
    server.on("GET", "/v1.0/users", c -> {
      List<Object> list = new ArrayList<>();
      String filter = c.query().get("$filter");
      for (ObjectNode u : users.values()) {
        if (filter == null || matches(u, filter)) {
          list.add(u);
        }
      }
      return server.odataPaged(c, list, 100);
    });
    server.on("POST", "/v1.0/users", c -> {
      JsonNode body = c.json();
      for (String required : List.of("accountEnabled", "displayName", "mailNickname", "userPrincipalName")) {
        if (!body.has(required)) {
          return Reply.json(400, error("Request_BadRequest", "Invalid value specified for property '" + required + "' of resource 'User'."));
        }
      }
      if (body.path("passwordProfile").path("password").asText().length() < 8) {
        return Reply.json(400, error("Request_BadRequest", "The specified password does not comply with password complexity requirements."));
      }
      String upn = body.path("userPrincipalName").asText();
      if (find(upn) != null) {
        return Reply.json(400, error("Request_BadRequest",
            "Another object with the same value for property userPrincipalName already exists."));
      }
      ObjectNode u = ((ObjectNode) body).deepCopy();
      u.remove("passwordProfile");
      u.put("id", UUID.randomUUID().toString());
      u.putArray("assignedLicenses");
      users.put(u.path("id").asText(), u);
      return Reply.json(201, u);
    });
    server.on("GET", "/v1.0/users/([^/]+)", c -> {
      ObjectNode u = find(c.group(1));
      return u == null ? notFound(c.group(1)) : Reply.json(200, u);
    });
    server.on("PATCH", "/v1.0/users/([^/]+)", c -> {
      ObjectNode u = find(c.group(1));
      if (u == null) {
        return notFound(c.group(1));
      }
      c.json().properties().forEach(e -> u.set(e.getKey(), e.getValue()));
      return Reply.empty(204);
    });
    server.on("DELETE", "/v1.0/users/([^/]+)", c -> {
      ObjectNode u = find(c.group(1));
      if (u == null) {
        return notFound(c.group(1));
      }
      users.remove(u.path("id").asText());
      members.values().forEach(m -> m.remove(u.path("id").asText()));
      return Reply.empty(204);
    });
    server.on("POST", "/v1.0/users/([^/]+)/assignLicense", c -> {
      ObjectNode u = find(c.group(1));
      if (u == null) {
        return notFound(c.group(1));
      }
      Set<String> assigned = new TreeSet<>();
      u.path("assignedLicenses").forEach(l -> assigned.add(l.path("skuId").asText()));
      for (JsonNode add : c.json().path("addLicenses")) {
        String sku = add.path("skuId").asText();
        if (!skus.containsKey(sku)) {
          return Reply.json(400, error("Request_BadRequest", "License " + sku + " does not correspond to a valid company License."));
        }
        if (!u.hasNonNull("usageLocation")) {
          return Reply.json(400, error("Request_BadRequest", "License assignment cannot be done for user with invalid usage location."));
        }
        assigned.add(sku);
      }
      for (JsonNode remove : c.json().path("removeLicenses")) {
        if (!assigned.remove(remove.asText())) {
          return Reply.json(400, error("Request_BadRequest", "User does not have a corresponding license."));
        }
      }
      var arr = u.putArray("assignedLicenses");
      assigned.forEach(s -> arr.addObject().put("skuId", s).putArray("disabledPlans"));
      return Reply.json(200, u);
    });
    server.on("GET", "/v1.0/users/([^/]+)/memberOf", c -> {
      ObjectNode u = find(c.group(1));
      if (u == null) {
        return notFound(c.group(1));
      }
      List<Object> list = new ArrayList<>();
      members.forEach((g, m) -> {
        if (m.contains(u.path("id").asText())) {
          list.add(Map.of("@odata.type", "#microsoft.graph.group", "id", g));
        }
      });
      list.add(Map.of("@odata.type", "#microsoft.graph.directoryRole", "id", "role-1"));
      return server.odataPaged(c, list, 100);
    });
    server.on("GET", "/v1.0/groups", c -> server.odataPaged(c, new ArrayList<>(groups.values()), 100));
    server.on("GET", "/v1.0/groups/([^/]+)", c -> groups.containsKey(c.group(1))
        ? Reply.json(200, groups.get(c.group(1))) : notFound(c.group(1)));
    server.on("GET", "/v1.0/groups/([^/]+)/members", c -> {
      if (!groups.containsKey(c.group(1))) {
        return notFound(c.group(1));
      }
      List<Object> list = new ArrayList<>();
      members.get(c.group(1)).forEach(id -> list.add(Map.of("@odata.type", "#microsoft.graph.user", "id", id)));
      return server.odataPaged(c, list, 100);
    });
    server.on("POST", "/v1.0/groups/([^/]+)/members/\\$ref", c -> {
      if (!groups.containsKey(c.group(1))) {
        return notFound(c.group(1));
      }
      String ref = c.json().path("@odata.id").asText();
      String userId = ref.substring(ref.lastIndexOf('/') + 1);
      if (!ref.startsWith(server.url() + "/v1.0/directoryObjects/") || !users.containsKey(userId)) {
        return notFound(userId);
      }
      if (!members.get(c.group(1)).add(userId)) {
        return Reply.json(400, error("Request_BadRequest",
            "One or more added object references already exist for the following modified properties: 'members'."));
      }
      return Reply.empty(204);
    });
    server.on("DELETE", "/v1.0/groups/([^/]+)/members/([^/]+)/\\$ref", c -> {
      Set<String> m = members.get(c.group(1));
      return m == null || !m.remove(c.group(2)) ? notFound(c.group(2)) : Reply.empty(204);
    });
    server.on("GET", "/v1.0/subscribedSkus", c -> {
      List<Object> list = new ArrayList<>();
      skus.forEach((id, part) -> list.add(Map.of("id", "tenant_" + id, "skuId", id, "skuPartNumber", part,
          "consumedUnits", 0, "prepaidUnits", Map.of("enabled", 25, "suspended", 0, "warning", 0))));
      return Reply.json(200, Map.of("value", list));
    });
  }

  MicrosoftGraphConfig config() {
    return MicrosoftGraphConfig.of(TENANT, CLIENT_ID, Secret.of(CLIENT_SECRET))
        .withEndpoints(server.url() + "/v1.0", server.url() + "/" + TENANT + "/oauth2/v2.0/token")
        .withUsageLocation("DE");
  }

  synchronized FakeGraph group(String id, String name) {
    groups.put(id, Map.of("id", id, "displayName", name, "description", name + " team",
        "securityEnabled", true, "mailEnabled", false));
    members.put(id, new TreeSet<>());
    return this;
  }

  synchronized int tokensIssued() {
    return tokensIssued;
  }

  synchronized ObjectNode user(String idOrUpn) {
    return find(idOrUpn);
  }

  List<FakeHttpServer.Call> calls() {
    return server.calls();
  }

  private ObjectNode find(String idOrUpn) {
    ObjectNode byId = users.get(idOrUpn);
    if (byId != null) {
      return byId;
    }
    return users.values().stream().filter(u -> u.path("userPrincipalName").asText().equalsIgnoreCase(idOrUpn))
        .findFirst().orElse(null);
  }

  private static boolean matches(ObjectNode u, String filter) {
    Matcher any = ANY_SKU.matcher(filter);
    if (any.matches()) {
      for (JsonNode l : u.path("assignedLicenses")) {
        if (l.path("skuId").asText().equals(any.group(1))) {
          return true;
        }
      }
      return false;
    }
    Matcher eq = EQ.matcher(filter);
    if (!eq.matches()) {
      throw new IllegalArgumentException("fake Graph cannot evaluate $filter " + filter);
    }
    return u.path(eq.group(1)).asText().equalsIgnoreCase(eq.group(2).replace("''", "'"));
  }

  private static Map<String, Object> error(String code, String message) {
    return Map.of("error", Map.of("code", code, "message", message,
        "innerError", Map.of("date", "2026-12-03T12:00:00", "request-id", "b0c1-fake", "client-request-id", "b0c1-fake")));
  }

  private static Reply notFound(String id) {
    return Reply.json(404, error("Request_ResourceNotFound",
        "Resource '" + id + "' does not exist or one of its queried reference-property objects are not present."));
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
            java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Override
  public void close() {
    server.close();
  }
}
