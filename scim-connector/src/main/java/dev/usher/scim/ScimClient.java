package dev.usher.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.core.spi.ConnectorException;
import dev.usher.core.spi.HttpSettings;
import dev.usher.core.spi.InvalidRequestException;
import dev.usher.core.spi.NotFoundException;
import dev.usher.scim.internal.HttpTransport;
import dev.usher.scim.internal.HttpTransport.Request;
import dev.usher.scim.internal.ScimJson;
import dev.usher.scim.internal.ScimReaders;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A typed SCIM 2.0 client (RFC 7643, RFC 7644, RFC 9865 cursors) that can be used on its own.
 * It owns one HTTP client; {@link #close()} releases it. Thread-safe.
 *
 * <p>Every failure is a {@link ConnectorException} from Usher's taxonomy (404
 * {@link NotFoundException}, 409 {@code AlreadyExistsException}, 400 {@link InvalidRequestException}
 * carrying the SCIM {@code scimType}, 429 {@code RateLimitedException}, ...) whose message names
 * the request, e.g. {@code [scim/hr create] 409: POST /Users: uniqueness: userName is taken}.
 *
 * <pre>{@code
 * try (ScimClient scim = ScimClient.builder("https://example.com/scim/v2")
 *     .auth(ScimAuth.bearer(Secret.of(token)))
 *     .build()) {
 *   UserResource alice = scim.createUser(UserResource.builder().userName("alice").build());
 *   ListResponse<UserResource> page = scim.searchUsers(SearchRequest.builder()
 *       .filter(Filter.sw("userName", "a")).count(100).build());
 * }
 * }</pre>
 */
public final class ScimClient implements AutoCloseable {
  /** The default path of users. */
  public static final String USERS = "/Users";
  /** The default path of groups. */
  public static final String GROUPS = "/Groups";

  private final HttpTransport transport;
  private final ObjectMapper mapper;
  private final ScimQuirks quirks;
  private final String description;
  private final Object discoveryLock = new Object();
  private volatile @Nullable ScimDiscovery discovery;

  private ScimClient(Builder b, URI base) {
    this.description = "ScimClient[" + base + ", " + b.auth + ", profile " + b.quirks.name() + "]";
    this.mapper = ScimJson.newMapper();
    this.quirks = b.quirks;
    this.transport = new HttpTransport(base, ProfileHeaders.wrap(b.auth, b.quirks), b.http, b.clock, b.executor, mapper,
        b.connectorType, b.applicationId != null ? b.applicationId : Objects.requireNonNullElse(base.getHost(), "scim"));
  }

  /**
   * A builder for a client of the service at {@code baseUrl} (the URL that {@code /Users} is relative to).
   *
   * @throws IllegalArgumentException when the URL is not an absolute http(s) URL
   */
  public static Builder builder(String baseUrl) {
    return new Builder(baseUrl);
  }

  /** The profile in use. */
  public ScimQuirks quirks() {
    return quirks;
  }

  /**
   * What the server supports: {@code /ServiceProviderConfig}, {@code /ResourceTypes} and
   * {@code /Schemas}, read on first use and kept. A server without the last two gets empty lists.
   */
  public ScimDiscovery discovery() {
    ScimDiscovery d = discovery;
    if (d != null) {
      return d;
    }
    synchronized (discoveryLock) {
      if (discovery == null) {
        discovery = discover();
      }
      return discovery;
    }
  }

