package dev.usher.scim.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usher.core.spi.AlreadyExistsException;
import dev.usher.core.spi.ConnectorException;
import dev.usher.core.spi.ConnectorException.Origin;
import dev.usher.core.spi.HttpFailures;
import dev.usher.core.spi.HttpSettings;
import dev.usher.core.spi.InvalidRequestException;
import dev.usher.core.spi.TransientException;
import dev.usher.scim.ScimAuth;
import dev.usher.scim.ScimSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kong.unirest.core.Config;
import kong.unirest.core.Header;
import kong.unirest.core.HttpRequest;
import kong.unirest.core.HttpRequestWithBody;
import kong.unirest.core.RawResponse;
import kong.unirest.core.UnirestException;
import kong.unirest.core.UnirestInstance;
import org.jspecify.annotations.Nullable;

/**
 * Sends SCIM requests over one {@link UnirestInstance} (never the static Unirest config) and
 * turns every unsuccessful outcome into a {@link ConnectorException} that names the request.
 * Bodies are read as streams, capped at {@link HttpSettings#maxResponseBytes()}. Redirects are
 * followed only within the base URL's origin. HTTP/1.1 is used for {@code http://} URLs.
 */
public final class HttpTransport implements AutoCloseable {
  private static final int MAX_REDIRECTS = 5;
  private static final int MAX_ERROR_BODY = 64 * 1024;
  private static final Pattern HTML_TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");

  private final UnirestInstance unirest;
  private final URI base;
  private final String baseUrl;
  private final ScimAuth auth;
  private final HttpSettings http;
  private final Clock clock;
  private final String connectorType;
  private final String applicationId;
  private final ObjectMapper mapper;

