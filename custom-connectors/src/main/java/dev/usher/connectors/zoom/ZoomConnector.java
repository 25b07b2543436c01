package dev.usher.connectors.zoom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.connectors.rest.Paging;
import dev.usher.connectors.rest.RestClient;
import dev.usher.connectors.rest.ZoomAccountCredentialsTokenProvider;
import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.Entitlement;
import dev.usher.core.model.EntitlementType;
import dev.usher.core.spi.AlreadyExistsException;
import dev.usher.core.spi.AttributeChange;
import dev.usher.core.spi.Capabilities;
import dev.usher.core.spi.Capability;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.ConnectorException.Origin;
import dev.usher.core.spi.InvalidRequestException;
import dev.usher.core.spi.NotFoundException;
import dev.usher.core.spi.Page;
import dev.usher.core.spi.PageRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A Zoom account through the Zoom API v2.
 *
 * <p>An account is a user: id = Zoom user id, userName = {@code email}, active = status not
 * {@code inactive} (a {@code pending} user has not accepted the invitation yet but is not
 * disabled). Attributes: {@code givenName}, {@code familyName}, {@code displayName},
 * {@code department}, {@code title}, {@code location} (Zoom's {@code first_name},
 * {@code last_name}, {@code display_name}, {@code dept}, {@code job_title}, {@code location}),
 * and read-only {@code status} and {@code type}. Zoom keeps no external id. Entitlements are
 * groups ({@code group:<id>}) and the licensed user type ({@code type:licensed}; revoking it
 * makes the user Basic again).
 */
final class ZoomConnector implements Connector {
  static final String GROUP_PREFIX = "group:";
  static final String LICENSED = "type:licensed";
  private static final int MAX_PAGE = 300;
  private static final List<String> STATUSES = List.of("active", "inactive", "pending");
  static final Map<String, String> ATTRIBUTES = Map.of(
      "givenName", "first_name", "familyName", "last_name", "displayName", "display_name",
      "department", "dept", "title", "job_title", "location", "location");
  private static final Entitlement LICENSED_TYPE = Entitlement.of(EntitlementType.LICENSE, LICENSED, "Licensed user");

  private final ZoomConfig config;
  private final ConnectorContext context;
  private final RestClient zoom;

  ZoomConnector(ZoomConfig config, ConnectorContext context) {
    this.config = config;
    this.context = context;
    RestClient http = RestClient.open(context.http(), context.clock());
    ZoomAccountCredentialsTokenProvider tokens = ZoomAccountCredentialsTokenProvider.builder()
        .tokenUrl(config.tokenUrl()).accountId(config.accountId()).clientId(config.clientId())
        .clientSecret(config.clientSecret()).build(http, origin("authenticate"));
    this.zoom = http.toBuilder().baseUrl(config.baseUrl()).tokens(tokens).build();
  }

  private Origin origin(String operation) {
    return context.origin(ZoomConnectorProvider.TYPE, operation);
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder().supports(Capability.values()).maxPageSize(MAX_PAGE).build();
  }

  // ---- accounts ----

  @Override
  public Account create(Account account) {
    Origin origin = origin("create");
    String email = account.userName();
    if (email == null || !email.contains("@")) {
      throw new InvalidRequestException(origin, "a Zoom user needs a userName that is its email address, was "
          + (email == null ? "none" : "'" + email + "'"));
    }
    ObjectNode info = zoom.json().createObjectNode().put("email", email).put("type", 1);
    ObjectNode later = zoom.json().createObjectNode();
    for (Map.Entry<String, AttributeValue> e : account.attributes().entrySet()) {
      String field = field(e.getKey(), origin);
      String value = text(e.getKey(), e.getValue(), origin);
      switch (field) {
        case "first_name", "last_name", "display_name" -> info.put(field, value);
        default -> later.put(field, value);
      }
    }
    ObjectNode body = zoom.json().createObjectNode().put("action", config.createAction().wire());
    body.set("user_info", info);
    JsonNode created = zoom.request("POST", "/users").body(body).send(origin).body();
    String id = created.path("id").asText();
    if (!later.isEmpty()) {
      zoom.request("PATCH", "/users/{id}").path("id", id).body(later).send(origin);
    }
    // A user Zoom has just invited is pending; read it back for the fields Zoom filled in.
    return get(id).orElseGet(() -> toAccount(created));
  }

  private static String field(String attribute, Origin origin) {
    String f = ATTRIBUTES.get(attribute);
    if (f == null) {
      throw new InvalidRequestException(origin, "attribute '" + attribute + "' has no Zoom user field; expected one of"
          + " userName, active, " + String.join(", ", new TreeSet<>(ATTRIBUTES.keySet())));
    }
    return f;
  }

  private static String text(String attribute, AttributeValue value, Origin origin) {
    return value.asText().orElseThrow(() -> new InvalidRequestException(origin,
        "attribute '" + attribute + "' must be text for Zoom, was a " + value.typeName()));
  }

  @Override
  public Optional<Account> get(String accountId) {
    return user(accountId, origin("get")).map(this::toAccount);
  }