  private ScimDiscovery discover() {
    String spcPath = quirks.serviceProviderConfigPath();
    ObjectNode spcJson = getJson("discover", spcPath, Map.of());
    ServiceProviderConfig spc;
    try {
      spc = quirks.adjust(ServiceProviderConfig.fromJson(spcJson));
    } catch (IllegalArgumentException e) {
      throw new ConnectorException(transport.origin("discover"), 200,
          "GET " + spcPath + ": " + e.getMessage(), null);
    }
    List<ResourceType> types = new ArrayList<>();
    List<ScimResource> schemas = new ArrayList<>();
    try {
      listOrArray("/ResourceTypes").forEach(n -> types.add(ResourceType.fromJson(n)));
    } catch (NotFoundException | InvalidRequestException e) {
      // Optional in practice: many servers lack it; defaults apply.
    } catch (IllegalArgumentException e) {
      throw new ConnectorException(transport.origin("discover"), 200, "GET /ResourceTypes: " + e.getMessage(), null);
    }
    try {
      listOrArray("/Schemas").forEach(n -> schemas.add(ScimResource.owning(n)));
    } catch (NotFoundException | InvalidRequestException e) {
      // Optional in practice.
    }
    return new ScimDiscovery(spc, types, schemas);
  }

  private List<ObjectNode> listOrArray(String path) {
    return transport.exchange(new Request("discover", "GET", path, Map.of(), null, null), (status, body) -> {
      List<ObjectNode> out = new ArrayList<>();
      if (body == null) {
        return out;
      }
      JsonNode n = mapper.readTree(body);
      JsonNode items = n.isArray() ? n : ScimJson.get(n, "Resources");
      if (items == null || !items.isArray()) {
        throw new IllegalArgumentException("expected a ListResponse or an array");
      }
      for (JsonNode e : items) {
        if (e instanceof ObjectNode o) {
          out.add(o);
        }
      }
      return out;
    });
  }

  /** Forgets what discovery read; the next call reads it again. */
  public void rediscover() {
    synchronized (discoveryLock) {
      discovery = null;
    }
  }

  /** Creates a resource; returns it as the server stored it (with its id). */
  public ScimResource create(String endpoint, ScimResource resource) {
    return create("create", endpoint, resource);
  }

  public UserResource createUser(UserResource user) {
    return create("create", USERS, user.resource(), UserResource::of);
  }

  public GroupResource createGroup(GroupResource group) {
    return create("create", GROUPS, group.resource(), GroupResource::of);
  }

  ScimResource create(String operation, String endpoint, ScimResource resource) {
    return create(operation, endpoint, resource, r -> r);
  }

  /** Creates and converts inside the exchange, so a malformed answer is reported naming the request. */
  <T> T create(String operation, String endpoint, ScimResource resource, Function<ScimResource, T> convert) {
    Objects.requireNonNull(resource, "resource");
    byte[] body = write(outgoing(endpoint, resource));
    return transport.exchange(new Request(operation, "POST", path(endpoint), Map.of(), body, null),
        (status, in) -> convert.apply(requireResource(endpoint, in, "the created resource")));
  }

  /** The resource, or empty when the server answers 404. */
  public Optional<ScimResource> get(String endpoint, String id, SearchRequest attributes) {
    return get("get", endpoint, id, attributes);
  }

  public Optional<ScimResource> get(String endpoint, String id) {
    return get("get", endpoint, id, SearchRequest.builder().build());
  }

  public Optional<UserResource> getUser(String id) {
    return get("get", USERS, id, SearchRequest.builder().build(), UserResource::of);
  }

  public Optional<GroupResource> getGroup(String id) {
    return get("get", GROUPS, id, SearchRequest.builder().build(), GroupResource::of);
  }

  Optional<ScimResource> get(String operation, String endpoint, String id, SearchRequest attributes) {
    return get(operation, endpoint, id, attributes, r -> r);
  }

