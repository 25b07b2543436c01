package dev.usher.connectors.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.connectors.rest.FailureMapper;
import dev.usher.connectors.rest.Paging;
import dev.usher.connectors.rest.RestClient;
import dev.usher.connectors.rest.RestFailures;
import dev.usher.connectors.rest.RestResponse;
import dev.usher.connectors.rest.TokenProvider;
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
import dev.usher.core.spi.UnsupportedCapabilityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One GitHub organization through the REST API.
 *
 * <p>Accounts are organization members and pending invitations. An account's id is the GitHub
 * login; an invitation sent to an email address (no login yet) has the id
 * {@code invitation:<id>}. Attributes: {@code role} ({@code admin} or {@code member}),
 * {@code state} ({@code active} or {@code pending}), {@code email} (invitations),
 * {@code githubId} (the numeric user id, when known). GitHub keeps no external id.
 *
 * <p>Entitlements are teams ({@code team:<slug>}) and the owner role ({@code role:admin}).
 * Listings of members and of a team's members include pending invitations, so what was just
 * granted is visible before the invitee accepts.
 */
final class GitHubConnector implements Connector {
  static final String INVITATION_PREFIX = "invitation:";
  static final String TEAM_PREFIX = "team:";
  static final String ROLE_ADMIN = "role:admin";
  private static final int MAX_PAGE = 100;
  private static final String ACTIVE_PHASE = "a|";
  private static final String PENDING_PHASE = "p|";

  private final ConnectorContext context;
  private final RestClient api;
  private final String org;

  GitHubConnector(GitHubConfig config, ConnectorContext context) {
    this.context = context;
    this.org = config.organization();
    RestClient http = RestClient.open(context.http(), context.clock());
    this.api = http.toBuilder()
        .baseUrl(config.baseUrl())
        .tokens(TokenProvider.of(config.token()))
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", config.apiVersion())
        .failures(GitHubConnector::failure)
        .build();
  }

  /** GitHub answers 422 when an invitee already belongs to the organization or is invited. */
  private static @Nullable AlreadyExistsException failure(Origin origin, RestResponse r) {
    if (r.status() == 422 && r.text().toLowerCase(Locale.ROOT).contains("already")) {
      return new AlreadyExistsException(origin, 422, RestFailures.detail(r), null);
    }
    return null;
  }

  private Origin origin(String operation) {
    return context.origin(GitHubConnectorProvider.TYPE, operation);
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder()
        .supports(Capability.CREATE_ACCOUNT, Capability.GET_ACCOUNT, Capability.FIND_ACCOUNT,
            Capability.LIST_ACCOUNTS, Capability.UPDATE_ACCOUNT, Capability.DELETE_ACCOUNT,
            Capability.LIST_ENTITLEMENTS, Capability.GRANT, Capability.LIST_ACCOUNT_GRANTS,
            Capability.LIST_MEMBERS, Capability.TEST_CONNECTION)
        .maxPageSize(MAX_PAGE)
        .build();
  }

  // ---- accounts ----

  @Override
  public Account create(Account account) {
    Origin origin = origin("create");
    String role = roleOf(account.attributes().get("role"), origin);
    ObjectNode body = api.json().createObjectNode().put("role", "admin".equals(role) ? "admin" : "direct_member");
    String login = account.userName();
    if (login != null && !login.isBlank()) {
      Optional<Account> existing = membership(login, origin);
      if (existing.isPresent()) {
        throw new AlreadyExistsException(origin, 0,
            "'" + login + "' is already " + (isPending(existing.get()) ? "invited to" : "a member of")
                + " organization " + org, existing.get().id());
      }
      JsonNode user = api.request("GET", "/users/{username}").path("username", login).sendOrEmpty(origin)
          .orElseThrow(() -> new InvalidRequestException(origin, 404, "there is no GitHub user '" + login + "'", null))
          .body();
      body.put("invitee_id", user.path("id").asLong());
    } else {
      String email = account.attribute("email").flatMap(AttributeValue::asText).orElseThrow(() ->
          new InvalidRequestException(origin, "a GitHub account needs a userName (the GitHub login) or an"
              + " 'email' attribute to invite; it has neither"));
      Optional<Account> invited = findInvitation(i -> email.equalsIgnoreCase(i.path("email").asText("")), origin);
      if (invited.isPresent()) {
        throw new AlreadyExistsException(origin, 0, "'" + email + "' is already invited to organization " + org,
            invited.get().id());
      }
      body.put("email", email);
    }
    JsonNode invitation = api.request("POST", "/orgs/{org}/invitations").path("org", org).body(body)
        .send(origin).body();
    return fromInvitation(invitation);
  }

