package dev.usher.examples.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.connectors.rest.RestClient;
import dev.usher.connectors.rest.TokenProvider;
import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.Entitlement;
import dev.usher.core.model.EntitlementType;
import dev.usher.core.spi.AttributeChange;
import dev.usher.core.spi.Capabilities;
import dev.usher.core.spi.Capability;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.ConnectorException.Origin;
import dev.usher.core.spi.InvalidRequestException;
import dev.usher.core.spi.Page;
import dev.usher.core.spi.PageRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A connector for "Acme Notes" (see {@link FakeNotesApi} for its API), written the way a
 * vendor connector is: on the shared REST toolkit ({@link RestClient}: one HTTP client per
 * connector, timeouts from the context, HTTP failures mapped to the SPI's exceptions, no
 * retries of its own: the engine retries).
 *
 * <p>An account is a Notes user: id, userName, externalId, active, and the attributes
 * {@code email}, {@code title} and {@code displayName}. Entitlements are groups.
 */
final class NotesConnector implements Connector {
  private static final Set<String> ATTRIBUTES = Set.of("email", "title", "displayName");
  private static final int MAX_PAGE = 100;

  private final ConnectorContext context;
  private final RestClient api;

  NotesConnector(NotesConfig config, ConnectorContext context) {
    this.context = context;
    this.api = RestClient.open(context.http(), context.clock()).toBuilder()
        .baseUrl(config.baseUrl())
        .tokens(TokenProvider.of(config.apiKey()))
        .build();
  }

  private Origin origin(String operation) {
    return context.origin(NotesConnectorProvider.TYPE, operation);
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder().supports(Capability.values()).maxPageSize(MAX_PAGE).build();
  }

  @Override
  public Account create(Account account) {
    Origin origin = origin("create");
    ObjectNode body = api.json().createObjectNode();
    body.put("userName", account.userName());
    body.put("externalId", account.externalId());
    body.put("active", account.active());
    account.attributes().forEach((name, value) -> body.put(field(name, origin), text(name, value, origin)));
    return toAccount(api.request("POST", "/api/users").body(body).send(origin).body());
  }

  @Override
  public Optional<Account> get(String accountId) {
    return api.request("GET", "/api/users/{id}").path("id", accountId).sendOrEmpty(origin("get"))
        .map(r -> toAccount(r.body()));
  }

  @Override
  public List<Account> find(String attribute, AttributeValue value) {
    Origin origin = origin("find");
    if (!Set.of("userName", "externalId", "email").contains(attribute)) {
      throw new InvalidRequestException(origin, "Notes users can be found by userName, externalId or email, not by '"
          + attribute + "'");
    }
    JsonNode body = api.request("GET", "/api/users").query(attribute, text(attribute, value, origin)).send(origin).body();
    List<Account> found = new ArrayList<>();
    body.path("users").forEach(u -> found.add(toAccount(u)));
    return found;
  }

  @Override
  public Page<Account> listAccounts(PageRequest request) {
    JsonNode body = api.request("GET", "/api/users")
        .query("offset", request.token() == null ? "0" : request.token())
        .query("limit", Math.min(request.size(), MAX_PAGE))
        .send(origin("listAccounts")).body();
    List<Account> page = new ArrayList<>();
    body.path("users").forEach(u -> page.add(toAccount(u)));
    return body.hasNonNull("nextOffset") ? Page.of(page, body.path("nextOffset").asText()) : Page.last(page);
  }

  @Override
  public Account update(String accountId, List<AttributeChange> changes) {
    Origin origin = origin("update");
    ObjectNode body = api.json().createObjectNode();
    for (AttributeChange change : changes) {
      String name = change.attribute();
      String field = name.equals("userName") || name.equals("externalId") ? name : field(name, origin);
      if (change.op() == AttributeChange.Op.REMOVE || change.value() == null) {
        body.putNull(field);                          // every Notes field holds one value
      } else {
        body.put(field, text(name, change.value(), origin));
      }
    }
    return toAccount(api.request("PATCH", "/api/users/{id}").path("id", accountId).body(body).send(origin).body());
  }

  @Override
  public void enable(String accountId) {
    setActive(accountId, true, origin("enable"));
  }

  @Override
  public void disable(String accountId) {
    setActive(accountId, false, origin("disable"));
  }

  private void setActive(String accountId, boolean active, Origin origin) {
    api.request("PATCH", "/api/users/{id}").path("id", accountId)
        .body(api.json().createObjectNode().put("active", active)).send(origin);
  }

  @Override
  public void delete(String accountId) {
    api.request("DELETE", "/api/users/{id}").path("id", accountId).send(origin("delete"));
  }

  @Override
  public Page<Entitlement> listEntitlements(PageRequest request) {
    List<Entitlement> all = new ArrayList<>();
    api.request("GET", "/api/groups").send(origin("listEntitlements")).body().path("groups")
        .forEach(g -> all.add(toEntitlement(g)));
    return Page.last(all);                            // Notes returns every group at once
  }

  @Override
  public Optional<Entitlement> getEntitlement(String entitlementId) {
    return api.request("GET", "/api/groups/{id}").path("id", entitlementId).sendOrEmpty(origin("getEntitlement"))
        .map(r -> toEntitlement(r.body()));
  }

  @Override
  public void grant(String accountId, String entitlementId) {
    api.request("PUT", "/api/groups/{group}/members/{user}").path("group", entitlementId).path("user", accountId)
        .send(origin("grant"));
  }

  @Override
  public void revoke(String accountId, String entitlementId) {
    api.request("DELETE", "/api/groups/{group}/members/{user}").path("group", entitlementId).path("user", accountId)
        .send(origin("revoke"));
  }

  @Override
  public Set<String> grantsOf(String accountId) {
    Set<String> held = new LinkedHashSet<>();
    api.request("GET", "/api/users/{id}/groups").path("id", accountId).send(origin("grantsOf")).body()
        .forEach(id -> held.add(id.asText()));
    return held;
  }

  @Override
  public Page<String> members(String entitlementId, PageRequest request) {
    List<String> ids = new ArrayList<>();
    api.request("GET", "/api/groups/{id}/members").path("id", entitlementId).send(origin("members")).body()
        .forEach(id -> ids.add(id.asText()));
    return Page.last(ids);
  }

  @Override
  public void test() {
    api.request("GET", "/api/groups").send(origin("test"));
  }

  @Override
  public void close() {
    api.close();
  }

  @Override
  public String toString() {
    return "NotesConnector[" + context.applicationId() + "]";
  }

  private static String field(String attribute, Origin origin) {
    if (!ATTRIBUTES.contains(attribute)) {
      throw new InvalidRequestException(origin, "Notes users have no attribute '" + attribute
          + "'; expected userName, externalId, active, email, title or displayName");
    }
    return attribute;
  }

  private static String text(String attribute, AttributeValue value, Origin origin) {
    return value.asText().orElseThrow(() -> new InvalidRequestException(origin,
        "attribute '" + attribute + "' must be text for Notes, was a " + value.typeName()));
  }

  private Account toAccount(JsonNode u) {
    Account.Builder b = Account.builder(context.applicationId()).id(u.path("id").asText())
        .userName(u.path("userName").asText(null))
        .externalId(u.path("externalId").asText(null))
        .active(u.path("active").asBoolean(true));
    for (String name : ATTRIBUTES) {
      if (u.hasNonNull(name)) {
        b.attribute(name, u.path(name).asText());
      }
    }
    return b.build();
  }

  private static Entitlement toEntitlement(JsonNode g) {
    return Entitlement.of(EntitlementType.GROUP, g.path("id").asText(), g.path("name").asText());
  }
}