  <T> Optional<T> get(String operation, String endpoint, String id, SearchRequest attributes,
      Function<ScimResource, T> convert) {
    Map<String, String> q = attributes.queryParameters();
    try {
      return Optional.of(transport.exchange(new Request(operation, "GET", path(endpoint, id), q, null, null),
          (status, in) -> convert.apply(requireResource(endpoint, in, "the resource"))));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** Replaces a resource (PUT), with {@code If-Match} when {@code etag} is given. */
  public ScimResource replace(String endpoint, String id, ScimResource resource, @Nullable String etag) {
    return replace("replace", endpoint, id, resource, etag);
  }

  ScimResource replace(String operation, String endpoint, String id, ScimResource resource, @Nullable String etag) {
    byte[] body = write(outgoing(endpoint, resource));
    return transport.exchange(new Request(operation, "PUT", path(endpoint, id), Map.of(), body, etag),
        (status, in) -> requireResource(endpoint, in, "the replaced resource"));
  }

  /**
   * Patches a resource. Returns the resource when the server sent it (200), empty for a 204.
   */
  public Optional<ScimResource> patch(String endpoint, String id, PatchRequest patch, @Nullable String etag) {
    return patch("patch", endpoint, id, patch, etag);
  }

  Optional<ScimResource> patch(String operation, String endpoint, String id, PatchRequest patch, @Nullable String etag) {
    byte[] body = write(quirks.beforePatch(endpoint, patch).toJson());
    return Optional.ofNullable(transport.exchange(
        new Request(operation, "PATCH", path(endpoint, id), Map.of(), body, etag),
        (status, in) -> in == null ? null : resource(endpoint, ScimReaders.readObject(mapper, in))));
  }

  /** Deletes a resource. */
  public void delete(String endpoint, String id) {
    delete("delete", endpoint, id);
  }

  void delete(String operation, String endpoint, String id) {
    transport.exchange(new Request(operation, "DELETE", path(endpoint, id), Map.of(), null, null), (s, in) -> null);
  }

  /** One page of resources, with {@code GET endpoint?filter=...}. */
  public ListResponse<ScimResource> search(String endpoint, SearchRequest request) {
    return search("search", endpoint, request, false, r -> r);
  }

  public ListResponse<UserResource> searchUsers(SearchRequest request) {
    return search("search", USERS, request, false, UserResource::of);
  }

  public ListResponse<GroupResource> searchGroups(SearchRequest request) {
    return search("search", GROUPS, request, false, GroupResource::of);
  }

  /**
   * One page converted by {@code convert}; with {@code viaPost} the request is a
   * {@code POST endpoint/.search} (RFC 7644 section 3.4.3), keeping filters out of URLs and logs.
   */
  public <T> ListResponse<T> search(String endpoint, SearchRequest request, boolean viaPost,
      Function<ScimResource, T> convert) {
    return search("search", endpoint, request, viaPost, convert);
  }

  <T> ListResponse<T> search(String operation, String endpoint, SearchRequest request, boolean viaPost,
      Function<ScimResource, T> convert) {
    Objects.requireNonNull(request, "request");
    Request http = viaPost
        ? new Request(operation, "POST", path(endpoint) + "/.search", Map.of(), write(request.toJson()), null)
        : new Request(operation, "GET", path(endpoint), request.queryParameters(), null, null);
    ScimReaders.ListPage<T> page = transport.exchange(http, (status, in) -> {
      if (in == null) {
        throw new IllegalArgumentException("the ListResponse is missing: the body is empty");
      }
      return ScimReaders.readList(mapper, in, node -> convert.apply(resource(endpoint, node)));
    });
    return new ListResponse<>(page.totalResults(), page.startIndex(), page.itemsPerPage(), page.resources(),
        page.nextCursor() == null || page.nextCursor().isEmpty() ? null : page.nextCursor());
  }

  /**
   * Sends bulk operations, split into requests within the server's {@code maxOperations} and
   * {@code maxPayloadSize}; a request the server refuses as too large (413) is split in two and
   * sent again. Results come back in the order of {@code operations}. Operations that refer to
   * another one's {@code bulkId} must be in the same request, so keep such groups small.
   *
   * @throws dev.usher.core.spi.UnsupportedCapabilityException when the server does not support bulk
   */
  public List<BulkResult> bulk(List<BulkOperation> operations) {
    return bulk("bulk", operations);
  }

  List<BulkResult> bulk(String operation, List<BulkOperation> operations) {
    ServiceProviderConfig.Bulk limits = discovery().serviceProviderConfig().bulk();
    if (!limits.supported()) {
      throw new dev.usher.core.spi.UnsupportedCapabilityException(transport.origin(operation),
          dev.usher.core.spi.Capability.CREATE_ACCOUNT, "the server does not support bulk requests");
    }
    List<BulkResult> out = new ArrayList<>(operations.size());
    List<BulkOperation> chunk = new ArrayList<>();
    long chunkBytes = 200;
    for (BulkOperation op : operations) {
      long size = write(op.toJson()).length + 1;
      boolean full = limits.maxOperations() > 0 && chunk.size() >= limits.maxOperations()
          || limits.maxPayloadSize() > 0 && chunkBytes + size > limits.maxPayloadSize();
      if (full && !chunk.isEmpty()) {
        out.addAll(sendBulk(operation, chunk));
        chunk = new ArrayList<>();
        chunkBytes = 200;
      }
      chunk.add(op);
      chunkBytes += size;
    }
    if (!chunk.isEmpty()) {
      out.addAll(sendBulk(operation, chunk));
    }
    return out;
  }

  private List<BulkResult> sendBulk(String operation, List<BulkOperation> ops) {
    ObjectNode body = mapper.createObjectNode();
    body.putArray("schemas").add(ScimSchemas.BULK_REQUEST);
    ArrayNode arr = body.putArray("Operations");
    ops.forEach(op -> arr.add(op.toJson()));
    try {
      return transport.exchange(new Request(operation, "POST", "/Bulk", Map.of(), write(body), null),
          (status, in) -> {
            if (in == null) {
              throw new IllegalArgumentException("the BulkResponse is missing: the body is empty");
            }
            return bulkResults(ops, ScimReaders.readObject(mapper, in));
          });
    } catch (InvalidRequestException e) {
      if (e.httpStatus().orElse(0) == 413 && ops.size() > 1) {
        int half = ops.size() / 2;
        List<BulkResult> out = new ArrayList<>(sendBulk(operation, ops.subList(0, half)));
        out.addAll(sendBulk(operation, ops.subList(half, ops.size())));
        return out;
      }
      throw e;
    }
  }

  static List<BulkResult> bulkResults(List<BulkOperation> ops, ObjectNode response) {
    JsonNode results = ScimJson.get(response, "Operations");
    if (results == null || !results.isArray()) {
      throw new IllegalArgumentException("the BulkResponse has no 'Operations' array");
    }
    Map<String, JsonNode> byBulkId = new HashMap<>();
    for (JsonNode r : results) {
      String bulkId = ScimJson.text(r, "bulkId");
      if (bulkId != null) {
        byBulkId.put(bulkId, r);
      }
    }
    List<BulkResult> out = new ArrayList<>(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      BulkOperation op = ops.get(i);
      JsonNode r = op.bulkId() != null && byBulkId.containsKey(op.bulkId()) ? byBulkId.get(op.bulkId())
          : i < results.size() ? results.get(i) : null;
      if (r == null) {
        out.add(new BulkResult(op, 0, null, null));
        continue;
      }
      JsonNode resp = ScimJson.get(r, "response");
      out.add(new BulkResult(op, status(ScimJson.get(r, "status")), ScimJson.text(r, "location"),
          resp == null || resp.isNull() ? null : resp));
    }
    return out;
  }

  private static int status(@Nullable JsonNode n) {
    if (n == null || n.isNull()) {
      return 0;
    }
    if (n.isInt()) {
      return n.intValue();
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b([1-5]\\d\\d)\\b").matcher(n.asText());
    if (m.find()) {
      return Integer.parseInt(m.group(1));
    }
    throw new IllegalArgumentException("a bulk result has an unreadable status " + n);
  }

  /** The body to send; a profile gets a copy it may change. */
  private JsonNode outgoing(String endpoint, ScimResource resource) {
    return quirks == ScimQuirks.STANDARD ? resource.node() : quirks.beforeWrite(endpoint, resource.json());
  }

  ObjectNode getJson(String operation, String path, Map<String, String> query) {
    return transport.exchange(new Request(operation, "GET", path, query, null, null), (status, in) -> {
      if (in == null) {
        throw new IllegalArgumentException("the body is empty");
      }
      return ScimReaders.readObject(mapper, in);
    });
  }

  private ScimResource requireResource(String endpoint, @Nullable InputStream in, String what)
      throws java.io.IOException {
    if (in == null) {
      throw new IllegalArgumentException("the body is empty where " + what + " was expected");
    }
    ScimResource r = resource(endpoint, ScimReaders.readObject(mapper, in));
    if (r.id().isEmpty()) {
      throw new IllegalArgumentException(what + " has no 'id'");
    }
    return r;
  }

  private ScimResource resource(String endpoint, ObjectNode node) {
    ScimResource r = ScimResource.owning(quirks.afterRead(endpoint, node));
    r.id();
    return r;
  }

  byte[] write(JsonNode json) {
    try {
      return mapper.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  ConnectorException.Origin origin(String operation) {
    return transport.origin(operation);
  }

  private static String path(String endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    return endpoint.startsWith("/") ? endpoint : "/" + endpoint;
  }

  private static String path(String endpoint, String id) {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("resource id is blank");
    }
    return path(endpoint) + "/" + HttpTransport.encode(id);
  }

  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return description;
  }

  /** Builds {@link ScimClient}s. */
  public static final class Builder {
    private final String baseUrl;
    private ScimAuth auth = ScimAuth.none();
    private HttpSettings http = HttpSettings.defaults();
    private Clock clock = Clock.systemUTC();
    private @Nullable Executor executor;
    private ScimQuirks quirks = ScimQuirks.STANDARD;
    private String connectorType = "scim";
    private @Nullable String applicationId;

    private Builder(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    public Builder auth(ScimAuth auth) {
      this.auth = Objects.requireNonNull(auth, "auth");
      return this;
    }

    /** Timeouts, User-Agent and the response size limit. */
    public Builder http(HttpSettings http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /** The clock Retry-After dates are measured against. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where the HTTP client runs its background work; by default the JDK HTTP client's own.
     * Give one with enough threads for the requests in flight (the common pool may have one).
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    public Builder quirks(ScimQuirks quirks) {
      this.quirks = Objects.requireNonNull(quirks, "quirks");
      return this;
    }

    /** How errors name the source: {@code [type/applicationId operation]}. */
    public Builder origin(String connectorType, String applicationId) {
      this.connectorType = Objects.requireNonNull(connectorType, "connectorType");
      this.applicationId = Objects.requireNonNull(applicationId, "applicationId");
      return this;
    }

    /**
     * The client.
     *
     * @throws IllegalArgumentException when the base URL is not an absolute http(s) URL without query
     */
    public ScimClient build() {
      return new ScimClient(this, parseBaseUrl(baseUrl));
    }
  }

  /**
   * Checks a base URL: absolute, http or https, with a host, without query or fragment.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  static URI parseBaseUrl(String baseUrl) {
    URI u;
    try {
      u = new URI(baseUrl.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + baseUrl + "' is not a URL: " + e.getReason());
    }
    if (u.getRawUserInfo() != null) {
      throw new IllegalArgumentException("the base URL must not carry credentials; configure auth instead");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!u.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
      throw new IllegalArgumentException("'" + baseUrl + "' must be an absolute http(s) URL such as https://example.com/scim/v2");
    }
    if (u.getRawQuery() != null || u.getRawFragment() != null) {
      throw new IllegalArgumentException("'" + baseUrl + "' must not have a query or fragment");
    }
    return u;
  }
}