  /** One HTTP request. {@code path} is relative to the base URL and already encoded. */
  public record Request(String operation, String method, String path, Map<String, String> query,
      byte @Nullable [] body, @Nullable String ifMatch) {
    public Request {
      query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    /** {@code GET /Users?filter=...}, for messages. */
    public String describe() {
      String q = query.isEmpty() ? "" : "?" + encodeQuery(query);
      return method + " " + path + ScimJson.abbreviate(q, 200);
    }
  }

  /** Reads a successful response. The stream is null for an empty body. */
  @FunctionalInterface
  public interface BodyReader<T> {
    T read(int status, @Nullable InputStream body) throws IOException;
  }

  public HttpTransport(URI baseUrl, ScimAuth auth, HttpSettings http, Clock clock, @Nullable Executor executor,
      ObjectMapper mapper, String connectorType, String applicationId) {
    this.base = Objects.requireNonNull(baseUrl, "baseUrl");
    String p = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
    this.baseUrl = baseUrl.getScheme() + "://" + baseUrl.getRawAuthority()
        + (p.endsWith("/") ? p.substring(0, p.length() - 1) : p);
    this.auth = Objects.requireNonNull(auth, "auth");
    this.http = Objects.requireNonNull(http, "http");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.mapper = mapper;
    this.connectorType = connectorType;
    this.applicationId = applicationId;
    Config config = new Config()
        .connectTimeout(Math.toIntExact(Math.min(Integer.MAX_VALUE, http.connectTimeout().toMillis())))
        .requestTimeout(Math.toIntExact(Math.min(Integer.MAX_VALUE, http.requestTimeout().toMillis())))
        .followRedirects(false)
        .enableCookieManagement(false)
        .retryAfter(false)
        .setObjectMapper(new UnirestJackson(mapper));
    if (executor != null) {
      config.executor(executor);
    }
    if ("http".equalsIgnoreCase(baseUrl.getScheme())) {
      // The JDK client would try an h2c upgrade that some servers mishandle.
      config.version(HttpClient.Version.HTTP_1_1);
    }
    this.unirest = new UnirestInstance(config);
  }

  public Origin origin(String operation) {
    return new Origin(connectorType, applicationId, operation);
  }

  /**
   * Sends the request, following same-origin redirects, and reads a 2xx answer with {@code reader}.
   *
   * @throws ConnectorException for any other answer, a transport failure, or a body {@code reader} cannot read
   */
  public <T> T exchange(Request request, BodyReader<T> reader) {
    Origin origin = origin(request.operation());
    String url = baseUrl + request.path() + (request.query().isEmpty() ? "" : "?" + encodeQuery(request.query()));
    boolean refreshed = false;
    for (int hop = 0; ; hop++) {
      Outcome<T> outcome = send(request, url, reader, origin);
      if (outcome.value != null || outcome.failure == null && outcome.redirect == null) {
        return outcome.value;
      }
      if (outcome.redirect != null) {
        if (hop >= MAX_REDIRECTS) {
          throw new ConnectorException(origin, request.describe() + ": more than " + MAX_REDIRECTS + " redirects");
        }
        URI target = outcome.redirect;
        if (!sameOrigin(base, target)) {
          throw new ConnectorException(origin, request.describe() + ": refused a redirect to another origin ("
              + target.getScheme() + "://" + target.getAuthority() + "); only " + base.getScheme() + "://"
              + base.getAuthority() + " is trusted with the credentials");
        }
        url = target.toString();
        continue;
      }
      if (outcome.failure instanceof dev.usher.core.spi.UnauthorizedException && !refreshed && auth.refresh()) {
        refreshed = true;
        continue;
      }
      throw outcome.failure;
    }
  }

  private <T> Outcome<T> send(Request request, String url, BodyReader<T> reader, Origin origin) {
    HttpRequest<?> req = build(request, url);
    try {
      return req.asObject((RawResponse raw) -> handle(request, url, raw, reader, origin)).getBody();
    } catch (UnirestException e) {
      throw transportFailure(request, origin, e);
    }
  }

  private HttpRequest<?> build(Request request, String url) {
    HttpRequest<?> req;
    switch (request.method()) {
      case "GET":
        req = unirest.get(url);
        break;
      case "DELETE":
        req = body(unirest.delete(url), request);
        break;
      case "POST":
        req = body(unirest.post(url), request);
        break;
      case "PUT":
        req = body(unirest.put(url), request);
        break;
      case "PATCH":
        req = body(unirest.patch(url), request);
        break;
      default:
        throw new IllegalArgumentException("unsupported method " + request.method());
    }
    req.header("Accept", ScimSchemas.MEDIA_TYPE + ", application/json");
    req.header("User-Agent", http.userAgent());
    if (request.ifMatch() != null) {
      req.header("If-Match", request.ifMatch());
    }
    HttpRequest<?> r = req;
    auth.apply(r::headerReplace); // a profile's header replaces the default of that name
    return req;
  }

  private static HttpRequest<?> body(HttpRequestWithBody req, Request request) {
    if (request.body() == null) {
      return req;
    }
    req.header("Content-Type", ScimSchemas.MEDIA_TYPE + "; charset=utf-8");
    return req.body(request.body());
  }

  private <T> Outcome<T> handle(Request request, String url, RawResponse raw, BodyReader<T> reader, Origin origin) {
    int status = raw.getStatus();
    try {
      if (status >= 200 && status < 300) {
        long declared = contentLength(raw.getHeaders().getFirst("Content-Length"));
        if (declared > http.maxResponseBytes()) {
          return Outcome.failed(tooLarge(request, origin, status));
        }
        InputStream in = raw.getContent();
        if (status == 204 || declared == 0 || in == null) {
          drain(in);
          return Outcome.of(reader.read(status, null));
        }
        try (LimitedInputStream limited = new LimitedInputStream(in, http.maxResponseBytes(), declared < 0)) {
          T value = reader.read(status, limited.isEmpty() ? null : limited);
          limited.drain();
          return Outcome.of(value);
        }
      }
      Map<String, List<String>> headers = headers(raw);
      if (status >= 300 && status < 400 && status != 304) {
        String location = first(headers, "location");
        drain(raw.getContent());
        if (location == null) {
          return Outcome.failed(new ConnectorException(origin, status, request.describe() + ": redirect without Location", null));
        }
        try {
          return Outcome.redirect(new URI(url).resolve(uriOf(location)));
        } catch (URISyntaxException e) {
          return Outcome.failed(new ConnectorException(origin, status, request.describe() + ": unreadable redirect Location", null));
        }
      }
      return Outcome.failed(failure(request, origin, status, headers, raw.getContent()));
    } catch (LimitedInputStream.TooLargeException e) {
      return Outcome.failed(tooLarge(request, origin, status));
    } catch (JsonProcessingException e) {
      return Outcome.failed(new ConnectorException(origin, status, request.describe()
          + ": the response is not valid SCIM JSON: " + e.getOriginalMessage()
          + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() : ""), null));
    } catch (IllegalArgumentException | ClassCastException e) {
      return Outcome.failed(new ConnectorException(origin, status, request.describe()
          + ": the response is not a valid SCIM resource: " + e.getMessage(), null));
    } catch (ConnectorException e) {
      return Outcome.failed(e);
    } catch (IOException e) {
      return Outcome.failed(new TransientException(origin, status, request.describe()
          + ": the response broke off: " + e, e, !request.method().equals("GET")));
    }
  }

  private static URI uriOf(String location) throws URISyntaxException {
    return new URI(location.trim());
  }