  @Override
  public Optional<Account> get(String accountId) {
    Origin origin = origin("get");
    if (accountId.startsWith(INVITATION_PREFIX)) {
      String id = accountId.substring(INVITATION_PREFIX.length());
      return findInvitation(i -> id.equals(i.path("id").asText()), origin);
    }
    return membership(accountId, origin);
  }

  private Optional<Account> membership(String login, Origin origin) {
    return api.request("GET", "/orgs/{org}/memberships/{username}").path("org", org).path("username", login)
        .sendOrEmpty(origin).map(r -> fromMembership(r.body()));
  }

  @Override
  public List<Account> find(String attribute, AttributeValue value) {
    Origin origin = origin("find");
    String text = value.asText().orElseThrow(() ->
        new InvalidRequestException(origin, "find by '" + attribute + "' needs a text value, was a " + value.typeName()));
    switch (attribute) {
      case Account.USER_NAME:
        return membership(text, origin).map(List::of).orElse(List.of());
      case "email":
        return findInvitation(i -> text.equalsIgnoreCase(i.path("email").asText("")), origin)
            .map(List::of).orElse(List.of());
      default:
        throw new InvalidRequestException(origin, "GitHub accounts can be found by userName (the login) or"
            + " email (pending invitations only), not by '" + attribute + "'");
    }
  }

  private Optional<Account> findInvitation(java.util.function.Predicate<JsonNode> match, Origin origin) {
    String url = null;
    do {
      RestResponse r = url == null
          ? api.request("GET", "/orgs/{org}/invitations").path("org", org).query("per_page", MAX_PAGE).send(origin)
          : api.requestUrl("GET", url).send(origin);
      for (JsonNode i : r.body()) {
        if (match.test(i)) {
          return Optional.of(fromInvitation(i));
        }
      }
      url = Paging.nextLink(r);
    } while (url != null);
    return Optional.empty();
  }

  /**
   * Active members first (their {@code /members} listing), then pending invitations. The token
   * says which listing and holds GitHub's next link: {@code a|<url>} or {@code p|<url>}.
   */
  @Override
  public Page<Account> listAccounts(PageRequest request) {
    Origin origin = origin("listAccounts");
    return twoPhase(request, origin, "/orgs/{org}/members", "/orgs/{org}/invitations",
        m -> fromMember(m), this::fromInvitation, Map.of());
  }

  private <T> Page<T> twoPhase(PageRequest request, Origin origin, String activePath, String pendingPath,
      Function<JsonNode, T> active, Function<JsonNode, T> pending, Map<String, String> pathValues) {
    String token = request.token();
    int size = Math.min(request.size(), MAX_PAGE);
    boolean pendingPhase = token != null && token.startsWith(PENDING_PHASE);
    if (token != null && !token.startsWith(ACTIVE_PHASE) && !pendingPhase) {
      throw new InvalidRequestException(origin, "page token '" + token + "' was not made by this connector");
    }
    String url = token == null ? "" : token.substring(2);
    RestResponse r;
    if (url.isEmpty()) {
      var req = api.request("GET", pendingPhase ? pendingPath : activePath).path("org", org).query("per_page", size);
      pathValues.forEach(req::path);
      r = req.send(origin);
    } else {
      r = api.requestUrl("GET", url).send(origin);
    }
    List<T> items = new ArrayList<>();
    for (JsonNode n : r.body()) {
      items.add(pendingPhase ? pending.apply(n) : active.apply(n));
    }
    String next = Paging.nextLink(r);
    if (next != null) {
      return Page.of(items, (pendingPhase ? PENDING_PHASE : ACTIVE_PHASE) + next);
    }
    return Page.of(items, pendingPhase ? null : PENDING_PHASE);
  }

