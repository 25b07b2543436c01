package dev.usher.testkit.scim;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request as the {@link FakeScimServer} received it, faulted or not.
 *
 * <pre>{@code
 * RecordedRequest last = server.requests().get(server.requests().size() - 1);
 * assertThat(last.method()).isEqualTo("PATCH");
 * assertThat(last.queryParameter("filter")).isEqualTo("userName eq \"ada\"");
 * assertThat(last.header("Content-Type")).startsWith("application/scim+json");
 * }</pre>
 *
 * @param method the HTTP method, upper-case as sent
 * @param path the decoded request path, including the server's base path
 * @param query the raw (still percent-encoded) query string, empty when there was none
 * @param headers header values by lower-case header name
 * @param body the request body as UTF-8 text, empty when there was none
 */
public record RecordedRequest(
    String method, String path, String query, Map<String, List<String>> headers, String body) {

  /** Copies the headers (lower-casing names) so the record stays immutable. */
  public RecordedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(body, "body");
    Map<String, List<String>> copy = new TreeMap<>();
    Objects.requireNonNull(headers, "headers").forEach((name, values) ->
        copy.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
    copy.replaceAll((name, values) -> List.copyOf(values));
    headers = Map.copyOf(copy);
  }

  /** The first value of a header, matched ignoring case; null when absent. */
  public @Nullable String header(String name) {
    List<String> values = headers.get(Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The first value of a query parameter, percent-decoded; null when absent. */
  public @Nullable String queryParameter(String name) {
    Objects.requireNonNull(name, "name");
    return FakeScimServer.parseQuery(query).get(name);
  }

  /** Names the request without its headers, whose Authorization value is a secret. */
  @Override
  public String toString() {
    return method + " " + path + (query.isEmpty() ? "" : "?" + URLDecoder.decode(query, StandardCharsets.UTF_8))
        + " (" + body.length() + " chars of body)";
  }
}
