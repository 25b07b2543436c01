package dev.usher.testkit.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The SCIM protocol over an in-memory store. One lock guards the store: a fake serves tests,
 * so simple and correct beats concurrent. Transport concerns (faults, latency, auth, rate
 * limits, required headers) live in {@link FakeScimServer}.
 */
final class ScimService {
  private static final String CURSOR_PREFIX = "usher-fake-cursor:";
  private static final Pattern BULK_PATH = Pattern.compile("/(Users|Groups)(/[^/]+)?");

  private final Settings settings;
  private final Clock clock;
  private final ObjectMapper json;
  private final String baseUrl;
  private final Discovery discovery;
  private final Map<ResourceKind, LinkedHashMap<String, ObjectNode>> resources =
      new EnumMap<>(ResourceKind.class);
  private final Map<String, String> userNames = new HashMap<>();
  private final Map<ResourceKind, Map<String, String>> externalIds = new EnumMap<>(ResourceKind.class);
  private long versions;

  ScimService(Settings settings, Clock clock, ObjectMapper json, String baseUrl) {
    this.settings = settings;
    this.clock = clock;
    this.json = json;
    this.baseUrl = baseUrl;
    this.discovery = new Discovery(settings, json, baseUrl);
    for (ResourceKind kind : ResourceKind.values()) {
      resources.put(kind, new LinkedHashMap<>());
      externalIds.put(kind, new HashMap<>());
    }
  }

  synchronized void reset() {
    resources.values().forEach(Map::clear);
    externalIds.values().forEach(Map::clear);
    userNames.clear();
  }

  /** Deep copies of the stored resources of a kind, in creation order. */
  synchronized List<ObjectNode> snapshot(ResourceKind kind) {
    List<ObjectNode> out = new ArrayList<>();
    resources.get(kind).values().forEach(r -> out.add(r.deepCopy()));
    return out;
  }

  synchronized ScimResponse handle(ScimRequest request) {
    try {
      return route(request);
    } catch (ScimException e) {
      return ScimResponse.error(e);
    }
  }

  private ScimResponse route(ScimRequest request) {
    String method = request.method().toUpperCase(Locale.ROOT);
    List<String> segments = new ArrayList<>();
    for (String s : request.path().split("/")) {
      if (!s.isEmpty()) {
        segments.add(s);
      }
    }
    if (segments.isEmpty()) {
      throw ScimException.notFound("No SCIM endpoint at '/'");
    }
    String first = segments.get(0);
    ResourceKind kind = ResourceKind.ofEndpoint(first);
    if (kind != null) {
      if (segments.size() == 1) {
        return switch (method) {
          case "GET" -> list(List.of(kind), Query.of(request.query()));
          case "POST" -> create(kind, body(request));
          default -> notAllowed(method, request.path());
        };
      }
      String id = segments.get(1);
      if (segments.size() == 2 && id.equals(".search")) {
        if (!method.equals("POST")) {
          return notAllowed(method, request.path());
        }
        return list(List.of(kind), Query.of(body(request)));
      }
      if (segments.size() > 2) {
        throw ScimException.notFound("No SCIM endpoint at '" + request.path() + "'");
      }
      return switch (method) {
        case "GET" -> get(kind, id, request);
        case "PUT" -> replace(kind, id, body(request), request.header("If-Match"));
        case "PATCH" -> patch(kind, id, body(request), request.header("If-Match"));
        case "DELETE" -> delete(kind, id, request.header("If-Match"));
        default -> notAllowed(method, request.path());
      };
    }
    if (segments.size() == 1 && first.equals(".search")) {
      if (!method.equals("POST")) {
        return notAllowed(method, request.path());
      }
      return list(List.of(ResourceKind.USER, ResourceKind.GROUP), Query.of(body(request)));
    }
    if (segments.size() == 1 && first.equals("Bulk")) {
      if (!method.equals("POST")) {
        return notAllowed(method, request.path());
      }
      return bulk(request);
    }
    if (segments.size() == 1 && first.equals("Me")) {
      return ScimResponse.error(501, null, "The /Me endpoint is not implemented");
    }
    if (!method.equals("GET")) {
      if (discovery.handles(segments)) {
        return notAllowed(method, request.path());
      }
      throw ScimException.notFound("No SCIM endpoint at '" + request.path() + "'");
    }
    ScimResponse answer = discovery.answer(segments);
    if (answer == null) {
      throw ScimException.notFound("No SCIM endpoint at '" + request.path() + "'");
    }
    return answer;
  }

