package dev.usher.connectors.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.usher.core.json.UsherJson;
import dev.usher.core.model.Secret;
import dev.usher.core.spi.ConnectorException;
import dev.usher.core.spi.HttpSettings;
import dev.usher.core.spi.InvalidRequestException;
import dev.usher.core.spi.NotFoundException;
import dev.usher.core.spi.TransientException;
import dev.usher.core.spi.UnauthorizedException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import kong.unirest.core.Config;
import kong.unirest.core.Header;
import kong.unirest.core.HttpRequest;
import kong.unirest.core.HttpRequestWithBody;
import kong.unirest.core.HttpResponse;
import kong.unirest.core.UnirestException;
import kong.unirest.core.UnirestInstance;
import org.jspecify.annotations.Nullable;

/**
 * A JSON-over-HTTP client for one connector: its own {@link UnirestInstance} (HTTP/1.1,
 * timeouts and User-Agent from {@link HttpSettings}, no automatic retries: the engine retries),
 * an optional base URL and bearer {@link TokenProvider}, and failures mapped to the connector
 * error taxonomy by {@link RestFailures} (after the connector's own {@link FailureMapper}).
 *
 * <p>{@link #open} makes the client that owns the connection pool; {@link #toBuilder()} derives
 * clients that share it (a token endpoint client without auth, the API client with auth).
 * Closing any of them closes the pool.
 *
 * <pre>{@code
 * RestClient http = RestClient.open(context.http(), context.clock());
 * RestClient api = http.toBuilder().baseUrl("https://api.github.com").tokens(tokens)
 *     .header("Accept", "application/vnd.github+json").build();
 * JsonNode org = api.request("GET", "/orgs/{org}").path("org", "acme").send(origin).body();
 * }</pre>
 *
 * <p>A URL handed back by the API for paging (a {@code Link} header, an {@code @odata.nextLink})
 * may be requested with {@link #requestUrl}; it must share the base URL's scheme, host and port,
 * so the bearer token never travels to another host.
 */
public final class RestClient implements AutoCloseable {
  private final Transport transport;
  private final @Nullable URI baseUrl;
  private final @Nullable TokenProvider tokens;
  private final Map<String, String> headers;
  private final FailureMapper failures;

  private RestClient(Transport transport, @Nullable URI baseUrl, @Nullable TokenProvider tokens,
      Map<String, String> headers, FailureMapper failures) {
    this.transport = transport;
    this.baseUrl = baseUrl;
    this.tokens = tokens;
    this.headers = Map.copyOf(headers);
    this.failures = failures;
  }

