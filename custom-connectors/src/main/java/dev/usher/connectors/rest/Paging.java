package dev.usher.connectors.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.usher.core.spi.Page;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads where the next page is, in the three ways vendor APIs say it, and makes the core
 * {@link Page}. The page token handed to Usher is opaque: a page token as the API gave it, or
 * the full next URL (fetch it with {@link RestClient#requestUrl}, which refuses other hosts).
 *
 * <ul>
 *   <li>RFC 8288 {@code Link} headers ({@code <https://api.github.com/...&page=2>; rel="next"}):
 *       {@link #nextLink(RestResponse)};
 *   <li>page tokens in the body ({@code nextPageToken} for Google, {@code next_page_token} for
 *       Zoom; an empty string means the last page): {@link #pageToken(JsonNode, String)};
 *   <li>OData's {@code @odata.nextLink} (Microsoft Graph): {@link #odataNextLink(JsonNode)}.
 * </ul>
 *
 * <pre>{@code
 * RestResponse r = api.request("GET", "/orgs/{org}/members").path("org", org).send(origin);
 * return Paging.page(logins(r.body()), Paging.nextLink(r));
 * }</pre>
 */
public final class Paging {
  private Paging() {}

  /** The target of the {@code rel="next"} link of the response's {@code Link} headers, or null. */
  public static @Nullable String nextLink(RestResponse response) {
    List<String> values = response.headers().get("link");
    if (values == null) {
      return null;
    }
    for (String value : values) {
      String next = nextLink(value);
      if (next != null) {
        return next;
      }
    }
    return null;
  }

  /** The target of the {@code rel="next"} link in one {@code Link} header value, or null. */
  public static @Nullable String nextLink(@Nullable String linkHeader) {
    if (linkHeader == null) {
      return null;
    }
    int i = 0;
    int n = linkHeader.length();
    while (i < n) {
      int open = linkHeader.indexOf('<', i);
      if (open < 0) {
        return null;
      }
      int close = linkHeader.indexOf('>', open);
      if (close < 0) {
        return null;
      }
      String target = linkHeader.substring(open + 1, close).trim();
      // The parameters run to the next link-value: a comma outside quotes.
      int j = close + 1;
      boolean quoted = false;
      while (j < n && (quoted || linkHeader.charAt(j) != ',')) {
        if (linkHeader.charAt(j) == '"') {
          quoted = !quoted;
        }
        j++;
      }
      if (hasRelNext(linkHeader.substring(close + 1, j))) {
        return target;
      }
      i = j + 1;
    }
    return null;
  }

  private static boolean hasRelNext(String params) {
    for (String param : params.split(";")) {
      String p = param.trim();
      int eq = p.indexOf('=');
      if (eq < 0 || !p.substring(0, eq).trim().equalsIgnoreCase("rel")) {
        continue;
      }
      String v = p.substring(eq + 1).trim();
      if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
        v = v.substring(1, v.length() - 1);
      }
      // rel may hold several space-separated relation types: rel="next last".
      for (String rel : v.toLowerCase(Locale.ROOT).split("\\s+")) {
        if (rel.equals("next")) {
          return true;
        }
      }
    }
    return false;
  }

  /** The non-empty text of a page-token field of the body, or null on the last page. */
  public static @Nullable String pageToken(JsonNode body, String field) {
    JsonNode t = body.path(field);
    return t.isTextual() && !t.asText().isBlank() ? t.asText() : null;
  }

  /** The body's {@code @odata.nextLink}, or null on the last page. */
  public static @Nullable String odataNextLink(JsonNode body) {
    return pageToken(body, "@odata.nextLink");
  }

  /** A complete page; the last one when {@code next} is null. */
  public static <T> Page<T> page(List<T> items, @Nullable String next) {
    return Page.of(items, next);
  }
}
