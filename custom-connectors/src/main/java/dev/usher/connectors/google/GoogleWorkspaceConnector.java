package dev.usher.connectors.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.connectors.rest.JwtBearerTokenProvider;
import dev.usher.connectors.rest.Paging;
import dev.usher.connectors.rest.RestClient;
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
import dev.usher.core.spi.ConnectorException.Origin;
import dev.usher.core.spi.InvalidRequestException;
import dev.usher.core.spi.NotFoundException;
import dev.usher.core.spi.Page;
import dev.usher.core.spi.PageRequest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Google Workspace through the Admin SDK Directory API v1.
 *
 * <p>An account is a user: id = Google's user id, userName = {@code primaryEmail}, externalId =
 * the {@code externalIds} entry of type {@code organization}, active = not {@code suspended}.
 * Attributes: {@code givenName}, {@code familyName} ({@code name.*}, both required to create),
 * {@code orgUnitPath}, {@code title} and {@code department} (the primary {@code organizations}
 * entry), {@code recoveryEmail}, {@code recoveryPhone}. Entitlements are groups
 * ({@code group:<group id>}). New users get a random password they must change at first sign-in.
 */
final class GoogleWorkspaceConnector implements Connector {
  static final String GROUP_PREFIX = "group:";
  private static final String USERS = "/admin/directory/v1/users";
  private static final String GROUPS = "/admin/directory/v1/groups";
  private static final int MAX_USERS_PAGE = 500;
  private static final int MAX_GROUPS_PAGE = 200;
  static final Set<String> ATTRIBUTES =
      Set.of("givenName", "familyName", "orgUnitPath", "title", "department", "recoveryEmail", "recoveryPhone");

  private final GoogleWorkspaceConfig config;
  private final ConnectorContext context;
  private final RestClient directory;
  private final SecureRandom random = new SecureRandom();

  GoogleWorkspaceConnector(GoogleWorkspaceConfig config, ConnectorContext context) {
    this.config = config;
    this.context = context;
    RestClient http = RestClient.open(context.http(), context.clock());
    try {
      JwtBearerTokenProvider tokens = JwtBearerTokenProvider.builder()
          .tokenUrl(config.tokenUrl())
          .issuer(config.serviceAccountEmail())
          .subject(config.adminEmail())
          .keyId(config.privateKeyId())
          .scopes(config.scopes())
          .privateKey(config.privateKey(), "privateKey")
          .describedAs(GoogleWorkspaceConnectorProvider.TYPE + " connector configuration for application '"
              + context.applicationId() + "'")
          .build(http, origin("authenticate"));
      this.directory = http.toBuilder().baseUrl(config.baseUrl()).tokens(tokens).build();
    } catch (RuntimeException e) {
      http.close();
      throw e;
    }
  }

  private Origin origin(String operation) {
    return context.origin(GoogleWorkspaceConnectorProvider.TYPE, operation);
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder().supports(Capability.values()).maxPageSize(MAX_USERS_PAGE).build();
  }

  // ---- accounts ----

  @Override
  public Account create(Account account) {
    Origin origin = origin("create");
    String email = account.userName();
    if (email == null || !email.contains("@")) {
      throw new InvalidRequestException(origin, "a Google Workspace user needs a userName that is its primary email"
          + " address in one of the domain's verified domains, was " + (email == null ? "none" : "'" + email + "'"));
    }
    String given = text(account, "givenName");
    String family = text(account, "familyName");
    if (given == null || family == null) {
      throw new InvalidRequestException(origin, "a Google Workspace user needs the attributes givenName and"
          + " familyName (name.givenName and name.familyName); missing: "
          + (given == null ? "givenName" + (family == null ? ", familyName" : "") : "familyName"));
    }
    ObjectNode body = directory.json().createObjectNode();
    body.put("primaryEmail", email);
    body.putObject("name").put("givenName", given).put("familyName", family);
    body.put("password", initialPassword());
    body.put("changePasswordAtNextLogin", true);
    body.put("suspended", !account.active());
    if (account.externalId() != null) {
      body.putArray("externalIds").addObject().put("value", account.externalId()).put("type", "organization");
    }
    ObjectNode organization = null;
    for (Map.Entry<String, AttributeValue> e : account.attributes().entrySet()) {
      String name = e.getKey();
      String value = e.getValue().asText().orElseThrow(() -> new InvalidRequestException(origin,
          "attribute '" + name + "' must be text for Google Workspace, was a " + e.getValue().typeName()));
      switch (name) {
        case "givenName", "familyName" -> { }
        case "title", "department" -> {
          if (organization == null) {
            organization = body.putArray("organizations").addObject().put("primary", true);
          }
          organization.put(name, value);
        }
        case "orgUnitPath", "recoveryEmail", "recoveryPhone" -> body.put(name, value);
        default -> throw unknown(name, origin);
      }
    }
    return toAccount(directory.request("POST", USERS).body(body).send(origin).body());
  }