  private Optional<JsonNode> user(String userId, Origin origin) {
    return zoom.request("GET", "/users/{id}").path("id", userId).sendOrEmpty(origin).map(r -> r.body());
  }

  @Override
  public List<Account> find(String attribute, AttributeValue value) {
    Origin origin = origin("find");
    if (!attribute.equals(Account.USER_NAME) && !attribute.equals("email")) {
      throw new InvalidRequestException(origin, "Zoom users can be found by userName (their email) only, not by '"
          + attribute + "'; Zoom keeps no external id");
    }
    String email = text(attribute, value, origin);
    // GET /users/{userId} takes an email address as the user id.
    return user(email, origin).filter(u -> u.path("email").asText().equalsIgnoreCase(email))
        .map(u -> List.of(toAccount(u))).orElse(List.of());
  }

  /** Active users, then inactive, then pending: Zoom lists one status at a time. Token: {@code <status>|<next_page_token>}. */
  @Override
  public Page<Account> listAccounts(PageRequest request) {
    Origin origin = origin("listAccounts");
    String status = "active";
    String pageToken = null;
    if (request.token() != null) {
      int bar = request.token().indexOf('|');
      status = bar < 0 ? "" : request.token().substring(0, bar);
      if (!STATUSES.contains(status)) {
        throw new InvalidRequestException(origin, "page token '" + request.token() + "' was not made by this connector");
      }
      pageToken = request.token().substring(bar + 1);
      pageToken = pageToken.isEmpty() ? null : pageToken;
    }
    JsonNode body = zoom.request("GET", "/users").query("status", status)
        .query("page_size", Math.min(request.size(), MAX_PAGE)).query("next_page_token", pageToken).send(origin).body();
    List<Account> items = new ArrayList<>();
    body.path("users").forEach(u -> items.add(toAccount(u)));
    String next = Paging.pageToken(body, "next_page_token");
    if (next != null) {
      return Page.of(items, status + "|" + next);
    }
    int i = STATUSES.indexOf(status);
    return Page.of(items, i + 1 < STATUSES.size() ? STATUSES.get(i + 1) + "|" : null);
  }

  @Override
  public Account update(String accountId, List<AttributeChange> changes) {
    Origin origin = origin("update");
    ObjectNode patch = zoom.json().createObjectNode();
    Boolean active = null;
    for (AttributeChange c : changes) {
      if (c.attribute().equals(Account.ACTIVE)) {
        active = c.value() != null && Boolean.parseBoolean(c.value().asText().orElse("false"));
        continue;
      }
      if (c.attribute().equals(Account.USER_NAME) || c.attribute().equals(Account.EXTERNAL_ID)) {
        throw new InvalidRequestException(origin, "Usher does not change a Zoom user's email, and Zoom keeps no"
            + " external id; cannot change '" + c.attribute() + "'");
      }
      String field = field(c.attribute(), origin);
      patch.put(field, c.op() == AttributeChange.Op.REMOVE || c.value() == null ? "" : text(c.attribute(), c.value(), origin));
    }
    if (!patch.isEmpty()) {
      zoom.request("PATCH", "/users/{id}").path("id", accountId).body(patch).send(origin);
    }
    if (active != null) {
      setStatus(accountId, active, origin);
    }
    return get(accountId).orElseThrow(() -> notFound(origin, accountId));
  }

  @Override
  public void enable(String accountId) {
    setStatus(accountId, true, origin("enable"));
  }

  @Override
  public void disable(String accountId) {
    setStatus(accountId, false, origin("disable"));
  }

  /** Reads the status first: Zoom refuses to deactivate an inactive user, and Usher wants both idempotent. */
  private void setStatus(String accountId, boolean active, Origin origin) {
    JsonNode u = user(accountId, origin).orElseThrow(() -> notFound(origin, accountId));
    boolean inactive = "inactive".equals(u.path("status").asText());
    if (active == !inactive) {
      return;
    }
    zoom.request("PUT", "/users/{id}/status").path("id", accountId)
        .body(Map.of("action", active ? "activate" : "deactivate")).send(origin);
  }

  @Override
  public void delete(String accountId) {
    zoom.request("DELETE", "/users/{id}").path("id", accountId).query("action", config.deleteAction().wire())
        .send(origin("delete"));
  }

  // ---- entitlements ----

  @Override
  public Page<Entitlement> listEntitlements(PageRequest request) {
    JsonNode body = zoom.request("GET", "/groups").query("page_size", Math.min(request.size(), MAX_PAGE))
        .query("next_page_token", request.token()).send(origin("listEntitlements")).body();
    List<Entitlement> items = new ArrayList<>();
    if (request.token() == null) {
      items.add(LICENSED_TYPE);
    }
    body.path("groups").forEach(g -> items.add(group(g)));
    return Paging.page(items, Paging.pageToken(body, "next_page_token"));
  }

  private static Entitlement group(JsonNode g) {
    Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    if (g.has("total_members")) {
      attributes.put("totalMembers", AttributeValue.of(g.path("total_members").asLong()));
    }
    return new Entitlement(EntitlementType.GROUP, GROUP_PREFIX + g.path("id").asText(),
        g.path("name").asText(g.path("id").asText()), attributes);
  }

