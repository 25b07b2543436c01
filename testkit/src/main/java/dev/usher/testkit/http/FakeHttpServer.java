package dev.usher.testkit.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A tiny routing HTTP server on the JDK's HttpServer on a loopback port, the base of stateful
 * fakes of vendor REST APIs (such as {@link dev.usher.testkit.fakes.FakeGitHub}). Routes are
 * regular expressions over the decoded path; handlers run one at a time, so a fake may hold
 * plain maps. A request that matches no route gets 404; a handler that throws gets 500.
 *
 * <p><b>TCP_NODELAY:</b> the JDK HTTP server reads {@code sun.net.httpserver.nodelay} once, when
 * its classes load; without it a small request takes about 40 ms on loopback. The constructor
 * therefore sets that system property to {@code true} unless it is already set. If another
 * {@code HttpServer} was created earlier in the JVM without it, pass
 * {@code -Dsun.net.httpserver.nodelay=true}.
 *
 * <pre>{@code
 * try (FakeHttpServer server = new FakeHttpServer()) {
 *   server.on("GET", "/ping", call -> FakeHttpServer.Reply.json(200, Map.of("ok", true)));
 * }
 * }</pre>
 */
public final class FakeHttpServer implements AutoCloseable {
  private static final String NODELAY = "sun.net.httpserver.nodelay";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the fake saw it. */
  public record Call(String method, String path, Map<String, String> query, Map<String, String> headers, String body,
      List<String> groups) {
    /** The body as JSON (a missing node when empty); IllegalArgumentException when it is not JSON. */
    public JsonNode json() {
      try {
        return body.isEmpty() ? MissingNode.getInstance() : JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalArgumentException("request body is not JSON: " + body);
      }
    }

    /** The i-th group (from 1) of the route's path pattern. */
    public String group(int i) {
      return groups.get(i - 1);
    }

    /** A request header's first value, or "" when absent. */
    public String header(String name) {
      return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), "");
    }
  }

  /** An answer: a status, a body (a String as it is, anything else as JSON) and headers. */
  public record Reply(int status, Object body, Map<String, String> headers) {
    /** A reply with this body and no extra headers. */
    public static Reply json(int status, Object body) {
      return new Reply(status, body, Map.of());
    }

    /** A reply without a body. */
    public static Reply empty(int status) {
      return new Reply(status, "", Map.of());
    }

    /** This reply with one more header. */
    public Reply withHeader(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Reply(status, body, h);
    }
  }

  /** Answers one request. */
  @FunctionalInterface
  public interface Handler {
    Reply handle(Call call) throws Exception;
  }

  private record Route(String method, Pattern path, Handler handler) {}

  private final HttpServer server;
  private final List<Route> routes = new CopyOnWriteArrayList<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile @Nullable String requiredAuthorization;
  private volatile String protectedPrefix = "/";

  /** Starts a server on a free loopback port. */
  public FakeHttpServer() {
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/", this::serve);
    server.start();
  }

  /** The base URL, {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers 401 to requests without exactly this Authorization header (null: no check). */
  public void requireAuthorization(@Nullable String value) {
    this.requiredAuthorization = value;
  }

  /** Answers 401 to requests under the prefix without exactly this Authorization header. */
  public void requireAuthorization(String pathPrefix, @Nullable String value) {
    this.protectedPrefix = Objects.requireNonNull(pathPrefix, "pathPrefix");
    this.requiredAuthorization = value;
  }

  /** The error body a 401 carries; GitHub's by default. */
  public void unauthorizedBody(Object body) {
    this.unauthorizedBody = Objects.requireNonNull(body, "body");
  }

  private volatile Object unauthorizedBody = Map.of("message", "Bad credentials");

  /** A route; the path is a regex matched against the whole decoded path, groups handed to the handler. */
  public void on(String method, String pathRegex, Handler handler) {
    routes.add(new Route(Objects.requireNonNull(method, "method"),
        Pattern.compile(Objects.requireNonNull(pathRegex, "pathRegex")), Objects.requireNonNull(handler, "handler")));
  }

  /** The requests received so far, oldest first. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  private synchronized void serve(HttpExchange ex) {
    try {
      String path = ex.getRequestURI().getRawPath();
      String decodedPath = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
      Map<String, String> query = new LinkedHashMap<>();
      String rawQuery = ex.getRequestURI().getRawQuery();
      if (rawQuery != null) {
        for (String pair : rawQuery.split("&")) {
          int eq = pair.indexOf('=');
          String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
          String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
          query.put(k, v);
        }
      }
      Map<String, String> headers = new LinkedHashMap<>();
      ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Reply reply = null;
      if (requiredAuthorization != null && decodedPath.startsWith(protectedPrefix)
          && !requiredAuthorization.equals(headers.get("authorization"))) {
        reply = Reply.json(401, unauthorizedBody);
      }
      for (Route r : routes) {
        if (reply != null) {
          break;
        }
        Matcher m = r.path.matcher(decodedPath);
        if (r.method.equals(ex.getRequestMethod()) && m.matches()) {
          List<String> groups = new ArrayList<>();
          for (int i = 1; i <= m.groupCount(); i++) {
            groups.add(m.group(i));
          }
          Call call = new Call(ex.getRequestMethod(), decodedPath, query, headers, body, groups);
          calls.add(call);
          reply = r.handler.handle(call);
        }
      }
      if (reply == null) {
        reply = Reply.json(404, Map.of("message", "Not Found: " + ex.getRequestMethod() + " " + decodedPath));
      }
      byte[] out = reply.body() instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(reply.body());
      reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      if (out.length > 0) {
        ex.getResponseHeaders().add("Content-Type", "application/json");
      }
      ex.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        ex.getResponseBody().write(out);
      }
    } catch (Exception e) {
      System.err.println("fake server: the handler of " + ex.getRequestMethod() + " " + ex.getRequestURI()
          + " failed: " + e);
      try {
        ex.sendResponseHeaders(500, -1);
      } catch (IOException alreadySent) {
        // the reply was on its way; nothing more to say
      }
    } finally {
      ex.close();
    }
  }

  /**
   * One page of a list in GitHub's style: {@code page} and {@code per_page} query parameters,
   * an RFC 8288 Link header with {@code rel="next"} and {@code rel="last"}.
   */
  public Reply linkPaged(Call call, List<?> all) {
    int perPage = Integer.parseInt(call.query().getOrDefault("per_page", "30"));
    int page = Integer.parseInt(call.query().getOrDefault("page", "1"));
    int from = Math.min(all.size(), (page - 1) * perPage);
    int to = Math.min(all.size(), from + perPage);
    Reply reply = Reply.json(200, all.subList(from, to));
    int last = Math.max(1, (all.size() + perPage - 1) / perPage);
    if (page < last) {
      Map<String, String> q = new LinkedHashMap<>(call.query());
      q.put("page", String.valueOf(page + 1));
      StringBuilder next = new StringBuilder(url()).append(call.path()).append('?');
      q.forEach((k, v) -> next.append(k).append('=').append(v).append('&'));
      next.setLength(next.length() - 1);
      q.put("page", String.valueOf(last));
      StringBuilder lastUrl = new StringBuilder(url()).append(call.path()).append('?');
      q.forEach((k, v) -> lastUrl.append(k).append('=').append(v).append('&'));
      lastUrl.setLength(lastUrl.length() - 1);
      reply = reply.withHeader("Link", "<" + next + ">; rel=\"next\", <" + lastUrl + ">; rel=\"last\"");
    }
    return reply;
  }

  /**
   * One page in OData's style: {@code $top} and an opaque {@code $skiptoken} (here an offset),
   * {@code value} and {@code @odata.nextLink} in the body.
   */
  public Reply odataPaged(Call call, List<?> all, int defaultTop) {
    int top = Integer.parseInt(call.query().getOrDefault("$top", String.valueOf(defaultTop)));
    int from = Integer.parseInt(call.query().getOrDefault("$skiptoken", "0"));
    int to = Math.min(all.size(), from + top);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", url() + "/v1.0/$metadata#users");
    body.put("value", all.subList(Math.min(from, all.size()), to));
    if (to < all.size()) {
      Map<String, String> q = new LinkedHashMap<>(call.query());
      q.put("$top", String.valueOf(top));
      q.put("$skiptoken", String.valueOf(to));
      StringBuilder next = new StringBuilder(url()).append(call.path()).append('?');
      q.forEach((k, v) -> next.append(k).append('=')
          .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20")).append('&'));
      next.setLength(next.length() - 1);
      body.put("@odata.nextLink", next.toString());
    }
    return Reply.json(200, body);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
