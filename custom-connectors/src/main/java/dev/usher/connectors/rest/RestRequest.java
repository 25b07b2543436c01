package dev.usher.connectors.rest;

import dev.usher.core.model.Secret;
import dev.usher.core.spi.ConnectorException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One request being assembled on a {@link RestClient}: path values, query parameters, headers
 * and a JSON or form body. Values are percent-encoded here (spaces as {@code %20}, never
 * {@code +}), so callers never escape anything themselves. Not thread-safe; use it once.
 *
 * <pre>{@code
 * RestResponse r = client.request("GET", "/users/{id}").path("id", id)
 *     .query("$select", "id,userPrincipalName").send(origin);
 * }</pre>
 */
public final class RestRequest {
  private final RestClient client;
  final String method;
  final String target;
  final boolean absolute;
  private final Map<String, String> pathValues = new LinkedHashMap<>();
  private final StringBuilder query = new StringBuilder();
  final Map<String, String> headers = new LinkedHashMap<>();
  @Nullable Object body;
  @Nullable String form;
  @Nullable String basicUser;
  @Nullable Secret basicPassword;

  RestRequest(RestClient client, String method, String target, boolean absolute) {
    this.client = client;
    this.method = method;
    this.target = target;
    this.absolute = absolute;
  }

  /** Fills the {@code {name}} segment of the path template with the percent-encoded value. */
  public RestRequest path(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value of path segment " + name);
    if (!target.contains("{" + name + "}")) {
      throw new IllegalArgumentException("path template '" + target + "' has no {" + name + "}");
    }
    pathValues.put(name, value);
    return this;
  }

  /** Adds a query parameter; a null value leaves it out. */
  public RestRequest query(String name, @Nullable Object value) {
    Objects.requireNonNull(name, "name");
    if (value != null) {
      // '$' stays literal in names: OData's $select, $filter, $top are spelled that way.
      query.append(query.length() == 0 ? '?' : '&').append(encode(name).replace("%24", "$")).append('=')
          .append(encode(String.valueOf(value)));
    }
    return this;
  }

  /** Adds a header to this request. */
  public RestRequest header(String name, String value) {
    headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** A JSON body: a Jackson tree, a map or any object the client's mapper writes. */
  public RestRequest body(Object json) {
    this.body = Objects.requireNonNull(json, "json");
    this.form = null;
    return this;
  }

  /** An {@code application/x-www-form-urlencoded} body. */
  public RestRequest form(Map<String, String> fields) {
    Objects.requireNonNull(fields, "fields");
    StringBuilder sb = new StringBuilder();
    fields.forEach((k, v) -> {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(encode(k)).append('=').append(encode(v));
    });
    this.form = sb.toString();
    this.body = null;
    return this;
  }

  /** HTTP basic authentication for this request (token endpoints). */
  public RestRequest basicAuth(String user, Secret password) {
    this.basicUser = Objects.requireNonNull(user, "user");
    this.basicPassword = Objects.requireNonNull(password, "password");
    return this;
  }

  /**
   * Sends the request.
   *
   * @return the successful (2xx) answer
   * @throws ConnectorException mapped from the failure
   */
  public RestResponse send(ConnectorException.Origin origin) {
    return client.execute(this, Objects.requireNonNull(origin, "origin"));
  }

  /** Sends the request; a 404 gives empty instead of {@link dev.usher.core.spi.NotFoundException}. */
  public Optional<RestResponse> sendOrEmpty(ConnectorException.Origin origin) {
    return client.executeOptional(this, Objects.requireNonNull(origin, "origin"));
  }

  String expandedPath() {
    String p = target;
    for (Map.Entry<String, String> e : pathValues.entrySet()) {
      p = p.replace("{" + e.getKey() + "}", encode(e.getValue()));
    }
    int open = p.indexOf('{');
    if (open >= 0 && p.indexOf('}', open) > open) {
      throw new IllegalStateException("path '" + p + "' still has an unfilled segment");
    }
    return p;
  }

  String queryString() {
    return query.toString();
  }

  /** RFC 3986 percent-encoding of everything but unreserved characters. */
  static String encode(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length + 8);
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
}