  private static @Nullable String text(Account account, String attribute) {
    return account.attribute(attribute).flatMap(AttributeValue::asText).filter(s -> !s.isBlank()).orElse(null);
  }

  private InvalidRequestException unknown(String attribute, Origin origin) {
    return new InvalidRequestException(origin, "attribute '" + attribute + "' has no Google Workspace user field;"
        + " expected one of userName, externalId, active, " + String.join(", ", new TreeSet<>(ATTRIBUTES)));
  }

  /** 20 characters of letters, digits and symbols: above Google's minimum of 8. */
  private String initialPassword() {
    String chars = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%*+-=?@_";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      sb.append(chars.charAt(random.nextInt(chars.length())));
    }
    return sb.toString();
  }

  @Override
  public Optional<Account> get(String accountId) {
    return user(accountId, origin("get")).map(this::toAccount);
  }

  private Optional<JsonNode> user(String userKey, Origin origin) {
    return directory.request("GET", USERS + "/{userKey}").path("userKey", userKey).sendOrEmpty(origin)
        .map(RestResponse::body);
  }

  @Override
  public List<Account> find(String attribute, AttributeValue value) {
    Origin origin = origin("find");
    String text = value.asText().orElseThrow(() ->
        new InvalidRequestException(origin, "find by '" + attribute + "' needs a text value, was a " + value.typeName()));
    String field = switch (attribute) {
      case Account.USER_NAME -> "email";
      case Account.EXTERNAL_ID -> "externalId";
      case "givenName", "familyName", "orgUnitPath" -> attribute;
      default -> throw new InvalidRequestException(origin, "Google Workspace users can be found by userName,"
          + " externalId, givenName, familyName or orgUnitPath, not by '" + attribute + "'");
    };
    String query = field + ":'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    List<Account> found = new ArrayList<>();
    String token = null;
    do {
      JsonNode body = directory.request("GET", USERS).query("customer", config.customer()).query("query", query)
          .query("maxResults", MAX_USERS_PAGE).query("pageToken", token).send(origin).body();
      body.path("users").forEach(u -> found.add(toAccount(u)));
      token = Paging.pageToken(body, "nextPageToken");
    } while (token != null);
    return found;
  }

  @Override
  public Page<Account> listAccounts(PageRequest request) {
    JsonNode body = directory.request("GET", USERS).query("customer", config.customer())
        .query("maxResults", Math.min(request.size(), MAX_USERS_PAGE)).query("orderBy", "email")
        .query("pageToken", request.token()).send(origin("listAccounts")).body();
    List<Account> items = new ArrayList<>();
    body.path("users").forEach(u -> items.add(toAccount(u)));
    return Paging.page(items, Paging.pageToken(body, "nextPageToken"));
  }

  @Override
  public Account update(String accountId, List<AttributeChange> changes) {
    Origin origin = origin("update");
    JsonNode current = user(accountId, origin).orElseThrow(() -> notFound(origin, accountId));
    ObjectNode patch = directory.json().createObjectNode();
    for (AttributeChange c : changes) {
      String value = c.op() == AttributeChange.Op.REMOVE || c.value() == null ? null
          : c.value().asText().orElseThrow(() -> new InvalidRequestException(origin,
              "attribute '" + c.attribute() + "' must be text for Google Workspace, was a " + c.value().typeName()));
      switch (c.attribute()) {
        case Account.USER_NAME -> patch.put("primaryEmail", required(value, c, origin));
        case Account.EXTERNAL_ID -> {
          ArrayNode ids = patch.putArray("externalIds");
          if (value != null) {
            ids.addObject().put("value", value).put("type", "organization");
          }
        }
        case Account.ACTIVE -> patch.put("suspended", !Boolean.parseBoolean(required(value, c, origin)));
        case "givenName", "familyName" -> {
          ObjectNode name = patch.has("name") ? (ObjectNode) patch.get("name") : patch.putObject("name");
          name.put(c.attribute(), required(value, c, origin));
        }
        case "title", "department" -> {
          ObjectNode org = primaryOrganization(patch, current);
          if (value == null) {
            org.remove(c.attribute());
          } else {
            org.put(c.attribute(), value);
          }
        }
        case "orgUnitPath", "recoveryEmail", "recoveryPhone" -> {
          if (value == null) {
            patch.put(c.attribute(), "");
          } else {
            patch.put(c.attribute(), value);
          }
        }
        default -> throw unknown(c.attribute(), origin);
      }
    }
    if (patch.isEmpty()) {
      return toAccount(current);
    }
    return toAccount(directory.request("PATCH", USERS + "/{userKey}").path("userKey", accountId).body(patch)
        .send(origin).body());
  }

  /** The organizations array is replaced whole by a patch, so the others are sent back unchanged. */
  private ObjectNode primaryOrganization(ObjectNode patch, JsonNode current) {
    ArrayNode orgs;
    if (patch.has("organizations")) {
      orgs = (ArrayNode) patch.get("organizations");
    } else {
      orgs = patch.putArray("organizations");
      current.path("organizations").forEach(o -> orgs.add(o.deepCopy()));
    }
    for (JsonNode o : orgs) {
      if (o.path("primary").asBoolean(false)) {
        return (ObjectNode) o;
      }
    }
    return orgs.isEmpty() ? orgs.addObject().put("primary", true) : (ObjectNode) orgs.get(0);
  }

  private static String required(@Nullable String value, AttributeChange c, Origin origin) {
    if (value == null) {
      throw new InvalidRequestException(origin, "'" + c.attribute() + "' cannot be removed from a Google Workspace user");
    }
    return value;
  }

  @Override
  public void enable(String accountId) {
    setSuspended(accountId, false, origin("enable"));
  }

  @Override
  public void disable(String accountId) {
    setSuspended(accountId, true, origin("disable"));
  }

  private void setSuspended(String accountId, boolean suspended, Origin origin) {
    directory.request("PATCH", USERS + "/{userKey}").path("userKey", accountId)
        .body(directory.json().createObjectNode().put("suspended", suspended)).send(origin);
  }

  /** Google keeps a deleted user restorable for 20 days, but it leaves the directory at once. */
  @Override
  public void delete(String accountId) {
    directory.request("DELETE", USERS + "/{userKey}").path("userKey", accountId).send(origin("delete"));
  }

  // ---- groups ----

  @Override
  public Page<Entitlement> listEntitlements(PageRequest request) {
    JsonNode body = directory.request("GET", GROUPS).query("customer", config.customer())
        .query("maxResults", Math.min(request.size(), MAX_GROUPS_PAGE)).query("pageToken", request.token())
        .send(origin("listEntitlements")).body();
    List<Entitlement> items = new ArrayList<>();
    body.path("groups").forEach(g -> items.add(group(g)));
    return Paging.page(items, Paging.pageToken(body, "nextPageToken"));
  }

  private static Entitlement group(JsonNode g) {
    Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    attributes.put("email", AttributeValue.of(g.path("email").asText()));
    if (g.hasNonNull("description") && !g.path("description").asText().isEmpty()) {
      attributes.put("description", AttributeValue.of(g.path("description").asText()));
    }
    return new Entitlement(EntitlementType.GROUP, GROUP_PREFIX + g.path("id").asText(),
        g.path("name").asText(g.path("email").asText()), attributes);
  }

  @Override
  public Optional<Entitlement> getEntitlement(String entitlementId) {
    if (!entitlementId.startsWith(GROUP_PREFIX) || entitlementId.length() == GROUP_PREFIX.length()) {
      return Optional.empty();
    }
    return directory.request("GET", GROUPS + "/{groupKey}").path("groupKey", groupKey(entitlementId, origin("getEntitlement")))
        .sendOrEmpty(origin("getEntitlement")).map(r -> group(r.body()));
  }

  @Override
  public void grant(String accountId, String entitlementId) {
    Origin origin = origin("grant");
    String group = groupKey(entitlementId, origin);
    JsonNode user = user(accountId, origin).orElseThrow(() -> notFound(origin, accountId));
    ObjectNode member = directory.json().createObjectNode()
        .put("email", user.path("primaryEmail").asText()).put("role", "MEMBER").put("type", "USER");
    try {
      directory.request("POST", GROUPS + "/{groupKey}/members").path("groupKey", group).body(member).send(origin);
    } catch (AlreadyExistsException held) {
      // 409 "Member already exists.": granting what is held succeeds.
    }
  }

  @Override
  public void revoke(String accountId, String entitlementId) {
    Origin origin = origin("revoke");
    // 404: not a member: revoking what is not held succeeds.
    directory.request("DELETE", GROUPS + "/{groupKey}/members/{memberKey}").path("groupKey", groupKey(entitlementId, origin))
        .path("memberKey", accountId).sendOrEmpty(origin);
  }

  @Override
  public Set<String> grantsOf(String accountId) {
    Origin origin = origin("grantsOf");
    Set<String> held = new TreeSet<>();
    String token = null;
    do {
      JsonNode body = directory.request("GET", GROUPS).query("userKey", accountId).query("maxResults", MAX_GROUPS_PAGE)
          .query("pageToken", token).send(origin).body();
      body.path("groups").forEach(g -> held.add(GROUP_PREFIX + g.path("id").asText()));
      token = Paging.pageToken(body, "nextPageToken");
    } while (token != null);
    return held;
  }

  @Override
  public Page<String> members(String entitlementId, PageRequest request) {
    Origin origin = origin("members");
    JsonNode body = directory.request("GET", GROUPS + "/{groupKey}/members").path("groupKey", groupKey(entitlementId, origin))
        .query("maxResults", Math.min(request.size(), MAX_GROUPS_PAGE)).query("pageToken", request.token())
        .send(origin).body();
    List<String> ids = new ArrayList<>();
    for (JsonNode m : body.path("members")) {
      if ("USER".equals(m.path("type").asText("USER"))) {
        ids.add(m.path("id").asText());
      }
    }
    return Paging.page(ids, Paging.pageToken(body, "nextPageToken"));
  }

  @Override
  public void test() {
    directory.request("GET", USERS).query("customer", config.customer()).query("maxResults", 1).send(origin("test"));
  }

  @Override
  public void close() {
    directory.close();
  }

  @Override
  public String toString() {
    return "GoogleWorkspaceConnector[" + context.applicationId() + ", as " + config.adminEmail() + "]";
  }

  // ---- mapping ----

  private Account toAccount(JsonNode u) {
    Account.Builder b = Account.builder(context.applicationId())
        .id(u.path("id").asText())
        .userName(u.path("primaryEmail").asText(null))
        .active(!u.path("suspended").asBoolean(false));
    for (JsonNode e : u.path("externalIds")) {
      if ("organization".equals(e.path("type").asText())) {
        b.externalId(e.path("value").asText());
        break;
      }
    }
    put(b, "givenName", u.path("name").path("givenName"));
    put(b, "familyName", u.path("name").path("familyName"));
    put(b, "orgUnitPath", u.path("orgUnitPath"));
    put(b, "recoveryEmail", u.path("recoveryEmail"));
    put(b, "recoveryPhone", u.path("recoveryPhone"));
    JsonNode primary = null;
    for (JsonNode o : u.path("organizations")) {
      if (primary == null || o.path("primary").asBoolean(false)) {
        primary = o;
      }
    }
    if (primary != null) {
      put(b, "title", primary.path("title"));
      put(b, "department", primary.path("department"));
    }
    return b.build();
  }

  private static void put(Account.Builder b, String attribute, JsonNode value) {
    if (value.isTextual() && !value.asText().isEmpty()) {
      b.attribute(attribute, value.asText());
    }
  }

  private static String groupKey(String entitlementId, Origin origin) {
    if (!entitlementId.startsWith(GROUP_PREFIX) || entitlementId.length() == GROUP_PREFIX.length()) {
      throw new NotFoundException(origin, 0, "no entitlement '" + entitlementId
          + "': Google Workspace entitlements are 'group:<group id>'");
    }
    return entitlementId.substring(GROUP_PREFIX.length());
  }

  private static NotFoundException notFound(Origin origin, String accountId) {
    return new NotFoundException(origin, 404, "no Google Workspace user '" + accountId + "'");
  }
}