  @Override
  public Account update(String accountId, List<AttributeChange> changes) {
    Origin origin = origin("update");
    Account current = get(accountId).orElseThrow(() -> notFound(origin, accountId));
    for (AttributeChange change : changes) {
      if (!change.attribute().equals("role") || change.op() == AttributeChange.Op.REMOVE) {
        throw new InvalidRequestException(origin, "GitHub lets Usher change only 'role' (admin or member) of an"
            + " organization member; cannot " + change.op() + " '" + change.attribute() + "'");
      }
      if (accountId.startsWith(INVITATION_PREFIX)) {
        throw new InvalidRequestException(origin, "the role of an email invitation cannot change; cancel it and invite again");
      }
      setRole(accountId, roleOf(change.value(), origin), origin);
    }
    return changes.isEmpty() ? current : get(accountId).orElseThrow(() -> notFound(origin, accountId));
  }

  private void setRole(String login, String role, Origin origin) {
    api.request("PUT", "/orgs/{org}/memberships/{username}").path("org", org).path("username", login)
        .body(Map.of("role", role)).send(origin);
  }

  @Override
  public void enable(String accountId) {
    throw cannotDisable("enable");
  }

  @Override
  public void disable(String accountId) {
    throw cannotDisable("disable");
  }

  private UnsupportedCapabilityException cannotDisable(String operation) {
    return new UnsupportedCapabilityException(origin(operation), Capability.DISABLE_ACCOUNT,
        "GitHub has no disabled state for organization members; remove the member instead");
  }

  @Override
  public void delete(String accountId) {
    Origin origin = origin("delete");
    if (accountId.startsWith(INVITATION_PREFIX)) {
      api.request("DELETE", "/orgs/{org}/invitations/{id}").path("org", org)
          .path("id", accountId.substring(INVITATION_PREFIX.length())).send(origin);
      return;
    }
    // Removes a member, or cancels the invitation of a login that is still pending.
    api.request("DELETE", "/orgs/{org}/memberships/{username}").path("org", org).path("username", accountId)
        .send(origin);
  }

  // ---- entitlements ----

  private static final Entitlement ADMIN = Entitlement.of(EntitlementType.ROLE, ROLE_ADMIN, "Organization owner");

  @Override
  public Page<Entitlement> listEntitlements(PageRequest request) {
    Origin origin = origin("listEntitlements");
    RestResponse r = request.token() == null
        ? api.request("GET", "/orgs/{org}/teams").path("org", org).query("per_page", Math.min(request.size(), MAX_PAGE))
            .send(origin)
        : api.requestUrl("GET", request.token()).send(origin);
    List<Entitlement> items = new ArrayList<>();
    if (request.token() == null) {
      items.add(ADMIN);
    }
    for (JsonNode t : r.body()) {
      items.add(team(t));
    }
    return Page.of(items, Paging.nextLink(r));
  }

  private static Entitlement team(JsonNode t) {
    Map<String, AttributeValue> attributes = new java.util.LinkedHashMap<>();
    if (t.hasNonNull("description") && !t.path("description").asText().isEmpty()) {
      attributes.put("description", AttributeValue.of(t.path("description").asText()));
    }
    if (t.hasNonNull("privacy")) {
      attributes.put("privacy", AttributeValue.of(t.path("privacy").asText()));
    }
    if (t.hasNonNull("id")) {
      attributes.put("githubId", AttributeValue.of(t.path("id").asLong()));
    }
    return new Entitlement(EntitlementType.TEAM, TEAM_PREFIX + t.path("slug").asText(),
        t.path("name").asText(t.path("slug").asText()), attributes);
  }