  /** A client owning a new connection pool, configured from the settings. */
  public static RestClient open(HttpSettings settings, Clock clock) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clock, "clock");
    return new RestClient(new Transport(settings, clock), null, null, Map.of(), FailureMapper.none());
  }

  /** A builder for a client sharing this one's connection pool. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The clock failures are computed against (Retry-After dates, token expiry). */
  public Clock clock() {
    return transport.clock;
  }

  /** The Jackson mapper requests and responses are written and read with. */
  public ObjectMapper json() {
    return transport.json;
  }

  /**
   * A request to a path under the base URL; {@code {name}} segments are filled by
   * {@link RestRequest#path} and percent-encoded.
   */
  public RestRequest request(String method, String pathTemplate) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathTemplate, "pathTemplate");
    if (baseUrl == null) {
      throw new IllegalStateException("this client has no base URL; use requestUrl with an absolute URL");
    }
    return new RestRequest(this, method, pathTemplate, false);
  }

  /**
   * A request to an absolute URL (a token endpoint, or a paging link the API returned).
   *
   * @throws InvalidRequestException (via {@link RestRequest#send}) when the URL is on another host
   *     than the base URL
   */
  public RestRequest requestUrl(String method, String absoluteUrl) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(absoluteUrl, "absoluteUrl");
    return new RestRequest(this, method, absoluteUrl, true);
  }

  /** Closes the shared connection pool. Idempotent. */
  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "RestClient[" + (baseUrl != null ? baseUrl : "no base URL")
        + (tokens != null ? ", bearer " + tokens : "") + "]";
  }

  RestResponse execute(RestRequest r, ConnectorException.Origin origin) {
    String url = resolve(r, origin);
    Secret token = tokens != null ? tokens.accessToken() : null;
    RestResponse response = exchange(r, url, origin, token);
    if (response.status() == 401 && tokens != null) {
      // A cached token may have been revoked or expired early: try once more with a new one,
      // when the provider has a new one to give (a fixed token does not).
      tokens.invalidate();
      Secret renewed = tokens.accessToken();
      if (!renewed.equals(token)) {
        response = exchange(r, url, origin, renewed);
      }
    }
    if (response.isSuccess()) {
      return response;
    }
    ConnectorException mapped = failures.map(origin, response);
    throw mapped != null ? mapped : RestFailures.toException(origin, response, transport.clock);
  }

  Optional<RestResponse> executeOptional(RestRequest r, ConnectorException.Origin origin) {
    try {
      return Optional.of(execute(r, origin));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  private String resolve(RestRequest r, ConnectorException.Origin origin) {
    if (!r.absolute) {
      String base = baseUrl.toString();
      String path = r.expandedPath();
      String q = r.queryString();
      if (!q.isEmpty() && path.contains("?")) {
        q = "&" + q.substring(1);
      }
      return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
          + (path.startsWith("/") ? path : "/" + path) + q;
    }
    URI target;
    try {
      target = URI.create(r.target);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(origin, "not a valid URL: '" + r.target + "'");
    }
    if (!target.isAbsolute()) {
      throw new InvalidRequestException(origin, "expected an absolute URL, was '" + r.target + "'");
    }
    if (tokens != null && baseUrl != null && !sameOrigin(target, baseUrl)) {
      throw new InvalidRequestException(origin, "refusing to send credentials to " + target.getScheme()
          + "://" + target.getAuthority() + ": the API's base URL is " + baseUrl);
    }
    String q = r.queryString();
    if (!q.isEmpty() && r.target.contains("?")) {
      q = "&" + q.substring(1);
    }
    return r.target + q;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && String.valueOf(a.getHost()).equalsIgnoreCase(String.valueOf(b.getHost()))
        && port(a) == port(b);
  }

  private static int port(URI u) {
    return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private RestResponse exchange(RestRequest r, String url, ConnectorException.Origin origin, @Nullable Secret token) {
    HttpRequestWithBody req = transport.unirest.request(r.method.toUpperCase(Locale.ROOT), url);
    headers.forEach(req::headerReplace);
    if (token != null) {
      req.header("Authorization", "Bearer " + token.reveal());
    }
    r.headers.forEach(req::headerReplace);
    if (r.basicUser != null && r.basicPassword != null) {
      req.basicAuth(r.basicUser, r.basicPassword.reveal());
    }
    HttpRequest<?> ready = req;
    if (r.form != null) {
      ready = req.contentType("application/x-www-form-urlencoded").body(r.form);
    } else if (r.body != null) {
      String json;
      try {
        json = transport.json.writeValueAsString(r.body);
      } catch (JsonProcessingException e) {
        throw new InvalidRequestException(origin, "cannot write the request body as JSON: " + e.getOriginalMessage());
      }
      ready = req.contentType("application/json").body(json);
    }
    HttpResponse<byte[]> raw;
    try {
      raw = ready.asBytes();
    } catch (UnirestException e) {
      boolean readOnly = r.method.equalsIgnoreCase("GET") || r.method.equalsIgnoreCase("HEAD");
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new TransientException(origin, 0, r.method + " " + redactQuery(url) + " failed: "
          + cause.getClass().getSimpleName() + (cause.getMessage() != null ? ": " + cause.getMessage() : ""),
          e, !readOnly);
    }
    byte[] bytes = raw.getBody() == null ? new byte[0] : raw.getBody();
    if (bytes.length > transport.settings.maxResponseBytes()) {
      throw new InvalidRequestException(origin, raw.getStatus(), "response of " + bytes.length
          + " bytes exceeds the limit of " + transport.settings.maxResponseBytes() + " bytes", null);
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    return new RestResponse(raw.getStatus(), headersOf(raw), parse(text), text);
  }

  private JsonNode parse(String text) {
    if (text.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode n = transport.json.readTree(text);
      return n == null ? MissingNode.getInstance() : n;
    } catch (JsonProcessingException e) {
      return MissingNode.getInstance();
    }
  }

  private static Map<String, List<String>> headersOf(HttpResponse<?> raw) {
    Map<String, List<String>> out = new TreeMap<>();
    for (Header h : raw.getHeaders().all()) {
      out.computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue());
    }
    return out;
  }

  private static String redactQuery(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?...";
  }

  /** Builds a {@link RestClient} sharing a connection pool. */
  public static final class Builder {
    private final Transport transport;
    private @Nullable URI baseUrl;
    private @Nullable TokenProvider tokens;
    private final Map<String, String> headers;
    private FailureMapper failures;

    private Builder(RestClient from) {
      this.transport = from.transport;
      this.baseUrl = from.baseUrl;
      this.tokens = from.tokens;
      this.headers = new LinkedHashMap<>(from.headers);
      this.failures = from.failures;
    }

    /** The URL that request paths are appended to, e.g. {@code https://graph.microsoft.com/v1.0}. */
    public Builder baseUrl(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      URI u;
      try {
        u = URI.create(baseUrl);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("baseUrl '" + baseUrl + "' is not a valid URL", e);
      }
      if (!u.isAbsolute() || u.getHost() == null
          || !(u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))) {
        throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, was '" + baseUrl + "'");
      }
      this.baseUrl = u;
      return this;
    }

    /** Sends {@code Authorization: Bearer <token>} from this provider; null for none. */
    public Builder tokens(@Nullable TokenProvider tokens) {
      this.tokens = tokens;
      return this;
    }

    /** A header sent with every request. */
    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** The connector's own reading of failures, tried before the generic one. */
    public Builder failures(FailureMapper failures) {
      this.failures = Objects.requireNonNull(failures, "failures");
      return this;
    }

    public RestClient build() {
      return new RestClient(transport, baseUrl, tokens, headers, failures);
    }
  }

  /** The connection pool and what it was configured with; shared by derived clients. */
  private static final class Transport {
    final UnirestInstance unirest;
    final HttpSettings settings;
    final Clock clock;
    final ObjectMapper json;
    final AtomicBoolean closed = new AtomicBoolean();

    Transport(HttpSettings settings, Clock clock) {
      this.settings = settings;
      this.clock = clock;
      this.json = UsherJson.newMapper()
          .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
      Config config = new Config()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Math.toIntExact(Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis())))
          .requestTimeout(Math.toIntExact(Math.min(Integer.MAX_VALUE, settings.requestTimeout().toMillis())))
          .followRedirects(false)
          .retryAfter(false)
          .enableCookieManagement(false)
          .setObjectMapper(new JacksonObjectMapper(json))
          .setDefaultHeader("User-Agent", settings.userAgent())
          .setDefaultHeader("Accept", "application/json");
      this.unirest = new UnirestInstance(config);
    }

    void close() {
      if (closed.compareAndSet(false, true)) {
        unirest.close();
      }
    }
  }
}
