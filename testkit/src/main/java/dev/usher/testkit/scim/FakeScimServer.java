package dev.usher.testkit.scim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.usher.core.model.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * An in-process SCIM 2.0 server (RFC 7643 / 7644) for tests: in-memory Users and Groups,
 * filters, index and cursor paging, PATCH, ETags, Bulk and the discovery endpoints, on a random
 * free loopback port.
 *
 * <pre>{@code
 * try (FakeScimServer server = FakeScimServer.builder()
 *     .bearerToken("test-token")
 *     .maxPageSize(100)
 *     .cursorPagingOnly()
 *     .start()) {
 *   String base = server.baseUrl();            // http://127.0.0.1:PORT/scim/v2
 *   server.inject(ScimFault.status(503).withRetryAfter(Duration.ofSeconds(1)));
 *   // ... run the code under test against base ...
 *   assertThat(server.users()).hasSize(1);
 *   assertThat(server.requests()).extracting(RecordedRequest::method).contains("POST");
 * }
 * }</pre>
 *
 * <p>The builder's switches make the server enforce a target's restrictions (page-size cap,
 * cursor-only paging, equality-only filters, soft DELETE, required headers, a rate limit...), so
 * a client profile can be tested against a server that refuses what the real target refuses.
 * {@link #inject(ScimFault)} adds faults at any time: status answers with Retry-After, dropped
 * connections, and lost responses (the change is applied but no answer arrives).
 *
 * <p><b>TCP_NODELAY:</b> the JDK HTTP server reads {@code sun.net.httpserver.nodelay} once, when
 * its classes load; without it a small request takes about 40 ms on loopback (Nagle plus delayed
 * ACK). {@link Builder#start()} therefore sets that system property to {@code true} unless it is
 * already set, before creating the first {@code HttpServer}. If another {@code HttpServer} was
 * created earlier in the JVM without it, pass {@code -Dsun.net.httpserver.nodelay=true}.
 *
 * <p>Thread-safe. Requests run on the injected executor (by default a pool of 16 daemon
 * threads the server owns and stops on {@link #close()}); one lock guards the store.
 */
public final class FakeScimServer implements AutoCloseable {
  private static final String NODELAY = "sun.net.httpserver.nodelay";
  private static final String CONTENT_TYPE = "application/scim+json";

  private final HttpServer http;
  private final @Nullable ExecutorService ownedExecutor;
  private final ScimService service;
  private final ObjectMapper json;
  private final String basePath;
  private final String baseUrl;
  private final @Nullable Secret bearerToken;
  private final Map<String, String> requiredHeaders;
  private final Duration latency;
  private final @Nullable RateLimiter rateLimiter;
  private final boolean recordRequests;
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final List<ActiveFault> faults = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private static final class ActiveFault {
    final ScimFault fault;
    int remaining;

    ActiveFault(ScimFault fault) {
      this.fault = fault;
      this.remaining = fault.times();
    }
  }

  private FakeScimServer(Builder builder) throws IOException {
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    this.json = new ObjectMapper();
    this.basePath = builder.basePath;
    this.bearerToken = builder.bearerToken;
    this.requiredHeaders = Map.copyOf(builder.requiredHeaders);
    this.latency = builder.latency;
    this.recordRequests = builder.recordRequests;
    this.rateLimiter = builder.rateLimit == 0 ? null
        : new RateLimiter(builder.rateLimit, builder.rateWindow, builder.clock);
    this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    this.baseUrl = "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
        + http.getAddress().getPort() + basePath;
    Settings settings = new Settings(builder.serviceProviderConfigPath, builder.maxPageSize,
        builder.cursorPagingOnly, builder.equalityFiltersOnly, builder.filterRequiredToListUsers,
        builder.lowercaseResourcesKey, builder.softDeleteUsers, requiredHeaders,
        builder.maxMemberChangesPerPatch, builder.omitGroupMembers, builder.booleansAsStrings,
        builder.patchSupported, builder.etagSupported, builder.bulkSupported,
        builder.bulkMaxOperations, builder.bulkMaxPayloadSize);
    this.service = new ScimService(settings, builder.clock, json, baseUrl);
    Executor executor = builder.executor;
    if (executor == null) {
      ownedExecutor = Executors.newFixedThreadPool(16, daemonThreads());
      executor = ownedExecutor;
    } else {
      ownedExecutor = null;
    }
    http.setExecutor(executor);
    http.createContext("/", this::serve);
    http.start();
  }

  /** A builder with every switch off: a plain, standards-following SCIM server. */
  public static Builder builder() {
    return new Builder();
  }

  /** The SCIM base URL, e.g. {@code http://127.0.0.1:40123/scim/v2} (no trailing slash). */
  public String baseUrl() {
    return baseUrl;
  }

  /** The loopback port the server listens on. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** Adds a fault for the next matching request(s); faults are consumed in the order added. */
  public void inject(ScimFault fault) {
    Objects.requireNonNull(fault, "fault");
    synchronized (faults) {
      faults.add(new ActiveFault(fault));
    }
  }

  /** Removes every fault not yet consumed. */
  public void clearFaults() {
    synchronized (faults) {
      faults.clear();
    }
  }

  /** The requests received so far, oldest first (empty when recording is off). */
  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Forgets the recorded requests. */
  public void clearRequests() {
    synchronized (requests) {
      requests.clear();
    }
  }

  /** Copies of the stored Users as the server keeps them (with password, without computed groups). */
  public List<ObjectNode> users() {
    return service.snapshot(ResourceKind.USER);
  }

  /** Copies of the stored Groups, members included even when GET omits them. */
  public List<ObjectNode> groups() {
    return service.snapshot(ResourceKind.GROUP);
  }

  /** Empties the store and forgets recorded requests, pending faults and the rate-limit window. */
  public void reset() {
    service.reset();
    clearRequests();
    clearFaults();
    if (rateLimiter != null) {
      rateLimiter.reset();
    }
  }

  /**
   * Stops listening (idempotent); an executor the server created is shut down, an injected one
   * is left alone.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    http.stop(0);
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "FakeScimServer[" + baseUrl + "]";
  }

  // ---------------------------------------------------------------- HTTP

  private void serve(HttpExchange exchange) {
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      URI uri = exchange.getRequestURI();
      String path = uri.getPath() == null ? "/" : uri.getPath();
      String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
      Map<String, List<String>> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((name, values) ->
          headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
      if (recordRequests) {
        RecordedRequest recorded =
            new RecordedRequest(method, path, rawQuery, headers, new String(body, StandardCharsets.UTF_8));
        synchronized (requests) {
          requests.add(recorded);
        }
      }
      if (!latency.isZero()) {
        Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
      }
      String relative = path.startsWith(basePath) ? path.substring(basePath.length()) : null;
      ScimFault fault = takeFault(method, relative == null ? path : relative);
      if (fault != null && fault.kind() == ScimFault.Kind.DROP_CONNECTION) {
        exchange.close(); // without response headers the JDK server closes the connection
        return;
      }
      if (fault != null && fault.kind() == ScimFault.Kind.STATUS) {
        ScimResponse answer = ScimResponse.error(fault.status(), null, "Injected fault: " + fault.status());
        if (fault.retryAfter() != null) {
          answer.header("Retry-After", Long.toString(seconds(fault.retryAfter())));
        }
        write(exchange, answer);
        return;
      }
      ScimResponse response = respond(method, relative, rawQuery, headers, body);
      if (fault != null) { // LOSE_RESPONSE: processed, answer never sent
        exchange.close();
        return;
      }
      write(exchange, response);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
    } catch (RuntimeException | IOException e) {
      try {
        write(exchange, ScimResponse.error(500, null, "Fake SCIM server failure: " + e));
      } catch (IOException | RuntimeException ignored) {
        exchange.close();
      }
    }
  }

  private ScimResponse respond(String method, @Nullable String relative, String rawQuery,
      Map<String, List<String>> headers, byte[] body) {
    if (rateLimiter != null) {
      Duration wait = rateLimiter.acquire();
      if (wait != null) {
        return ScimResponse.error(429, null, "Rate limit exceeded; retry after " + seconds(wait) + "s")
            .header("Retry-After", Long.toString(seconds(wait)));
      }
    }
    if (bearerToken != null) {
      List<String> authorization = headers.get("authorization");
      String header = authorization == null || authorization.isEmpty() ? "" : authorization.get(0);
      boolean valid = header.regionMatches(true, 0, "Bearer ", 0, 7)
          && header.substring(7).trim().equals(bearerToken.reveal());
      if (!valid) {
        return ScimResponse.error(401, null, "Missing or invalid bearer token")
            .header("WWW-Authenticate", "Bearer realm=\"scim\"");
      }
    }
    for (Map.Entry<String, String> required : requiredHeaders.entrySet()) {
      List<String> values = headers.get(required.getKey().toLowerCase(Locale.ROOT));
      String value = values == null || values.isEmpty() ? null : values.get(0);
      boolean accept = required.getKey().equalsIgnoreCase("Accept");
      if (value == null || value.isBlank()) {
        return ScimResponse.error(accept ? 406 : 400, null, "Required header '" + required.getKey() + "' is missing");
      }
      if (!required.getValue().isEmpty()
          && !value.toLowerCase(Locale.ROOT).contains(required.getValue().toLowerCase(Locale.ROOT))) {
        return ScimResponse.error(accept ? 406 : 400, null, "Header '" + required.getKey()
            + "' must contain '" + required.getValue() + "' but was '" + value + "'");
      }
    }
    if (relative == null) {
      return ScimResponse.error(404, null, "Not under the SCIM base path " + basePath);
    }
    Map<String, String> query;
    try {
      query = parseQuery(rawQuery);
    } catch (IllegalArgumentException e) {
      return ScimResponse.error(400, "invalidSyntax", "Malformed query string: " + e.getMessage());
    }
    return service.handle(new ScimRequest(method, relative, query, headers, body));
  }

  private @Nullable ScimFault takeFault(String method, String relativePath) {
    synchronized (faults) {
      Iterator<ActiveFault> it = faults.iterator();
      while (it.hasNext()) {
        ActiveFault active = it.next();
        if (active.fault.matches(method, relativePath)) {
          if (--active.remaining <= 0) {
            it.remove();
          }
          return active.fault;
        }
      }
      return null;
    }
  }

  private void write(HttpExchange exchange, ScimResponse response) throws IOException {
    response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    if (response.body() == null) {
      exchange.sendResponseHeaders(response.status(), -1);
      exchange.close();
      return;
    }
    byte[] bytes = json.writeValueAsBytes(response.body());
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.sendResponseHeaders(response.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static long seconds(Duration duration) {
    long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
    return Math.max(0, seconds);
  }

  static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.putIfAbsent(name, value);
    }
    return out;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "fake-scim-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Configures a {@link FakeScimServer}. Every switch is off by default; each one makes the
   * server refuse or change what a standards-following server would do.
   *
   * <pre>{@code
   * FakeScimServer server = FakeScimServer.builder()
   *     .serviceProviderConfigPath("/ServiceProviderConfigs")
   *     .requireHeader("User-Agent")
   *     .softDeleteUsers()
   *     .rateLimit(180, Duration.ofMinutes(1))
   *     .clock(testClock)
   *     .start();
   * }</pre>
   */
  public static final class Builder {
    private String basePath = "/scim/v2";
    private @Nullable Secret bearerToken;
    private Clock clock = Clock.systemUTC();
    private @Nullable Executor executor;
    private String serviceProviderConfigPath = "/ServiceProviderConfig";
    private int maxPageSize = 1000;
    private boolean cursorPagingOnly;
    private boolean equalityFiltersOnly;
    private boolean filterRequiredToListUsers;
    private boolean lowercaseResourcesKey;
    private boolean softDeleteUsers;
    private final Map<String, String> requiredHeaders = new LinkedHashMap<>();
    private int maxMemberChangesPerPatch;
    private boolean omitGroupMembers;
    private boolean booleansAsStrings;
    private boolean patchSupported = true;
    private boolean etagSupported = true;
    private boolean bulkSupported = true;
    private int bulkMaxOperations = 1000;
    private int bulkMaxPayloadSize = 1_048_576;
    private int rateLimit;
    private Duration rateWindow = Duration.ofMinutes(1);
    private Duration latency = Duration.ZERO;
    private boolean recordRequests = true;

    private Builder() {}

    /** The path the SCIM endpoints live under; default {@code /scim/v2}; {@code ""} for the root. */
    public Builder basePath(String basePath) {
      Objects.requireNonNull(basePath, "basePath");
      String trimmed = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
      if (!trimmed.isEmpty() && !trimmed.startsWith("/")) {
        throw new IllegalArgumentException("basePath must start with '/', not '" + basePath + "'");
      }
      this.basePath = trimmed;
      return this;
    }

    /** Requires {@code Authorization: Bearer <token>} on every request (401 otherwise). */
    public Builder bearerToken(String token) {
      Objects.requireNonNull(token, "token");
      if (token.isBlank()) {
        throw new IllegalArgumentException("bearer token must not be blank");
      }
      this.bearerToken = Secret.of(token);
      return this;
    }

    /** The clock for meta.created / meta.lastModified and the rate-limit window. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Runs requests on this executor, which the server will not shut down. */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Serves the ServiceProviderConfig at this path instead (e.g. {@code /ServiceProviderConfigs}). */
    public Builder serviceProviderConfigPath(String path) {
      Objects.requireNonNull(path, "path");
      if (!path.matches("/[A-Za-z]+")) {
        throw new IllegalArgumentException(
            "serviceProviderConfigPath must be '/' and letters, like /ServiceProviderConfigs, not '" + path + "'");
      }
      this.serviceProviderConfigPath = path;
      return this;
    }

    /** Caps {@code count}: a list answers at most this many resources (default 1000). */
    public Builder maxPageSize(int maxPageSize) {
      if (maxPageSize < 1) {
        throw new IllegalArgumentException("maxPageSize must be at least 1, not " + maxPageSize);
      }
      this.maxPageSize = maxPageSize;
      return this;
    }

    /** Pages by cursor only: {@code startIndex} is refused (400 invalidValue). */
    public Builder cursorPagingOnly() {
      this.cursorPagingOnly = true;
      return this;
    }

    /** Accepts only a single {@code attribute eq value} filter (400 invalidFilter otherwise). */
    public Builder equalityFiltersOnly() {
      this.equalityFiltersOnly = true;
      return this;
    }

    /** Refuses to list Users without a filter (400 invalidFilter). */
    public Builder filterRequiredToListUsers() {
      this.filterRequiredToListUsers = true;
      return this;
    }

    /** Names the list of a ListResponse {@code resources} instead of {@code Resources}. */
    public Builder lowercaseResourcesKey() {
      this.lowercaseResourcesKey = true;
      return this;
    }

    /** DELETE of a User only sets {@code active=false}; the User stays readable. */
    public Builder softDeleteUsers() {
      this.softDeleteUsers = true;
      return this;
    }

    /** Requires a non-blank header on every request (400; 406 for Accept). */
    public Builder requireHeader(String name) {
      return requireHeader(name, "");
    }

    /** Requires a header whose value contains {@code mustContain}, ignoring case (400; 406 for Accept). */
    public Builder requireHeader(String name, String mustContain) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(mustContain, "mustContain");
      if (name.isBlank()) {
        throw new IllegalArgumentException("header name must not be blank");
      }
      requiredHeaders.put(name, mustContain);
      return this;
    }

    /** Refuses a Group PATCH that adds or removes more than this many members (400 invalidValue). */
    public Builder maxMemberChangesPerPatch(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxMemberChangesPerPatch must be at least 1, not " + max);
      }
      this.maxMemberChangesPerPatch = max;
      return this;
    }

    /** Never returns {@code members} when reading Groups (they are still stored and filterable). */
    public Builder omitGroupMembers() {
      this.omitGroupMembers = true;
      return this;
    }

    /** Writes booleans in resources as the strings {@code "True"} / {@code "False"}. */
    public Builder booleansAsStrings() {
      this.booleansAsStrings = true;
      return this;
    }

    /** PATCH answers 501; ServiceProviderConfig says patch is unsupported. */
    public Builder patchUnsupported() {
      this.patchSupported = false;
      return this;
    }

    /** No meta.version, no ETag header; If-Match / If-None-Match are ignored. */
    public Builder etagUnsupported() {
      this.etagSupported = false;
      return this;
    }

    /** POST /Bulk answers 501; ServiceProviderConfig says bulk is unsupported. */
    public Builder bulkUnsupported() {
      this.bulkSupported = false;
      return this;
    }

    /** Bulk limits: more operations or bytes answer 413 (defaults 1000 and 1 MiB). */
    public Builder bulkLimits(int maxOperations, int maxPayloadSize) {
      if (maxOperations < 1 || maxPayloadSize < 1) {
        throw new IllegalArgumentException("bulk limits must be at least 1, not " + maxOperations
            + " operations / " + maxPayloadSize + " bytes");
      }
      this.bulkMaxOperations = maxOperations;
      this.bulkMaxPayloadSize = maxPayloadSize;
      return this;
    }

    /** Answers 429 with Retry-After once more than {@code requests} arrive in a window of the clock. */
    public Builder rateLimit(int requests, Duration window) {
      Objects.requireNonNull(window, "window");
      if (requests < 1 || window.isZero() || window.isNegative()) {
        throw new IllegalArgumentException("rateLimit needs requests >= 1 and a positive window, not "
            + requests + " per " + window);
      }
      this.rateLimit = requests;
      this.rateWindow = window;
      return this;
    }

    /** Waits this long (real time) before handling each request. */
    public Builder latency(Duration latency) {
      Objects.requireNonNull(latency, "latency");
      if (latency.isNegative()) {
        throw new IllegalArgumentException("latency must not be negative: " + latency);
      }
      this.latency = latency;
      return this;
    }

    /** Whether to keep every request for {@link #requests()} (default true; turn off for load). */
    public Builder recordRequests(boolean record) {
      this.recordRequests = record;
      return this;
    }

    /** Binds a free loopback port and starts serving. */
    public FakeScimServer start() {
      try {
        return new FakeScimServer(this);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the fake SCIM server", e);
      }
    }
  }
}