  @Override
  public Optional<Entitlement> getEntitlement(String entitlementId) {
    Origin origin = origin("getEntitlement");
    if (ROLE_ADMIN.equals(entitlementId)) {
      return Optional.of(ADMIN);
    }
    if (!entitlementId.startsWith(TEAM_PREFIX)) {
      return Optional.empty();
    }
    return api.request("GET", "/orgs/{org}/teams/{slug}").path("org", org).path("slug", slug(entitlementId))
        .sendOrEmpty(origin).map(r -> team(r.body()));
  }

  @Override
  public void grant(String accountId, String entitlementId) {
    Origin origin = origin("grant");
    String login = loginOf(accountId, origin);
    if (membership(login, origin).isEmpty()) {
      throw notFound(origin, accountId);
    }
    if (ROLE_ADMIN.equals(entitlementId)) {
      setRole(login, "admin", origin);
      return;
    }
    requireTeamId(entitlementId, origin);
    try {
      api.request("PUT", "/orgs/{org}/teams/{slug}/memberships/{username}").path("org", org)
          .path("slug", slug(entitlementId)).path("username", login).body(Map.of("role", "member")).send(origin);
    } catch (NotFoundException e) {
      throw new NotFoundException(origin, 404, "no team '" + slug(entitlementId) + "' in organization " + org);
    }
  }

  @Override
  public void revoke(String accountId, String entitlementId) {
    Origin origin = origin("revoke");
    String login = loginOf(accountId, origin);
    if (ROLE_ADMIN.equals(entitlementId)) {
      Optional<Account> m = membership(login, origin);
      if (m.isPresent() && m.get().attribute("role").flatMap(AttributeValue::asText).orElse("").equals("admin")) {
        setRole(login, "member", origin);
      }
      return;
    }
    requireTeamId(entitlementId, origin);
    // GitHub answers 404 for a login not on the team: revoking what is not held succeeds.
    api.request("DELETE", "/orgs/{org}/teams/{slug}/memberships/{username}").path("org", org)
        .path("slug", slug(entitlementId)).path("username", login).sendOrEmpty(origin);
  }

  /** Every team is asked about the account: GitHub has no "teams of a member" call for organizations. */
  @Override
  public Set<String> grantsOf(String accountId) {
    Origin origin = origin("grantsOf");
    String login = loginOf(accountId, origin);
    Account member = membership(login, origin).orElseThrow(() -> notFound(origin, accountId));
    Set<String> held = new TreeSet<>();
    if (member.attribute("role").flatMap(AttributeValue::asText).orElse("").equals("admin")) {
      held.add(ROLE_ADMIN);
    }
    PageRequest page = PageRequest.first(MAX_PAGE);
    while (true) {
      Page<Entitlement> teams = listEntitlements(page);
      for (Entitlement e : teams.items()) {
        if (e.id().startsWith(TEAM_PREFIX)
            && api.request("GET", "/orgs/{org}/teams/{slug}/memberships/{username}").path("org", org)
                .path("slug", slug(e.id())).path("username", login).sendOrEmpty(origin).isPresent()) {
          held.add(e.id());
        }
      }
      if (teams.isLast()) {
        return held;
      }
      page = page.next(teams.nextToken());
    }
  }

  /** A team's active members, then its pending invitations; admins, then invitations as admin. */
  @Override
  public Page<String> members(String entitlementId, PageRequest request) {
    Origin origin = origin("members");
    if (ROLE_ADMIN.equals(entitlementId)) {
      Page<String> page = twoPhase(request, origin, "/orgs/{org}/members?role=admin", "/orgs/{org}/invitations",
          m -> m.path("login").asText(), i -> "admin".equals(i.path("role").asText()) ? idOfInvitation(i) : "",
          Map.of());
      return new Page<>(page.items().stream().filter(s -> !s.isEmpty()).toList(), page.nextToken(), page.complete());
    }
    requireTeamId(entitlementId, origin);
    if (request.token() == null && getEntitlement(entitlementId).isEmpty()) {
      throw new NotFoundException(origin, 404, "no team '" + slug(entitlementId) + "' in organization " + org);
    }
    return twoPhase(request, origin, "/orgs/{org}/teams/{slug}/members", "/orgs/{org}/teams/{slug}/invitations",
        m -> m.path("login").asText(), GitHubConnector::idOfInvitation, Map.of("slug", slug(entitlementId)));
  }

