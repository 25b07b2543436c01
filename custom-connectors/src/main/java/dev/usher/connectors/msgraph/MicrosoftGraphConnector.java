package dev.usher.connectors.msgraph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.connectors.rest.ClientCredentialsTokenProvider;
import dev.usher.connectors.rest.Paging;
import dev.usher.connectors.rest.RestClient;
import dev.usher.connectors.rest.RestFailures;
import dev.usher.connectors.rest.RestRequest;
import dev.usher.connectors.rest.RestResponse;
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
import dev.usher.core.spi.ConnectorException;
import dev.usher.core.spi.ConnectorException.Origin;
import dev.usher.core.spi.InvalidRequestException;
import dev.usher.core.spi.NotFoundException;
import dev.usher.core.spi.Page;
import dev.usher.core.spi.PageRequest;
import java.security.SecureRandom;
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
 * Microsoft Entra ID through Microsoft Graph v1.0.
 *
 * <p>An account is a user: id = Graph object id, userName = {@code userPrincipalName},
 * externalId = {@code employeeId}, active = {@code accountEnabled}; attributes map as in
 * {@link #ATTRIBUTES}. Entitlements are groups ({@code group:<object id>}) and licenses
 * ({@code license:<skuId>}). New users get a random initial password that must be changed
 * at first sign-in (Usher never sees or stores it afterwards).
 */
final class MicrosoftGraphConnector implements Connector {
  static final String GROUP_PREFIX = "group:";
  static final String LICENSE_PREFIX = "license:";
  private static final int MAX_PAGE = 999;

  /** Usher attribute name to Graph user property. */
  static final Map<String, String> ATTRIBUTES = Map.ofEntries(
      Map.entry("displayName", "displayName"),
      Map.entry("givenName", "givenName"),
      Map.entry("familyName", "surname"),
      Map.entry("email", "mail"),
      Map.entry("title", "jobTitle"),
      Map.entry("department", "department"),
      Map.entry("companyName", "companyName"),
      Map.entry("employeeType", "employeeType"),
      Map.entry("officeLocation", "officeLocation"),
      Map.entry("mobilePhone", "mobilePhone"),
      Map.entry("mailNickname", "mailNickname"),
      Map.entry("usageLocation", "usageLocation"));
  private static final String SELECT = "id,userPrincipalName,employeeId,accountEnabled,"
      + String.join(",", new TreeSet<>(ATTRIBUTES.values()));

  private final MicrosoftGraphConfig config;
  private final ConnectorContext context;
  private final RestClient graph;
  private final SecureRandom random = new SecureRandom();

  MicrosoftGraphConnector(MicrosoftGraphConfig config, ConnectorContext context) {
    this.config = config;
    this.context = context;
    RestClient http = RestClient.open(context.http(), context.clock());
    ClientCredentialsTokenProvider tokens = ClientCredentialsTokenProvider.builder()
        .tokenUrl(config.tokenUrl())
        .clientId(config.clientId())
        .clientSecret(config.clientSecret())
        .scope(MicrosoftGraphConfig.SCOPE)
        .build(http, origin("authenticate"));
    this.graph = http.toBuilder().baseUrl(config.baseUrl()).tokens(tokens)
        .failures(MicrosoftGraphConnector::failure).build();
  }

  /** Graph reports a taken userPrincipalName as 400 Request_BadRequest, not 409. */
  private static @Nullable ConnectorException failure(Origin origin, RestResponse r) {
    String message = r.body().path("error").path("message").asText("");
    if (r.status() == 400 && message.contains("Another object with the same value for property")) {
      return new AlreadyExistsException(origin, 400, RestFailures.detail(r), null);
    }
    return null;
  }

  private Origin origin(String operation) {
    return context.origin(MicrosoftGraphConnectorProvider.TYPE, operation);
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder().supports(Capability.values()).maxPageSize(MAX_PAGE).build();
  }

  // ---- accounts ----

  @Override
  public Account create(Account account) {
    Origin origin = origin("create");
    String upn = account.userName();
    if (upn == null || !upn.contains("@")) {
      throw new InvalidRequestException(origin, "a Microsoft Graph user needs a userName that is a"
          + " userPrincipalName (alias@verified-domain), was " + (upn == null ? "none" : "'" + upn + "'"));
    }
    ObjectNode body = graph.json().createObjectNode();
    body.put("accountEnabled", account.active());
    body.put("userPrincipalName", upn);
    String local = upn.substring(0, upn.indexOf('@'));
    body.put("displayName", account.attribute("displayName").flatMap(AttributeValue::asText)
        .orElseGet(() -> defaultDisplayName(account, local)));
    body.put("mailNickname", account.attribute("mailNickname").flatMap(AttributeValue::asText)
        .orElse(local.replaceAll("[^A-Za-z0-9._-]", "")));
    if (account.externalId() != null) {
      body.put("employeeId", account.externalId());
    }
    account.attributes().forEach((name, value) -> {
      if (!name.equals("displayName") && !name.equals("mailNickname")) {
        body.set(property(name, origin), graph.json().valueToTree(value.toJava()));
      }
    });
    if (!body.has("usageLocation") && config.usageLocation() != null) {
      body.put("usageLocation", config.usageLocation());
    }
    body.putObject("passwordProfile").put("forceChangePasswordNextSignIn", true).put("password", initialPassword());
    JsonNode user = graph.request("POST", "/users").body(body).send(origin).body();
    return toAccount(user);
  }

  private static String defaultDisplayName(Account account, String local) {
    String given = account.attribute("givenName").flatMap(AttributeValue::asText).orElse("");
    String family = account.attribute("familyName").flatMap(AttributeValue::asText).orElse("");
    String name = (given + " " + family).trim();
    return name.isEmpty() ? local : name;
  }

  /** 24 characters from all four classes Entra's password policy asks for. */
  private String initialPassword() {
    String[] classes = {"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "!#%*+-=?@_"};
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 24; i++) {
      String c = classes[i % 4];
      sb.append(c.charAt(random.nextInt(c.length())));
    }
    return sb.toString();
  }

  private static String property(String attribute, Origin origin) {
    String p = ATTRIBUTES.get(attribute);
    if (p == null) {
      throw new InvalidRequestException(origin, "attribute '" + attribute + "' has no Microsoft Graph user property;"
          + " expected one of userName, externalId, active, " + String.join(", ", new TreeSet<>(ATTRIBUTES.keySet())));
    }
    return p;
  }

  @Override
  public Optional<Account> get(String accountId) {
    return graph.request("GET", "/users/{id}").path("id", accountId).query("$select", SELECT)
        .sendOrEmpty(origin("get")).map(r -> toAccount(r.body()));
  }

  @Override
  public List<Account> find(String attribute, AttributeValue value) {
    Origin origin = origin("find");
    String text = value.asText().orElseThrow(() ->
        new InvalidRequestException(origin, "find by '" + attribute + "' needs a text value, was a " + value.typeName()));
    String property = switch (attribute) {
      case Account.USER_NAME -> "userPrincipalName";
      case Account.EXTERNAL_ID -> "employeeId";
      default -> property(attribute, origin);
    };
    String filter = property + " eq '" + text.replace("'", "''") + "'";
    List<Account> found = new ArrayList<>();
    // Filters on employeeId and other non-default properties are advanced queries: eventual
    // consistency and $count are required for them and harmless for the rest.
    RestResponse r = graph.request("GET", "/users").query("$filter", filter).query("$select", SELECT)
        .query("$count", "true").header("ConsistencyLevel", "eventual").send(origin);
    while (true) {
      r.body().path("value").forEach(u -> found.add(toAccount(u)));
      String next = Paging.odataNextLink(r.body());
      if (next == null) {
        return found;
      }
      r = graph.requestUrl("GET", next).header("ConsistencyLevel", "eventual").send(origin);
    }
  }

  @Override
  public Page<Account> listAccounts(PageRequest request) {
    Origin origin = origin("listAccounts");
    RestResponse r = request.token() == null
        ? graph.request("GET", "/users").query("$select", SELECT).query("$top", Math.min(request.size(), MAX_PAGE))
            .send(origin)
        : graph.requestUrl("GET", request.token()).send(origin);
    List<Account> items = new ArrayList<>();
    r.body().path("value").forEach(u -> items.add(toAccount(u)));
    return Paging.page(items, Paging.odataNextLink(r.body()));
  }

  @Override
  public Account update(String accountId, List<AttributeChange> changes) {
    Origin origin = origin("update");
    ObjectNode patch = graph.json().createObjectNode();
    for (AttributeChange c : changes) {
      String property = switch (c.attribute()) {
        case Account.USER_NAME -> "userPrincipalName";
        case Account.EXTERNAL_ID -> "employeeId";
        case Account.ACTIVE -> "accountEnabled";
        default -> property(c.attribute(), origin);
      };
      if (c.op() == AttributeChange.Op.REMOVE || c.value() == null) {
        patch.putNull(property);
      } else {
        patch.set(property, graph.json().valueToTree(c.value().toJava()));
      }
    }
    if (!patch.isEmpty()) {
      graph.request("PATCH", "/users/{id}").path("id", accountId).body(patch).send(origin);
    }
    return get(accountId).orElseThrow(() -> new NotFoundException(origin, 404, "no user '" + accountId + "'"));
  }

  @Override
  public void enable(String accountId) {
    setEnabled(accountId, true, origin("enable"));
  }

  @Override
  public void disable(String accountId) {
    setEnabled(accountId, false, origin("disable"));
  }

  private void setEnabled(String accountId, boolean enabled, Origin origin) {
    graph.request("PATCH", "/users/{id}").path("id", accountId)
        .body(graph.json().createObjectNode().put("accountEnabled", enabled)).send(origin);
  }

  /** Graph moves the user to deleted items for 30 days; it is gone from {@code /users} at once. */
  @Override
  public void delete(String accountId) {
    graph.request("DELETE", "/users/{id}").path("id", accountId).send(origin("delete"));
  }

  // ---- entitlements ----

  /** Groups page by page ({@code g|<nextLink>}), then every subscribed license ({@code l|}). */
  @Override
  public Page<Entitlement> listEntitlements(PageRequest request) {
    Origin origin = origin("listEntitlements");
    String token = request.token();
    if ("l|".equals(token)) {
      return Page.last(licenses(origin));
    }
    RestResponse r;
    if (token == null) {
      r = graph.request("GET", "/groups").query("$select", "id,displayName,description,mailEnabled,securityEnabled")
          .query("$top", Math.min(request.size(), MAX_PAGE)).send(origin);
    } else if (token.startsWith("g|")) {
      r = graph.requestUrl("GET", token.substring(2)).send(origin);
    } else {
      throw new InvalidRequestException(origin, "page token '" + token + "' was not made by this connector");
    }
    List<Entitlement> items = new ArrayList<>();
    r.body().path("value").forEach(g -> items.add(group(g)));
    String next = Paging.odataNextLink(r.body());
    return Page.of(items, next != null ? "g|" + next : "l|");
  }

  private List<Entitlement> licenses(Origin origin) {
    List<Entitlement> out = new ArrayList<>();
    graph.request("GET", "/subscribedSkus").send(origin).body().path("value").forEach(s -> out.add(license(s)));
    return out;
  }

  private static Entitlement group(JsonNode g) {
    Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    if (g.hasNonNull("description")) {
      attributes.put("description", AttributeValue.of(g.path("description").asText()));
    }
    if (g.has("securityEnabled")) {
      attributes.put("securityEnabled", AttributeValue.of(g.path("securityEnabled").asBoolean()));
    }
    return new Entitlement(EntitlementType.GROUP, GROUP_PREFIX + g.path("id").asText(),
        g.path("displayName").asText(g.path("id").asText()), attributes);
  }

  private static Entitlement license(JsonNode s) {
    Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    JsonNode enabled = s.path("prepaidUnits").path("enabled");
    if (enabled.isNumber()) {
      attributes.put("enabledUnits", AttributeValue.of(enabled.asLong()));
      attributes.put("consumedUnits", AttributeValue.of(s.path("consumedUnits").asLong()));
    }
    return new Entitlement(EntitlementType.LICENSE, LICENSE_PREFIX + s.path("skuId").asText(),
        s.path("skuPartNumber").asText(s.path("skuId").asText()), attributes);
  }

  @Override
  public Optional<Entitlement> getEntitlement(String entitlementId) {
    Origin origin = origin("getEntitlement");
    if (entitlementId.startsWith(GROUP_PREFIX)) {
      return graph.request("GET", "/groups/{id}").path("id", entitlementId.substring(GROUP_PREFIX.length()))
          .query("$select", "id,displayName,description,mailEnabled,securityEnabled")
          .sendOrEmpty(origin).map(r -> group(r.body()));
    }
    if (entitlementId.startsWith(LICENSE_PREFIX)) {
      return licenses(origin).stream().filter(e -> e.id().equals(entitlementId)).findFirst();
    }
    return Optional.empty();
  }

  @Override
  public void grant(String accountId, String entitlementId) {
    Origin origin = origin("grant");
    if (entitlementId.startsWith(LICENSE_PREFIX)) {
      ObjectNode body = graph.json().createObjectNode();
      body.putArray("addLicenses").addObject().put("skuId", sku(entitlementId)).putArray("disabledPlans");
      body.putArray("removeLicenses");
      graph.request("POST", "/users/{id}/assignLicense").path("id", accountId).body(body).send(origin);
      return;
    }
    String groupId = groupId(entitlementId, origin);
    ObjectNode ref = graph.json().createObjectNode()
        .put("@odata.id", stripSlash(config.baseUrl()) + "/directoryObjects/" + accountId);
    try {
      graph.request("POST", "/groups/{id}/members/$ref").path("id", groupId).body(ref).send(origin);
    } catch (InvalidRequestException e) {
      // "One or more added object references already exist": granting what is held succeeds.
      if (!e.detail().contains("already exist")) {
        throw e;
      }
    }
  }

  @Override
  public void revoke(String accountId, String entitlementId) {
    Origin origin = origin("revoke");
    if (entitlementId.startsWith(LICENSE_PREFIX)) {
      String sku = sku(entitlementId);
      if (!assignedSkus(accountId, origin).contains(sku)) {
        return;
      }
      ObjectNode body = graph.json().createObjectNode();
      body.putArray("addLicenses");
      body.putArray("removeLicenses").add(sku);
      graph.request("POST", "/users/{id}/assignLicense").path("id", accountId).body(body).send(origin);
      return;
    }
    // 404: the account is not a member (or gone): revoking what is not held succeeds.
    graph.request("DELETE", "/groups/{gid}/members/{uid}/$ref").path("gid", groupId(entitlementId, origin))
        .path("uid", accountId).sendOrEmpty(origin);
  }

  private Set<String> assignedSkus(String accountId, Origin origin) {
    JsonNode user = graph.request("GET", "/users/{id}").path("id", accountId).query("$select", "id,assignedLicenses")
        .send(origin).body();
    Set<String> skus = new TreeSet<>();
    user.path("assignedLicenses").forEach(l -> skus.add(l.path("skuId").asText()));
    return skus;
  }

  @Override
  public Set<String> grantsOf(String accountId) {
    Origin origin = origin("grantsOf");
    Set<String> held = new TreeSet<>();
    assignedSkus(accountId, origin).forEach(s -> held.add(LICENSE_PREFIX + s));
    RestResponse r = graph.request("GET", "/users/{id}/memberOf").path("id", accountId).query("$select", "id")
        .send(origin);
    while (true) {
      for (JsonNode o : r.body().path("value")) {
        if ("#microsoft.graph.group".equals(o.path("@odata.type").asText())) {
          held.add(GROUP_PREFIX + o.path("id").asText());
        }
      }
      String next = Paging.odataNextLink(r.body());
      if (next == null) {
        return held;
      }
      r = graph.requestUrl("GET", next).send(origin);
    }
  }

  @Override
  public Page<String> members(String entitlementId, PageRequest request) {
    Origin origin = origin("members");
    int top = Math.min(request.size(), MAX_PAGE);
    RestResponse r;
    if (request.token() != null) {
      RestRequest next = graph.requestUrl("GET", request.token());
      if (entitlementId.startsWith(LICENSE_PREFIX)) {
        next.header("ConsistencyLevel", "eventual");
      }
      r = next.send(origin);
    } else if (entitlementId.startsWith(LICENSE_PREFIX)) {
      r = graph.request("GET", "/users").query("$filter", "assignedLicenses/any(x:x/skuId eq " + sku(entitlementId) + ")")
          .query("$select", "id").query("$count", "true").query("$top", top).header("ConsistencyLevel", "eventual")
          .send(origin);
    } else {
      r = graph.request("GET", "/groups/{id}/members").path("id", groupId(entitlementId, origin)).query("$select", "id")
          .query("$top", top).send(origin);
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode o : r.body().path("value")) {
      String type = o.path("@odata.type").asText("#microsoft.graph.user");
      if (type.equals("#microsoft.graph.user")) {
        ids.add(o.path("id").asText());
      }
    }
    return Paging.page(ids, Paging.odataNextLink(r.body()));
  }

  @Override
  public void test() {
    graph.request("GET", "/organization").query("$select", "id,displayName").send(origin("test"));
  }

  @Override
  public void close() {
    graph.close();
  }

  @Override
  public String toString() {
    return "MicrosoftGraphConnector[" + context.applicationId() + ", tenant " + config.tenantId() + "]";
  }

  // ---- mapping ----

  private Account toAccount(JsonNode u) {
    Account.Builder b = Account.builder(context.applicationId())
        .id(u.path("id").asText())
        .userName(textOrNull(u, "userPrincipalName"))
        .externalId(textOrNull(u, "employeeId"))
        .active(u.path("accountEnabled").asBoolean(true));
    ATTRIBUTES.forEach((attribute, property) -> {
      String v = textOrNull(u, property);
      if (v != null) {
        b.attribute(attribute, v);
      }
    });
    return b.build();
  }

  private static @Nullable String textOrNull(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isValueNode() && !v.isNull() ? v.asText() : null;
  }

  private static String sku(String entitlementId) {
    return entitlementId.substring(LICENSE_PREFIX.length()).toLowerCase(Locale.ROOT);
  }

  private static String groupId(String entitlementId, Origin origin) {
    if (!entitlementId.startsWith(GROUP_PREFIX) || entitlementId.length() == GROUP_PREFIX.length()) {
      throw new NotFoundException(origin, 0, "no entitlement '" + entitlementId
          + "': Microsoft Graph entitlements are 'group:<object id>' and 'license:<skuId>'");
    }
    return entitlementId.substring(GROUP_PREFIX.length());
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

}
