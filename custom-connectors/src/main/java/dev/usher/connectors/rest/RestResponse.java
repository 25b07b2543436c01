package dev.usher.connectors.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP answer: status, headers (names in lower case) and the body read as JSON (a missing
 * node when the body was empty or not JSON).
 *
 * <pre>{@code
 * RestResponse r = client.request("GET", "/users").send(origin);
 * String next = Paging.nextLink(r);
 * }</pre>
 *
 * @param status the HTTP status
 * @param headers the response headers, names in lower case
 * @param body the body as JSON; {@code MissingNode} when empty or not JSON
 * @param text the body as text, for error messages
 */
public record RestResponse(int status, Map<String, List<String>> headers, JsonNode body, String text) {
  public RestResponse {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(text, "text");
    headers = Map.copyOf(headers);
  }

  /** The first value of a header; the name is matched without regard to case. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