  private static ScimResponse notAllowed(String method, String path) {
    return ScimResponse.error(405, null, "Method " + method + " is not allowed on " + path);
  }

  private JsonNode body(ScimRequest request) {
    if (request.body().length == 0) {
      throw ScimException.badRequest("invalidSyntax", "The request has no body");
    }
    try {
      JsonNode node = json.readTree(request.body());
      if (node == null || !node.isObject()) {
        throw ScimException.badRequest("invalidSyntax", "The request body must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw ScimException.badRequest(
          "invalidSyntax", "The request body is not valid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException p ? p.getOriginalMessage() : e.getMessage()));
    }
  }

  // ---------------------------------------------------------------- create / read / write

  private ScimResponse create(ResourceKind kind, JsonNode body) {
    if (!Patcher.hasSchema(body, kind.schema)) {
      throw ScimException.badRequest(
          "invalidSyntax", "'schemas' must include " + kind.schema);
    }
    ObjectNode resource = ((ObjectNode) body).deepCopy();
    stripReadOnly(kind, resource);
    String id = UUID.randomUUID().toString();
    validate(kind, resource, null);
    ObjectNode ordered = resource.objectNode();
    ordered.set("schemas", Nodes.get(resource, "schemas"));
    ordered.put("id", id);
    resource.fields().forEachRemaining(e -> {
      if (!e.getKey().equalsIgnoreCase("schemas")) {
        ordered.set(e.getKey(), e.getValue());
      }
    });
    String now = clock.instant().toString();
    ObjectNode meta = ordered.putObject("meta");
    meta.put("resourceType", kind.typeName);
    meta.put("created", now);
    meta.put("lastModified", now);
    meta.put("location", location(kind, id));
    meta.put("version", nextVersion());
    store(kind, ordered, null);
    return single(kind, ordered, 201, Projection.ALL).header("Location", location(kind, id));
  }

  private ScimResponse get(ResourceKind kind, String id, ScimRequest request) {
    ObjectNode resource = find(kind, id);
    String version = version(resource);
    String ifNoneMatch = request.header("If-None-Match");
    if (settings.etagSupported() && ifNoneMatch != null && version != null
        && etagMatches(ifNoneMatch, version)) {
      return ScimResponse.of(304, null).header("ETag", version);
    }
    Projection projection = Projection.of(
        request.query().get("attributes"), request.query().get("excludedAttributes"));
    return single(kind, resource, 200, projection)
        .header("Location", location(kind, id));
  }

  private ScimResponse replace(ResourceKind kind, String id, JsonNode body, @Nullable String ifMatch) {
    ObjectNode current = find(kind, id);
    checkIfMatch(current, ifMatch);
    if (!Patcher.hasSchema(body, kind.schema)) {
      throw ScimException.badRequest("invalidSyntax", "'schemas' must include " + kind.schema);
    }
    String bodyId = Nodes.text(body, "id");
    if (bodyId != null && !bodyId.equals(id)) {
      throw ScimException.badRequest(
          "mutability", "'id' is immutable: the body says '" + bodyId + "' but the URL names '" + id + "'");
    }
    ObjectNode resource = ((ObjectNode) body).deepCopy();
    stripReadOnly(kind, resource);
    validate(kind, resource, id);
    ObjectNode replaced = resource.objectNode();
    replaced.set("schemas", Nodes.get(resource, "schemas"));
    replaced.put("id", id);
    resource.fields().forEachRemaining(e -> {
      if (!e.getKey().equalsIgnoreCase("schemas")) {
        replaced.set(e.getKey(), e.getValue());
      }
    });
    ObjectNode meta = ((ObjectNode) current.get("meta")).deepCopy();
    replaced.set("meta", meta);
    touch(replaced);
    store(kind, replaced, current);
    return single(kind, replaced, 200, Projection.ALL).header("Location", location(kind, id));
  }

  private ScimResponse patch(ResourceKind kind, String id, JsonNode body, @Nullable String ifMatch) {
    if (!settings.patchSupported()) {
      return ScimResponse.error(501, null, "PATCH is not supported by this service provider");
    }
    ObjectNode current = find(kind, id);
    checkIfMatch(current, ifMatch);
    ObjectNode patched = current.deepCopy();
    int memberChanges = Patcher.apply(patched, kind, body);
    if (kind == ResourceKind.GROUP && settings.maxMemberChangesPerPatch() > 0
        && memberChanges > settings.maxMemberChangesPerPatch()) {
      throw ScimException.badRequest("invalidValue", "A PATCH may change at most "
          + settings.maxMemberChangesPerPatch() + " group members; this one changes " + memberChanges);
    }
    validate(kind, patched, id);
    if (!patched.equals(current)) {
      touch(patched);
      store(kind, patched, current);
    }
    return single(kind, patched, 200, Projection.ALL).header("Location", location(kind, id));
  }

  private ScimResponse delete(ResourceKind kind, String id, @Nullable String ifMatch) {
    ObjectNode current = find(kind, id);
    checkIfMatch(current, ifMatch);
    if (kind == ResourceKind.USER && settings.softDeleteUsers()) {
      ObjectNode deactivated = current.deepCopy();
      deactivated.put("active", false);
      if (!deactivated.equals(current)) {
        touch(deactivated);
        store(kind, deactivated, current);
      }
      return ScimResponse.of(204, null);
    }
    unindex(kind, current);
    resources.get(kind).remove(id);
    for (ObjectNode group : new ArrayList<>(resources.get(ResourceKind.GROUP).values())) {
      JsonNode members = Nodes.get(group, "members");
      if (members instanceof ArrayNode array) {
        boolean changed = false;
        for (int i = array.size() - 1; i >= 0; i--) {
          if (id.equals(Nodes.text(array.get(i), "value"))) {
            array.remove(i);
            changed = true;
          }
        }
        if (changed) {
          touch(group);
        }
      }
    }
    return ScimResponse.of(204, null);
  }

  private ObjectNode find(ResourceKind kind, String id) {
    ObjectNode resource = resources.get(kind).get(id);
    if (resource == null) {
      throw ScimException.notFound(kind.typeName + " '" + id + "' not found");
    }
    return resource;
  }

  private static void stripReadOnly(ResourceKind kind, ObjectNode resource) {
    Nodes.remove(resource, "id");
    Nodes.remove(resource, "meta");
    if (kind == ResourceKind.USER) {
      Nodes.remove(resource, "groups");
    }
  }

  /** Required attributes, uniqueness and member references; {@code selfId} is excluded. */
  private void validate(ResourceKind kind, ObjectNode resource, @Nullable String selfId) {
    if (kind == ResourceKind.USER) {
      JsonNode userName = Nodes.get(resource, "userName");
      if (userName == null || !userName.isTextual() || userName.asText().isBlank()) {
        throw ScimException.badRequest("invalidValue", "'userName' is required and must be a non-empty string");
      }
      String owner = userNames.get(userName.asText().toLowerCase(Locale.ROOT));
      if (owner != null && !owner.equals(selfId)) {
        throw new ScimException(409, "uniqueness",
            "userName '" + userName.asText() + "' is already taken (userName is unique, case-insensitively)");
      }
      JsonNode active = Nodes.get(resource, "active");
      if (active != null && !active.isBoolean()) {
        throw ScimException.badRequest("invalidValue", "'active' must be a boolean, not " + active);
      }
    } else {
      JsonNode displayName = Nodes.get(resource, "displayName");
      if (displayName == null || !displayName.isTextual() || displayName.asText().isBlank()) {
        throw ScimException.badRequest("invalidValue", "'displayName' is required and must be a non-empty string");
      }
      JsonNode members = Nodes.get(resource, "members");
      if (members != null) {
        if (!members.isArray()) {
          throw ScimException.badRequest("invalidValue", "'members' must be an array");
        }
        for (JsonNode member : members) {
          String value = Nodes.text(member, "value");
          if (value == null) {
            throw ScimException.badRequest("invalidValue", "Each member needs a 'value' (a User or Group id): " + member);
          }
          ResourceKind memberKind = resources.get(ResourceKind.USER).containsKey(value) ? ResourceKind.USER
              : resources.get(ResourceKind.GROUP).containsKey(value) ? ResourceKind.GROUP : null;
          if (memberKind == null) {
            throw ScimException.badRequest("invalidValue", "Member '" + value + "' is not the id of a User or Group");
          }
          if (member instanceof ObjectNode object && Nodes.key(object, "type") == null) {
            object.put("type", memberKind.typeName);
          }
        }
      }
    }
    String externalId = Nodes.text(resource, "externalId");
    if (externalId != null) {
      String owner = externalIds.get(kind).get(externalId);
      if (owner != null && !owner.equals(selfId)) {
        throw new ScimException(409, "uniqueness",
            "externalId '" + externalId + "' is already used by another " + kind.typeName);
      }
    }
  }

  private void store(ResourceKind kind, ObjectNode resource, @Nullable ObjectNode previous) {
    if (previous != null) {
      unindex(kind, previous);
    }
    String id = resource.get("id").asText();
    resources.get(kind).put(id, resource);
    if (kind == ResourceKind.USER) {
      userNames.put(Nodes.text(resource, "userName").toLowerCase(Locale.ROOT), id);
    }
    String externalId = Nodes.text(resource, "externalId");
    if (externalId != null) {
      externalIds.get(kind).put(externalId, id);
    }
  }

  private void unindex(ResourceKind kind, ObjectNode resource) {
    if (kind == ResourceKind.USER) {
      String userName = Nodes.text(resource, "userName");
      if (userName != null) {
        userNames.remove(userName.toLowerCase(Locale.ROOT));
      }
    }
    String externalId = Nodes.text(resource, "externalId");
    if (externalId != null) {
      externalIds.get(kind).remove(externalId);
    }
  }

  private void touch(ObjectNode resource) {
    ObjectNode meta = (ObjectNode) resource.get("meta");
    meta.put("lastModified", clock.instant().toString());
    meta.put("version", nextVersion());
  }

  private String nextVersion() {
    return "W/\"" + (++versions) + "\"";
  }

  private static @Nullable String version(ObjectNode resource) {
    JsonNode meta = resource.get("meta");
    return meta == null ? null : Nodes.text(meta, "version");
  }

  private void checkIfMatch(ObjectNode resource, @Nullable String ifMatch) {
    if (!settings.etagSupported() || ifMatch == null) {
      return;
    }
    String version = version(resource);
    if (version != null && !etagMatches(ifMatch, version)) {
      throw new ScimException(412, null,
          "If-Match " + ifMatch + " does not match the current version " + version);
    }
  }

  private static boolean etagMatches(String header, String version) {
    String wanted = weakless(version);
    for (String tag : header.split(",")) {
      String t = tag.trim();
      if (t.equals("*") || weakless(t).equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  private static String weakless(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  private String location(ResourceKind kind, String id) {
    return baseUrl + "/" + kind.endpoint + "/" + id;
  }

  // ---------------------------------------------------------------- rendering

  private ScimResponse single(ResourceKind kind, ObjectNode resource, int status, Projection projection) {
    Renderer renderer = new Renderer();
    ScimResponse response = ScimResponse.of(status, renderer.render(kind, resource, projection));
    String version = version(resource);
    if (settings.etagSupported() && version != null) {
      response.header("ETag", version);
    }
    return response;
  }

  /** Turns a stored resource into what a client sees; computes User.groups once per response. */
  private final class Renderer {
    private @Nullable Map<String, List<ObjectNode>> groupsByMember;

    /** A copy of a stored User with its computed {@code groups}. */
    ObjectNode withGroups(ObjectNode stored) {
      ObjectNode out = stored.deepCopy();
      List<ObjectNode> groups = groupsOf(stored.get("id").asText());
      if (!groups.isEmpty()) {
        ArrayNode array = out.putArray("groups");
        for (ObjectNode group : groups) {
          ObjectNode ref = array.addObject();
          ref.put("value", group.get("id").asText());
          ref.put("$ref", location(ResourceKind.GROUP, group.get("id").asText()));
          ref.put("display", Nodes.text(group, "displayName"));
          ref.put("type", "direct");
        }
      }
      return out;
    }

    ObjectNode render(ResourceKind kind, ObjectNode stored, Projection projection) {
      ObjectNode out;
      if (kind == ResourceKind.USER) {
        out = withGroups(stored);
        Nodes.remove(out, "password"); // returned "never" (RFC 7643 4.1.1)
      } else {
        out = stored.deepCopy();
      }
      if (kind == ResourceKind.GROUP && settings.omitGroupMembers()) {
        Nodes.remove(out, "members");
      }
      if (!settings.etagSupported() && out.get("meta") instanceof ObjectNode meta) {
        meta.remove("version");
      }
      out = projection.apply(out);
      if (settings.booleansAsStrings()) {
        booleansToStrings(out);
      }
      return out;
    }

    private List<ObjectNode> groupsOf(String userId) {
      if (groupsByMember == null) {
        groupsByMember = new HashMap<>();
        for (ObjectNode group : resources.get(ResourceKind.GROUP).values()) {
          JsonNode members = Nodes.get(group, "members");
          if (members != null) {
            for (JsonNode member : members) {
              String value = Nodes.text(member, "value");
              if (value != null) {
                groupsByMember.computeIfAbsent(value, k -> new ArrayList<>()).add(group);
              }
            }
          }
        }
      }
      return groupsByMember.getOrDefault(userId, List.of());
    }
  }

  private static void booleansToStrings(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.fields().forEachRemaining(e -> {
        if (e.getValue().isBoolean()) {
          e.setValue(TextNode.valueOf(e.getValue().booleanValue() ? "True" : "False"));
        } else {
          booleansToStrings(e.getValue());
        }
      });
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isBoolean()) {
          array.set(i, TextNode.valueOf(array.get(i).booleanValue() ? "True" : "False"));
        } else {
          booleansToStrings(array.get(i));
        }
      }
    }
  }

  // ---------------------------------------------------------------- query

  /** The list parameters, from a query string or a SearchRequest body. */
  record Query(
      @Nullable String filter,
      @Nullable String sortBy,
      @Nullable String sortOrder,
      @Nullable String startIndex,
      @Nullable String count,
      @Nullable String cursor,
      Projection projection) {

    static Query of(Map<String, String> query) {
      return new Query(query.get("filter"), query.get("sortBy"), query.get("sortOrder"),
          query.get("startIndex"), query.get("count"), query.get("cursor"),
          Projection.of(query.get("attributes"), query.get("excludedAttributes")));
    }

    static Query of(JsonNode search) {
      if (!Patcher.hasSchema(search, ScimSchemas.SEARCH_REQUEST)) {
        throw ScimException.badRequest(
            "invalidSyntax", "A search body must list the schema " + ScimSchemas.SEARCH_REQUEST);
      }
      return new Query(Nodes.text(search, "filter"), Nodes.text(search, "sortBy"),
          Nodes.text(search, "sortOrder"), Nodes.text(search, "startIndex"),
          Nodes.text(search, "count"), Nodes.text(search, "cursor"),
          Projection.of(Nodes.get(search, "attributes"), Nodes.get(search, "excludedAttributes")));
    }
  }

  private record Hit(ResourceKind kind, ObjectNode resource) {}

  private ScimResponse list(List<ResourceKind> kinds, Query query) {
    String filterText = query.filter();
    if (filterText != null && filterText.isBlank()) {
      filterText = null;
    }
    if (filterText == null && settings.filterRequiredToListUsers() && kinds.contains(ResourceKind.USER)) {
      throw ScimException.badRequest("invalidFilter", "A filter is required to list Users");
    }
    Filter filter = filterText == null ? null : FilterParser.parse(filterText);
    if (filter != null && settings.equalityFiltersOnly()
        && !(filter instanceof Filter.Compare compare && compare.op() == Filter.Op.EQ)) {
      throw ScimException.badRequest("invalidFilter", "Only a single 'attribute eq value' filter is supported, not '"
          + filterText + "'");
    }
    if (settings.cursorPagingOnly() && query.startIndex() != null) {
      throw ScimException.badRequest("invalidValue", "startIndex is not supported; page with 'cursor'");
    }
    if (query.startIndex() != null && query.cursor() != null) {
      throw ScimException.badRequest("invalidValue", "Use either startIndex or cursor, not both");
    }
    int count = settings.maxPageSize();
    if (query.count() != null) {
      count = Math.max(0, Math.min(integer("count", query.count()), settings.maxPageSize()));
    }
    List<Hit> hits = new ArrayList<>();
    Renderer renderer = new Renderer();
    // User.groups is computed, not stored: filters that name it see a view that has it
    boolean needsGroups = filterText != null && filterText.toLowerCase(Locale.ROOT).contains("groups");
    for (ResourceKind kind : kinds) {
      for (ObjectNode resource : resources.get(kind).values()) {
        JsonNode view = needsGroups && kind == ResourceKind.USER ? renderer.withGroups(resource) : resource;
        if (filter == null || filter.test(view)) {
          hits.add(new Hit(kind, resource));
        }
      }
    }
    if (query.sortBy() != null && !query.sortBy().isBlank()) {
      sort(hits, AttrPath.parse(query.sortBy(), "invalidValue"), query.sortOrder());
    }
    boolean cursorMode = query.cursor() != null || settings.cursorPagingOnly();
    int offset;
    if (cursorMode) {
      offset = query.cursor() == null || query.cursor().isEmpty() ? 0 : decodeCursor(query.cursor());
    } else {
      offset = query.startIndex() == null ? 0 : Math.max(1, integer("startIndex", query.startIndex())) - 1;
    }
    int from = Math.min(offset, hits.size());
    int to = Math.min(hits.size(), from + count);
    ObjectNode body = json.createObjectNode();
    body.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
    body.put("totalResults", hits.size());
    body.put("itemsPerPage", to - from);
    if (!cursorMode) {
      body.put("startIndex", from + 1);
    }
    if (cursorMode && to < hits.size()) {
      body.put("nextCursor", encodeCursor(to));
    }
    if (cursorMode && from > 0) {
      body.put("previousCursor", encodeCursor(Math.max(0, from - count)));
    }
    ArrayNode page = body.putArray(settings.lowercaseResourcesKey() ? "resources" : "Resources");
    for (Hit hit : hits.subList(from, to)) {
      page.add(renderer.render(hit.kind(), hit.resource(), query.projection()));
    }
    return ScimResponse.of(200, body);
  }

  private static int integer(String name, String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw ScimException.badRequest("invalidValue", "'" + name + "' must be an integer, not '" + text + "'");
    }
  }

  private static String encodeCursor(int offset) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((CURSOR_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int decodeCursor(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith(CURSOR_PREFIX)) {
        int offset = Integer.parseInt(text.substring(CURSOR_PREFIX.length()));
        if (offset >= 0) {
          return offset;
        }
      }
    } catch (IllegalArgumentException malformed) {
      // reported below
    }
    throw ScimException.badRequest("invalidCursor", "Cursor '" + cursor + "' was not issued by this server");
  }

  private static void sort(List<Hit> hits, AttrPath path, @Nullable String order) {
    boolean descending = order != null && order.equalsIgnoreCase("descending");
    if (order != null && !descending && !order.equalsIgnoreCase("ascending")) {
      throw ScimException.badRequest("invalidValue", "sortOrder must be 'ascending' or 'descending', not '" + order + "'");
    }
    Comparator<JsonNode> values = (a, b) -> {
      if (a.isNumber() && b.isNumber()) {
        return a.decimalValue().compareTo(b.decimalValue());
      }
      return a.asText().compareToIgnoreCase(b.asText());
    };
    Comparator<JsonNode> directed = descending ? values.reversed() : values;
    // unassigned values sort last in either direction
    hits.sort(Comparator.comparing(
        (Hit hit) -> {
          List<JsonNode> found = Filter.values(hit.resource(), path);
          return found.isEmpty() ? null : found.get(0);
        },
        Comparator.nullsLast(directed)));
  }

  // ---------------------------------------------------------------- bulk

  private ScimResponse bulk(ScimRequest request) {
    if (!settings.bulkSupported()) {
      return ScimResponse.error(501, null, "Bulk is not supported by this service provider");
    }
    if (request.body().length > settings.bulkMaxPayloadSize()) {
      return ScimResponse.error(413, null, "The bulk request has " + request.body().length
          + " bytes; maxPayloadSize is " + settings.bulkMaxPayloadSize());
    }
    JsonNode body = body(request);
    if (!Patcher.hasSchema(body, ScimSchemas.BULK_REQUEST)) {
      throw ScimException.badRequest("invalidSyntax", "A bulk body must list the schema " + ScimSchemas.BULK_REQUEST);
    }
    JsonNode operations = Nodes.get(body, "Operations");
    if (operations == null || !operations.isArray()) {
      throw ScimException.badRequest("invalidSyntax", "A bulk body needs an 'Operations' array");
    }
    if (operations.size() > settings.bulkMaxOperations()) {
      return ScimResponse.error(413, null, "The bulk request has " + operations.size()
          + " operations; maxOperations is " + settings.bulkMaxOperations());
    }
    JsonNode failOnErrorsNode = Nodes.get(body, "failOnErrors");
    int failOnErrors = failOnErrorsNode == null ? Integer.MAX_VALUE : Math.max(1, failOnErrorsNode.asInt());
    return new Bulk(operations, failOnErrors).run();
  }

  /** One bulk request: operations run in order; those naming an unresolved bulkId wait their turn. */
  private final class Bulk {
    private final List<JsonNode> operations = new ArrayList<>();
    private final boolean[] done;
    private final @Nullable ObjectNode[] results;
    private final Map<String, String> resolved = new HashMap<>();
    private final int failOnErrors;
    private int errors;

    Bulk(JsonNode operations, int failOnErrors) {
      operations.forEach(this.operations::add);
      this.done = new boolean[this.operations.size()];
      this.results = new ObjectNode[this.operations.size()];
      this.failOnErrors = failOnErrors;
    }

    ScimResponse run() {
      boolean progress = true;
      while (progress && errors < failOnErrors) {
        progress = false;
        for (int i = 0; i < operations.size() && errors < failOnErrors; i++) {
          JsonNode op = operations.get(i);
          if (done[i] || references(op).stream().anyMatch(ref -> !resolved.containsKey(ref) && pending(ref))) {
            continue;
          }
          done[i] = true;
          progress = true;
          results[i] = execute(op);
        }
      }
      if (errors < failOnErrors) {
        for (int i = 0; i < operations.size(); i++) {
          if (!done[i]) {
            done[i] = true;
            results[i] = fail(operations.get(i), 409, "invalidValue",
                "bulkId references could not be resolved (circular): " + references(operations.get(i)));
          }
        }
      }
      ObjectNode body = json.createObjectNode();
      body.putArray("schemas").add(ScimSchemas.BULK_RESPONSE);
      ArrayNode out = body.putArray("Operations");
      for (ObjectNode result : results) {
        if (result != null) {
          out.add(result);
        }
      }
      return ScimResponse.of(200, body);
    }

    /** True when a not-yet-run operation declares this bulkId. */
    private boolean pending(String bulkId) {
      for (int i = 0; i < operations.size(); i++) {
        if (!done[i] && bulkId.equals(Nodes.text(operations.get(i), "bulkId"))) {
          return true;
        }
      }
      return false;
    }

    private List<String> references(JsonNode op) {
      List<String> refs = new ArrayList<>();
      collect(Nodes.get(op, "data"), refs);
      String path = Nodes.text(op, "path");
      if (path != null && path.contains("bulkId:")) {
        refs.add(path.substring(path.indexOf("bulkId:") + 7).split("/")[0]);
      }
      return refs;
    }

    private void collect(@Nullable JsonNode node, List<String> refs) {
      if (node == null) {
        return;
      }
      if (node.isTextual() && node.asText().startsWith("bulkId:")) {
        refs.add(node.asText().substring(7));
      }
      node.forEach(child -> collect(child, refs));
    }

    private @Nullable JsonNode substitute(@Nullable JsonNode node) {
      if (node == null) {
        return null;
      }
      if (node.isTextual() && node.asText().startsWith("bulkId:")) {
        String id = resolved.get(node.asText().substring(7));
        return id == null ? node : TextNode.valueOf(id);
      }
      if (node instanceof ObjectNode object) {
        ObjectNode copy = object.objectNode();
        object.fields().forEachRemaining(e -> copy.set(e.getKey(), substitute(e.getValue())));
        return copy;
      }
      if (node instanceof ArrayNode array) {
        ArrayNode copy = array.arrayNode();
        array.forEach(e -> copy.add(substitute(e)));
        return copy;
      }
      return node;
    }

    private ObjectNode execute(JsonNode op) {
      String method = Nodes.text(op, "method");
      String path = Nodes.text(op, "path");
      String bulkId = Nodes.text(op, "bulkId");
      if (method == null || path == null) {
        return fail(op, 400, "invalidSyntax", "Each bulk operation needs 'method' and 'path'");
      }
      method = method.toUpperCase(Locale.ROOT);
      if (method.equals("POST") && bulkId == null) {
        return fail(op, 400, "invalidSyntax", "A bulk POST needs a 'bulkId'");
      }
      for (String ref : references(op)) {
        if (!resolved.containsKey(ref)) {
          return fail(op, 409, "invalidValue", "bulkId '" + ref + "' is not defined by a successful operation");
        }
      }
      for (Map.Entry<String, String> entry : resolved.entrySet()) {
        path = path.replace("bulkId:" + entry.getKey(), entry.getValue());
      }
      JsonNode data = substitute(Nodes.get(op, "data"));
      Map<String, List<String>> headers = new HashMap<>();
      String version = Nodes.text(op, "version");
      if (version != null) {
        headers.put("if-match", List.of(version));
      }
      byte[] bytes;
      try {
        bytes = data == null ? new byte[0] : json.writeValueAsBytes(data);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      ScimResponse response;
      if (!List.of("POST", "PUT", "PATCH", "DELETE").contains(method)) {
        response = ScimResponse.error(400, "invalidSyntax", "Bulk method must be POST, PUT, PATCH or DELETE, not " + method);
      } else if (!BULK_PATH.matcher(path).matches()) {
        response = ScimResponse.error(400, "invalidPath",
            "Bulk path must be /Users, /Groups or one of their resources, not '" + path + "'");
      } else {
        response = handle(new ScimRequest(method, path, Map.of(), headers, bytes));
      }
      ObjectNode result = json.createObjectNode();
      result.put("method", method);
      if (bulkId != null) {
        result.put("bulkId", bulkId);
      }
      JsonNode out = response.body();
      if (response.status() < 300) {
        if (out != null && out.get("meta") instanceof ObjectNode meta) {
          if (meta.has("version")) {
            result.put("version", meta.get("version").asText());
          }
          result.put("location", meta.get("location").asText());
          if (bulkId != null) {
            resolved.put(bulkId, out.get("id").asText());
          }
        } else if (!method.equals("POST")) {
          result.put("location", baseUrl + path);
        }
      } else {
        errors++;
        result.set("response", out);
      }
      result.put("status", Integer.toString(response.status()));
      return result;
    }

    private ObjectNode fail(JsonNode op, int status, String scimType, String detail) {
      errors++;
      ObjectNode result = json.createObjectNode();
      String method = Nodes.text(op, "method");
      result.put("method", method == null ? "" : method.toUpperCase(Locale.ROOT));
      String bulkId = Nodes.text(op, "bulkId");
      if (bulkId != null) {
        result.put("bulkId", bulkId);
      }
      result.put("status", Integer.toString(status));
      result.set("response", ScimResponse.error(status, scimType, detail).body());
      return result;
    }
  }
}