  private ConnectorException tooLarge(Request request, Origin origin, int status) {
    return new ConnectorException(origin, status, request.describe() + ": the response is larger than the limit of "
        + http.maxResponseBytes() + " bytes", null);
  }

  /** Maps an error answer, reading the SCIM Error body when there is one. */
  private ConnectorException failure(Request request, Origin origin, int status, Map<String, List<String>> headers,
      @Nullable InputStream body) {
    byte[] bytes = readSome(body);
    String text = new String(bytes, StandardCharsets.UTF_8).trim();
    String scimType = null;
    String detail;
    String contentType = first(headers, "content-type");
    if (text.isEmpty()) {
      detail = "(no body)";
    } else if ((contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html")) || text.startsWith("<")) {
      Matcher m = HTML_TITLE.matcher(text);
      detail = "an HTML page instead of a SCIM error" + (m.find() ? " (title '" + ScimJson.abbreviate(m.group(1).trim(), 100) + "')" : "");
    } else {
      try {
        JsonNode err = mapper.readTree(text);
        scimType = err.isObject() ? textOrNull(ScimJson.get(err, "scimType")) : null;
        String d = err.isObject() ? textOrNull(ScimJson.get(err, "detail")) : null;
        detail = d != null ? d : ScimJson.abbreviate(text, 300);
      } catch (JsonProcessingException e) {
        detail = "a non-JSON body: " + ScimJson.abbreviate(text.replaceAll("\\s+", " "), 200);
      }
    }
    String message = request.describe() + ": " + (scimType != null ? scimType + ": " : "") + detail;
    switch (status) {
      case 401: case 403: case 404: case 408: case 429: case 500: case 502: case 503: case 504:
        return HttpFailures.toException(origin, status, headers, message, clock);
      case 409:
        return new AlreadyExistsException(origin, status, message, null);
      default:
        if (status >= 500) {
          return HttpFailures.toException(origin, status, headers, message, clock);
        }
        return new InvalidRequestException(origin, status, message, scimType != null ? scimType : null);
    }
  }

  private static @Nullable String textOrNull(@Nullable JsonNode n) {
    return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
  }

  private ConnectorException transportFailure(Request request, Origin origin, UnirestException e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause != cause.getCause()) {
      cause = cause.getCause();
      if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
        return new TransientException(origin, 0, request.describe() + ": could not connect to "
            + base.getAuthority() + " (" + cause.getClass().getSimpleName() + ")", cause, false);
      }
      if (cause instanceof HttpTimeoutException) {
        return new TransientException(origin, 0, request.describe() + ": no answer within "
            + http.requestTimeout().toMillis() + " ms", cause, !request.method().equals("GET"));
      }
    }
    return new TransientException(origin, 0, request.describe() + ": " + cause.getClass().getSimpleName()
        + (cause.getMessage() != null ? ": " + cause.getMessage() : ""), e, !request.method().equals("GET"));
  }

  private static byte[] readSome(@Nullable InputStream in) {
    if (in == null) {
      return new byte[0];
    }
    try (in) {
      return in.readNBytes(MAX_ERROR_BODY);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static void drain(@Nullable InputStream in) {
    if (in != null) {
      try (in) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      } catch (IOException ignored) {
        // The answer is complete without it.
      }
    }
  }

  private static Map<String, List<String>> headers(RawResponse raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Header h : raw.getHeaders().all()) {
      out.computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue());
    }
    return out;
  }

  private static @Nullable String first(Map<String, List<String>> headers, String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static long contentLength(@Nullable String v) {
    if (v == null || v.isEmpty()) {
      return -1;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  /** Percent-encodes as RFC 3986 requires: a space is {@code %20}, a plus {@code %2B}. */
  public static String encode(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  public static String encodeQuery(Map<String, String> query) {
    StringBuilder sb = new StringBuilder();
    query.forEach((k, v) -> {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(encode(k)).append('=').append(encode(v));
    });
    return sb.toString();
  }

  @Override
  public void close() {
    unirest.close();
  }

  /** What one exchange gave: a value, an error, or where to go next. */
  private static final class Outcome<T> {
    final @Nullable T value;
    final @Nullable ConnectorException failure;
    final @Nullable URI redirect;

    private Outcome(@Nullable T value, @Nullable ConnectorException failure, @Nullable URI redirect) {
      this.value = value;
      this.failure = failure;
      this.redirect = redirect;
    }

    static <T> Outcome<T> of(@Nullable T value) {
      return new Outcome<>(value, null, null);
    }

    static <T> Outcome<T> failed(ConnectorException e) {
      return new Outcome<>(null, e, null);
    }

    static <T> Outcome<T> redirect(@Nullable URI to) {
      return new Outcome<>(null, null, to);
    }
  }
}
