package dev.usher.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.usher.core.spi.InvalidRequestException;
import dev.usher.core.spi.NotFoundException;
import dev.usher.core.spi.Page;
import dev.usher.core.spi.PageRequest;
import dev.usher.scim.internal.AccountMapper;
import dev.usher.scim.internal.ScimJson;
import dev.usher.scim.profile.ScimProfile;
import dev.usher.scim.profile.TokenBucket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@code scim} connector: accounts are SCIM Users, entitlements are SCIM Groups, a grant is
 * group membership. What it can do is derived from the server's discovery documents (see
 * {@link #capabilities()}). Thread-safe; {@link #close()} releases the HTTP client.
 *
 * <pre>{@code
 * ScimConnector scim = ScimConnector.open(
 *     ScimConfig.of("https://example.com/scim/v2", ScimConfig.Auth.bearer(Secret.of(token))),
 *     ConnectorContext.of("example"));
 * Account alice = scim.create(Account.builder("example").userName("alice").build());
 * scim.grant(alice.requireId(), engGroupId);
 * }</pre>
 */
public final class ScimConnector implements Connector {
  /** The connector type name. */
  public static final String TYPE = "scim";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final int MEMBERS_PER_PATCH = 100;

  private final ScimConfig config;
  private final ConnectorContext context;
  private final ScimClient client;
  private final @Nullable Filter accountFilter;
  private final ScimProfile profile;
  private final @Nullable TokenBucket creations;
  private volatile @Nullable Derived derived;

  /** What the connector concluded from discovery. */
  private record Derived(ServiceProviderConfig spc, String users, @Nullable String groups, Capabilities capabilities) {}

  private ScimConnector(ScimConfig config, ConnectorContext context, ScimClient client, ScimProfile profile,
      ScimConnectorOptions options) {
    this.config = config;
    this.context = context;
    this.client = client;
    this.accountFilter = config.accountFilterParsed();
    this.profile = profile;
    this.creations = profile.userCreations()
        .map(limit -> new TokenBucket(limit, context.clock(), options.sleeper())).orElse(null);
  }

  /**
   * A connector for a checked configuration; does not contact the server.
   *
   * @throws dev.usher.core.ConfigurationException listing what is wrong with the configuration
   */
  public static ScimConnector open(ScimConfig config, ConnectorContext context) {
    return open(config, context, ScimConnectorOptions.defaults());
  }

  /**
   * A connector with options that configuration cannot carry (how to wait for a rate limit).
   *
   * @throws dev.usher.core.ConfigurationException listing what is wrong with the configuration
   */
  public static ScimConnector open(ScimConfig config, ConnectorContext context, ScimConnectorOptions options) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(options, "options");
    String subject = TYPE + " connector configuration for application '" + context.applicationId() + "'";
    ScimAuth auth = dev.usher.core.validation.ModelValidator.shared().validate(config, subject).check(subject);
    var http = context.http();
    if (config.connectTimeout() != null) {
      http = http.withConnectTimeout(config.connectTimeout());
    }
    if (config.requestTimeout() != null) {
      http = http.withRequestTimeout(config.requestTimeout());
    }
    if (config.maxResponseBytes() != null) {
      http = http.withMaxResponseBytes(config.maxResponseBytes());
    }
    if (config.auth().oauth() != null && (config.auth().type() == ScimConfig.AuthType.OAUTH2_CLIENT_CREDENTIALS
        || config.auth().type() == ScimConfig.AuthType.OAUTH2_REFRESH_TOKEN)) {
      auth = dev.usher.scim.internal.OAuthSettings.strategy(config.auth().type() == ScimConfig.AuthType.OAUTH2_REFRESH_TOKEN,
          config.auth().oauth(), options.tokenStore().orElse(null), context.clock(), http, TYPE, context.applicationId());
    }
    ScimClient client = ScimClient.builder(config.baseUrl())
        .auth(auth)
        .http(http)
        .clock(context.clock())
        .executor(context.executor())
        .origin(TYPE, context.applicationId())
        .quirks(ScimProfileRules.profile(config))
        .build();
    return new ScimConnector(config, context, client, ScimProfileRules.profile(config), options);
  }

  /** The client underneath, for SCIM operations the Connector SPI does not cover. */
  public ScimClient client() {
    return client;
  }

  /**
   * What the server supports, read from discovery on first use: create, get, list, update
   * (PATCH, or GET-modify-PUT without it), enable/disable and delete always; find with filter
   * support; entitlements, grants and members when the server has a Group resource type (and
   * {@code groups} is not off) and PATCH for grants; the page size cap from {@code filter.maxResults}.
   */
  @Override
  public Capabilities capabilities() {
    return derived().capabilities();
  }

  private Derived derived() {
    Derived d = derived;
    if (d != null) {
      return d;
    }
    synchronized (this) {
      if (derived == null) {
        derived = derive();
      }
      return derived;
    }
  }

  private Derived derive() {
    ScimDiscovery discovery = config.discoveryEnabled()
        ? client.discovery()
        : new ScimDiscovery(ServiceProviderConfig.assumed(config.bulkEnabled()), List.of(), List.of());
    ServiceProviderConfig spc = discovery.serviceProviderConfig();
    String users = config.usersEndpoint() != null ? config.usersEndpoint()
        : discovery.resourceType("User").map(ResourceType::endpoint).orElse(ScimClient.USERS);
    String groups = null;
    if (config.groupsEnabled()) {
      if (config.groupsEndpoint() != null) {
        groups = config.groupsEndpoint();
      } else if (discovery.resourceTypes().isEmpty()) {
        groups = ScimClient.GROUPS;
      } else {
        groups = discovery.resourceType("Group").map(ResourceType::endpoint).orElse(null);
      }
    }
    Capabilities.Builder caps = Capabilities.builder().supports(
        Capability.CREATE_ACCOUNT, Capability.GET_ACCOUNT, Capability.LIST_ACCOUNTS,
        Capability.UPDATE_ACCOUNT, Capability.DISABLE_ACCOUNT, Capability.DELETE_ACCOUNT,
        Capability.TEST_CONNECTION).deleteIsSoft(profile.softDelete());
    if (profile.filterRequiredToList() && accountFilter == null) {
      caps.without(Capability.LIST_ACCOUNTS); // nothing to list with: configure accountFilter
    }
    if (spc.filter().supported()) {
      caps.supports(Capability.FIND_ACCOUNT);
    }
    if (groups != null) {
      caps.supports(Capability.LIST_ENTITLEMENTS, Capability.LIST_ACCOUNT_GRANTS, Capability.LIST_MEMBERS);
      if (!profile.groupMembersReadable()) {
        caps.without(Capability.LIST_MEMBERS); // group GET answers without members
      }
      if (spc.patch()) {
        caps.supports(Capability.GRANT);
      }
    }
    caps.maxPageSize(spc.filter().maxResults());
    return new Derived(spc, users, groups, caps.build());
  }

  @Override
  public Account create(Account account) {
    Objects.requireNonNull(account, "account");
    Derived d = derived();
    ObjectNode user = AccountMapper.toUser(account, null);
    awaitCreationPermit("create");
    try {
      return client.create("create", d.users(), ScimResource.owning(user), this::account);
    } catch (AlreadyExistsException e) {
      String existing = existingId(account);
      throw new AlreadyExistsException(e.origin(), e.httpStatus().orElse(409), e.detail()
          + (existing != null ? " (the existing account has id " + existing + ")" : ""), existing);
    }
  }

  /** After a 409, looks for the account in the way by userName, then externalId. */
  private @Nullable String existingId(Account account) {
    if (!derived().spc().filter().supported()) {
      return null;
    }
    try {
      for (String attr : List.of(Account.USER_NAME, Account.EXTERNAL_ID)) {
        Optional<AttributeValue> v = account.attribute(attr);
        if (v.isPresent()) {
          List<Account> found = find(attr, v.get());
          if (found.size() == 1) {
            return found.get(0).id();
          }
        }
      }
    } catch (ConnectorException ignored) {
      // The 409 stands on its own; the id is a convenience.
    }
    return null;
  }

  /**
   * Creates accounts in bulk requests when bulk is enabled and the server supports it,
   * otherwise one by one; each account's outcome is reported, none is thrown.
   */
  public List<CreateResult> createAll(List<Account> accounts) {
    Derived d = derived();
    List<CreateResult> out = new ArrayList<>(accounts.size());
    if (!config.bulkEnabled() || !d.spc().bulk().supported()) {
      for (Account a : accounts) {
        try {
          out.add(new CreateResult(a, create(a), null));
        } catch (ConnectorException e) {
          out.add(new CreateResult(a, null, e));
        }
      }
      return out;
    }
    List<BulkOperation> ops = new ArrayList<>(accounts.size());
    for (int i = 0; i < accounts.size(); i++) {
      awaitCreationPermit("createAll");
      ops.add(BulkOperation.post(d.users(), "u" + i, AccountMapper.toUser(accounts.get(i), null)));
    }
    List<BulkResult> results = client.bulk("createAll", ops);
    for (int i = 0; i < accounts.size(); i++) {
      BulkResult r = results.get(i);
      Account requested = accounts.get(i);
      if (r.succeeded() && r.id().isPresent()) {
        Account created = r.response() instanceof ObjectNode o && o.has("id")
            ? toAccount(ScimResource.of(o))
            : requested.toBuilder().id(r.id().get()).build();
        out.add(new CreateResult(requested, created, null));
      } else {
        String detail = r.response() == null ? "no detail" : String.valueOf(ScimJson.get(r.response(), "detail"));
        ConnectorException.Origin origin = client.origin("createAll");
        ConnectorException failure = r.status() == 409
            ? new AlreadyExistsException(origin, 409, "bulk POST " + d.users() + " (" + r.operation().bulkId() + "): " + detail, null)
            : new InvalidRequestException(origin, r.status(), "bulk POST " + d.users() + " (" + r.operation().bulkId()
                + "): status " + r.status() + ": " + detail, null);
        out.add(new CreateResult(requested, null, failure));
      }
    }
    return out;
  }

  /**
   * One account's outcome in {@link #createAll}.
   *
   * @param requested the account asked for
   * @param created the created account, when it succeeded
   * @param failure why it failed, when it did
   */
  public record CreateResult(Account requested, @Nullable Account created, @Nullable ConnectorException failure) {}

  @Override
  public Optional<Account> get(String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return client.get("get", derived().users(), accountId, SearchRequest.builder().build(), this::account);
  }

  @Override
  public List<Account> find(String attribute, AttributeValue value) {
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(value, "value");
    Derived d = derived();
    d.capabilities().require(Capability.FIND_ACCOUNT, client.origin("find"));
    String path = AccountMapper.isMultiValued(attribute) ? attribute + ".value" : attribute;
    JsonNode v = ScimJson.toJson(value);
    if (v.isContainerNode()) {
      throw new IllegalArgumentException("find needs a single value to compare, not " + value.typeName());
    }
    Filter filter = new Filter.Comparison(path, Filter.Operator.EQ, v);
    // An eq-only server cannot take "and": send the eq alone and apply accountFilter here.
    Filter.Comparison checkHere = accountFilter instanceof Filter.Comparison c && profile.equalityFiltersOnly() ? c : null;
    if (accountFilter != null && checkHere == null) {
      filter = filter.and(accountFilter);
    }
    List<Account> out = new ArrayList<>();
    String token = null;
    int guard = 0;
    do {
      Page<Optional<Account>> page = page("find", d.users(), filter, new PageRequest(token, config.pageSizeOrDefault()),
          new String[0], r -> checkHere == null || ScimProfileRules.matches(checkHere, r) ? Optional.of(account(r)) : Optional.empty());
      page.items().forEach(a -> a.ifPresent(out::add));
      token = page.nextToken();
    } while (token != null && ++guard < 10_000);
    return out;
  }

  @Override
  public Page<Account> listAccounts(PageRequest request) {
    Objects.requireNonNull(request, "request");
    derived().capabilities().require(Capability.LIST_ACCOUNTS, client.origin("listAccounts"));
    return accountsPage("listAccounts", accountFilter, request);
  }

  private Page<Account> accountsPage(String operation, @Nullable Filter filter, PageRequest request) {
    Derived d = derived();
    return page(operation, d.users(), filter, request, new String[0], this::account);
  }

  /** One page by index or cursor; tokens are {@code i<startIndex>} and {@code c<cursor>}. */
  private <T> Page<T> page(String operation, String endpoint, @Nullable Filter filter, PageRequest request,
      String[] excluded, Function<ScimResource, T> convert) {
    Derived d = derived();
    int count = request.size();
    if (d.spc().filter().maxResults() > 0) {
      count = Math.min(count, d.spc().filter().maxResults());
    }
    SearchRequest.Builder sr = SearchRequest.builder().filter(filter).count(count);
    if (excluded.length > 0) {
      sr.excludedAttributes(excluded);
    }
    String token = request.token();
    boolean cursor;
    if (token == null) {
      cursor = switch (config.pagingOrDefault()) {
        case "cursor" -> true;
        case "index" -> false;
        default -> d.spc().cursorPaging();
      };
      if (cursor) {
        sr.cursor("");
      } else {
        sr.startIndex(1);
      }
    } else if (token.startsWith("c")) {
      cursor = true;
      sr.cursor(token.substring(1));
    } else if (token.startsWith("i") && token.substring(1).matches("\\d{1,10}")) {
      cursor = false;
      sr.startIndex(Integer.parseInt(token.substring(1)));
    } else {
      throw new IllegalArgumentException("page token '" + ScimJson.abbreviate(token, 40)
          + "' did not come from this connector (expected i<startIndex> or c<cursor>)");
    }
    SearchRequest search = sr.build();
    ListResponse<T> page = client.search(operation, endpoint, search, config.searchViaPostEnabled(), convert);
    if (cursor) {
      return Page.of(page.resources(), page.nextCursor() == null ? null : "c" + page.nextCursor());
    }
    int start = Objects.requireNonNullElse(search.startIndex(), 1);
    long nextStart = (long) start + page.resources().size();
    if (page.resources().isEmpty() || nextStart > page.totalResults()) {
      // An empty page before totalResults is reached means the server stopped early.
      boolean complete = !page.resources().isEmpty() || start > page.totalResults();
      return new Page<>(page.resources(), null, complete);
    }
    return Page.of(page.resources(), "i" + nextStart);
  }

  @Override
  public Account update(String accountId, List<AttributeChange> changes) {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(changes, "changes");
    if (changes.isEmpty()) {
      return get(accountId).orElseThrow(() -> notFound("update", accountId));
    }
    return modify("update", accountId, changes);
  }

  private Account modify(String operation, String accountId, List<AttributeChange> changes) {
    Derived d = derived();
    ServiceProviderConfig spc = d.spc();
    for (int attempt = 0; ; attempt++) {
      try {
        if (spc.patch()) {
          String etag = spc.etag() ? currentEtag(operation, accountId) : null;
          PatchRequest patch = new PatchRequest(AccountMapper.toPatch(changes));
          Optional<ScimResource> after = client.patch(operation, d.users(), accountId, patch, etag);
          if (after.isPresent() && after.get().id().isPresent()) {
            return toAccount(after.get());
          }
          return get(accountId).orElseThrow(() -> notFound(operation, accountId));
        }
        ScimResource current = client.get(operation, d.users(), accountId, SearchRequest.builder().build())
            .orElseThrow(() -> notFound(operation, accountId));
        ObjectNode json = current.json();
        AccountMapper.apply(json, changes);
        ScimJson.remove(json, "meta");
        ScimJson.remove(json, "groups");
        String etag = spc.etag() ? current.meta().version() : null;
        return toAccount(client.replace(operation, d.users(), accountId, ScimResource.owning(json), etag));
      } catch (InvalidRequestException e) {
        // 412: someone changed the account since it was read; read it again and retry once.
        if (e.httpStatus().orElse(0) != 412 || attempt > 0) {
          throw e;
        }
      }
    }
  }

  private @Nullable String currentEtag(String operation, String accountId) {
    return client.get(operation, derived().users(), accountId, SearchRequest.builder().attributes("id").build())
        .orElseThrow(() -> notFound(operation, accountId)).meta().version();
  }

  @Override
  public void enable(String accountId) {
    modify("enable", Objects.requireNonNull(accountId, "accountId"),
        List.of(AttributeChange.replace(Account.ACTIVE, AttributeValue.of(true))));
  }

  @Override
  public void disable(String accountId) {
    modify("disable", Objects.requireNonNull(accountId, "accountId"),
        List.of(AttributeChange.replace(Account.ACTIVE, AttributeValue.of(false))));
  }

  @Override
  public void delete(String accountId) {
    client.delete("delete", derived().users(), Objects.requireNonNull(accountId, "accountId"));
  }

  @Override
  public Page<Entitlement> listEntitlements(PageRequest request) {
    Objects.requireNonNull(request, "request");
    String groups = groups("listEntitlements", Capability.LIST_ENTITLEMENTS);
    return page("listEntitlements", groups, null, request, new String[] {"members"}, this::toEntitlement);
  }

  @Override
  public Optional<Entitlement> getEntitlement(String entitlementId) {
    Objects.requireNonNull(entitlementId, "entitlementId");
    String groups = groups("getEntitlement", Capability.LIST_ENTITLEMENTS);
    return client.get("getEntitlement", groups, entitlementId,
        SearchRequest.builder().excludedAttributes("members").build()).map(this::toEntitlement);
  }

  @Override
  public void grant(String accountId, String entitlementId) {
    grantAll(entitlementId, List.of(Objects.requireNonNull(accountId, "accountId")));
  }

  /**
   * Adds accounts to a group with as few PATCH requests as possible ({@value #MEMBERS_PER_PATCH}
   * members each). Accounts that already hold it are left as they are.
   *
   * @throws NotFoundException when the group or one of the accounts does not exist
   */
  public void grantAll(String entitlementId, Collection<String> accountIds) {
    Objects.requireNonNull(entitlementId, "entitlementId");
    String groups = groups("grant", Capability.GRANT);
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(accountIds));
    int perPatch = profile.maxMemberChangesPerPatch() > 0
        ? Math.min(MEMBERS_PER_PATCH, profile.maxMemberChangesPerPatch()) : MEMBERS_PER_PATCH;
    for (int i = 0; i < ids.size(); i += perPatch) {
      List<String> chunk = ids.subList(i, Math.min(ids.size(), i + perPatch));
      ArrayNode members = F.arrayNode();
      chunk.forEach(id -> members.addObject().put("value", id));
      try {
        client.patch("grant", groups, entitlementId, PatchRequest.of(PatchOperation.add("members", members)), null);
      } catch (InvalidRequestException e) {
        // Servers refuse unknown members in different ways; say which account is missing.
        for (String id : chunk) {
          if (get(id).isEmpty()) {
            throw new NotFoundException(client.origin("grant"), 404,
                "account " + id + " does not exist, so it cannot be granted " + entitlementId + " (" + e.detail() + ")");
          }
        }
        throw e;
      }
    }
  }

  @Override
  public void revoke(String accountId, String entitlementId) {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(entitlementId, "entitlementId");
    String groups = groups("revoke", Capability.GRANT);
    String path = "members[" + Filter.eq("value", accountId) + "]";
    try {
      client.patch("revoke", groups, entitlementId, PatchRequest.of(PatchOperation.remove(path)), null);
    } catch (InvalidRequestException e) {
      // RFC 7644 3.5.2.2: no matching member is "noTarget"; the account does not hold it, as wanted.
      if (!"noTarget".equalsIgnoreCase(e.targetCode().orElse(""))) {
        throw e;
      }
    }
  }

  @Override
  public Set<String> grantsOf(String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    String groupsEndpoint = groups("grantsOf", Capability.LIST_ACCOUNT_GRANTS);
    if (!profile.groupMembersReadable()) {
      return grantsByGroupFilter(groupsEndpoint, accountId);
    }
    ScimResource user = client.get("grantsOf", derived().users(), accountId,
        SearchRequest.builder().attributes("groups").build()).orElseThrow(() -> notFound("grantsOf", accountId));
    Set<String> out = new LinkedHashSet<>();
    UserResource.multi(user.node(), "groups").forEach(g -> out.add(g.value()));
    return out;
  }

  /** Membership where groups hide their members: the groups whose {@code members eq} the account. */
  private Set<String> grantsByGroupFilter(String groupsEndpoint, String accountId) {
    if (get(accountId).isEmpty()) {
      throw notFound("grantsOf", accountId);
    }
    Set<String> out = new LinkedHashSet<>();
    String token = null;
    int guard = 0;
    do {
      Page<String> page = page("grantsOf", groupsEndpoint, Filter.eq("members", accountId),
          new PageRequest(token, config.pageSizeOrDefault()), new String[] {"members"},
          r -> r.id().orElseThrow(() -> new IllegalArgumentException("a group has no 'id'")));
      out.addAll(page.items());
      token = page.nextToken();
    } while (token != null && ++guard < 10_000);
    return out;
  }

  /** Waits for the profile's client-side limit on user creations, if it has one. */
  private void awaitCreationPermit(String operation) {
    if (creations == null) {
      return;
    }
    try {
      creations.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new dev.usher.core.spi.TransientException(client.origin(operation), 0,
          "interrupted while waiting for profile " + profile.name() + "'s limit of " + creations.limit()
              + " user creations", e, false);
    }
  }

  @Override
  public Page<String> members(String entitlementId, PageRequest request) {
    Objects.requireNonNull(entitlementId, "entitlementId");
    Objects.requireNonNull(request, "request");
    String groups = groups("members", Capability.LIST_MEMBERS);
    ScimResource group = client.get("members", groups, entitlementId,
        SearchRequest.builder().attributes("members").build())
        .orElseThrow(() -> new NotFoundException(client.origin("members"), 404, "group " + entitlementId + " does not exist"));
    List<MultiValue> all = UserResource.multi(group.node(), "members");
    int from = 0;
    if (request.token() != null) {
      if (!request.token().matches("m\\d{1,10}")) {
        throw new IllegalArgumentException("page token '" + ScimJson.abbreviate(request.token(), 40) + "' did not come from members()");
      }
      from = Integer.parseInt(request.token().substring(1));
    }
    int to = Math.min(all.size(), from + request.size());
    List<String> ids = new ArrayList<>();
    for (MultiValue m : all.subList(Math.min(from, all.size()), to)) {
      ids.add(m.value());
    }
    return Page.of(ids, to < all.size() ? "m" + to : null);
  }

  @Override
  public void test() {
    client.rediscover();
    synchronized (this) {
      derived = null;
    }
    Filter filter = accountFilter != null ? accountFilter
        : profile.filterRequiredToList() ? Filter.eq(Account.USER_NAME, "usher-connection-test") : null;
    page("test", derived().users(), filter, PageRequest.first(1), new String[0], r -> r);
  }

  @Override
  public void close() {
    client.close();
  }

  private String groups(String operation, Capability needed) {
    Derived d = derived();
    d.capabilities().require(needed, client.origin(operation));
    return Objects.requireNonNull(d.groups());
  }

  /** Reads a User as an account; throws IllegalArgumentException naming a malformed attribute. */
  private Account account(ScimResource r) {
    UserResource.of(r);
    if (r.id().isEmpty()) {
      throw new IllegalArgumentException("a user has no 'id'");
    }
    return AccountMapper.toAccount(context.applicationId(), r.node());
  }

  private Account toAccount(ScimResource r) {
    try {
      return account(r);
    } catch (IllegalArgumentException e) {
      throw new ConnectorException(client.origin("read"), "user " + r.id().orElse("?") + " is not a valid SCIM User: "
          + e.getMessage());
    }
  }

  private Entitlement toEntitlement(ScimResource r) {
    GroupResource g = GroupResource.of(r);
    String id = g.id().orElseThrow(() -> new IllegalArgumentException("a group has no 'id'"));
    return Entitlement.of(EntitlementType.GROUP, id, g.displayName().orElse(id));
  }

  private NotFoundException notFound(String operation, String accountId) {
    return new NotFoundException(client.origin(operation), 404, "account " + accountId + " does not exist");
  }

  @Override
  public String toString() {
    return "ScimConnector[" + context.applicationId() + ", " + client + "]";
  }
}