  @Override
  public Optional<Entitlement> getEntitlement(String entitlementId) {
    if (LICENSED.equals(entitlementId)) {
      return Optional.of(LICENSED_TYPE);
    }
    if (!entitlementId.startsWith(GROUP_PREFIX) || entitlementId.length() == GROUP_PREFIX.length()) {
      return Optional.empty();
    }
    return zoom.request("GET", "/groups/{id}").path("id", entitlementId.substring(GROUP_PREFIX.length()))
        .sendOrEmpty(origin("getEntitlement")).map(r -> group(r.body()));
  }

  @Override
  public void grant(String accountId, String entitlementId) {
    Origin origin = origin("grant");
    if (LICENSED.equals(entitlementId)) {
      zoom.request("PATCH", "/users/{id}").path("id", accountId).body(Map.of("type", 2)).send(origin);
      return;
    }
    String group = groupId(entitlementId, origin);
    if (user(accountId, origin).isEmpty()) {
      throw notFound(origin, accountId);
    }
    ObjectNode body = zoom.json().createObjectNode();
    body.putArray("members").addObject().put("id", accountId);
    try {
      zoom.request("POST", "/groups/{id}/members").path("id", group).body(body).send(origin);
    } catch (AlreadyExistsException held) {
      // already a member: granting what is held succeeds
    }
  }

  @Override
  public void revoke(String accountId, String entitlementId) {
    Origin origin = origin("revoke");
    if (LICENSED.equals(entitlementId)) {
      Optional<JsonNode> u = user(accountId, origin);
      if (u.isPresent() && u.get().path("type").asInt() == 2) {
        zoom.request("PATCH", "/users/{id}").path("id", accountId).body(Map.of("type", 1)).send(origin);
      }
      return;
    }
    // 404: not a member: revoking what is not held succeeds.
    zoom.request("DELETE", "/groups/{gid}/members/{uid}").path("gid", groupId(entitlementId, origin))
        .path("uid", accountId).sendOrEmpty(origin);
  }

  @Override
  public Set<String> grantsOf(String accountId) {
    Origin origin = origin("grantsOf");
    JsonNode u = user(accountId, origin).orElseThrow(() -> notFound(origin, accountId));
    Set<String> held = new TreeSet<>();
    if (u.path("type").asInt() == 2) {
      held.add(LICENSED);
    }
    u.path("group_ids").forEach(g -> held.add(GROUP_PREFIX + g.asText()));
    return held;
  }

  /** Group members from the group; licensed users by reading the user list (Zoom cannot filter it by type). */
  @Override
  public Page<String> members(String entitlementId, PageRequest request) {
    Origin origin = origin("members");
    if (LICENSED.equals(entitlementId)) {
      Page<Account> page = listAccounts(request);
      List<String> ids = page.items().stream()
          .filter(a -> a.attribute("type").flatMap(AttributeValue::asText).orElse("").equals("2"))
          .map(Account::requireId).toList();
      return new Page<>(ids, page.nextToken(), page.complete());
    }
    JsonNode body = zoom.request("GET", "/groups/{id}/members").path("id", groupId(entitlementId, origin))
        .query("page_size", Math.min(request.size(), MAX_PAGE)).query("next_page_token", request.token())
        .send(origin).body();
    List<String> ids = new ArrayList<>();
    body.path("members").forEach(m -> ids.add(m.path("id").asText()));
    return Paging.page(ids, Paging.pageToken(body, "next_page_token"));
  }

  @Override
  public void test() {
    zoom.request("GET", "/users").query("page_size", 1).send(origin("test"));
  }

  @Override
  public void close() {
    zoom.close();
  }

  @Override
  public String toString() {
    return "ZoomConnector[" + context.applicationId() + ", account " + config.accountId() + "]";
  }

  // ---- mapping ----

  private Account toAccount(JsonNode u) {
    String status = u.path("status").asText("pending").toLowerCase(Locale.ROOT);
    Account.Builder b = Account.builder(context.applicationId())
        .id(u.path("id").asText())
        .userName(textOrNull(u, "email"))
        .active(!status.equals("inactive"))
        .attribute("status", status);
    if (u.has("type")) {
      b.attribute("type", u.path("type").asText());
    }
    ATTRIBUTES.forEach((attribute, field) -> {
      String v = textOrNull(u, field);
      if (v != null && !v.isEmpty()) {
        b.attribute(attribute, v);
      }
    });
    return b.build();
  }

  private static @Nullable String textOrNull(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isValueNode() && !v.isNull() ? v.asText() : null;
  }

  private static String groupId(String entitlementId, Origin origin) {
    if (!entitlementId.startsWith(GROUP_PREFIX) || entitlementId.length() == GROUP_PREFIX.length()) {
      throw new NotFoundException(origin, 0, "no entitlement '" + entitlementId
          + "': Zoom entitlements are 'group:<group id>' and '" + LICENSED + "'");
    }
    return entitlementId.substring(GROUP_PREFIX.length());
  }

  private static NotFoundException notFound(Origin origin, String accountId) {
    return new NotFoundException(origin, 404, "no Zoom user '" + accountId + "'");
  }
}