  @Override
  public void test() {
    api.request("GET", "/orgs/{org}").path("org", org).send(origin("test"));
  }

  @Override
  public void close() {
    api.close();
  }

  @Override
  public String toString() {
    return "GitHubConnector[" + context.applicationId() + ", organization " + org + "]";
  }

  // ---- mapping ----

  private Account fromMembership(JsonNode m) {
    JsonNode user = m.path("user");
    Account.Builder b = Account.builder(context.applicationId())
        .id(user.path("login").asText())
        .userName(user.path("login").asText())
        .attribute("role", "admin".equals(m.path("role").asText()) ? "admin" : "member")
        .attribute("state", m.path("state").asText("active"));
    if (user.hasNonNull("id")) {
      b.attribute("githubId", user.path("id").asLong());
    }
    return b.build();
  }

  private Account fromMember(JsonNode m) {
    Account.Builder b = Account.builder(context.applicationId())
        .id(m.path("login").asText()).userName(m.path("login").asText()).attribute("state", "active");
    if (m.hasNonNull("id")) {
      b.attribute("githubId", m.path("id").asLong());
    }
    return b.build();
  }

  private Account fromInvitation(JsonNode i) {
    String login = i.path("login").isTextual() ? i.path("login").asText() : null;
    String role = i.path("role").asText("direct_member");
    Account.Builder b = Account.builder(context.applicationId())
        .id(idOfInvitation(i))
        .userName(login)
        .attribute("role", "admin".equals(role) ? "admin" : "direct_member".equals(role) ? "member" : role)
        .attribute("state", "pending");
    if (i.hasNonNull("email")) {
      b.attribute("email", i.path("email").asText());
    }
    return b.build();
  }

  private static String idOfInvitation(JsonNode i) {
    return i.path("login").isTextual() ? i.path("login").asText() : INVITATION_PREFIX + i.path("id").asText();
  }

  private static boolean isPending(Account a) {
    return a.attribute("state").flatMap(AttributeValue::asText).orElse("").equals("pending");
  }

  private static String roleOf(@Nullable AttributeValue value, Origin origin) {
    if (value == null) {
      return "member";
    }
    String role = value.asText().orElse("").toLowerCase(Locale.ROOT);
    if (!role.equals("admin") && !role.equals("member")) {
      throw new InvalidRequestException(origin, "role must be 'admin' or 'member', was '" + value + "'");
    }
    return role;
  }

  private String loginOf(String accountId, Origin origin) {
    if (accountId.startsWith(INVITATION_PREFIX)) {
      throw new InvalidRequestException(origin, "account " + accountId + " is an invitation to an email address;"
          + " GitHub grants teams and roles to it only once the invitee has accepted and has a login");
    }
    return accountId;
  }

  private static void requireTeamId(String entitlementId, Origin origin) {
    if (!entitlementId.startsWith(TEAM_PREFIX) || entitlementId.length() == TEAM_PREFIX.length()) {
      throw new NotFoundException(origin, 0, "no entitlement '" + entitlementId
          + "': GitHub entitlements are 'team:<slug>' and '" + ROLE_ADMIN + "'");
    }
  }

  private static String slug(String entitlementId) {
    return entitlementId.substring(TEAM_PREFIX.length());
  }

  private NotFoundException notFound(Origin origin, String accountId) {
    return new NotFoundException(origin, 404, "no member or invitation '" + accountId + "' in organization " + org);
  }
}
