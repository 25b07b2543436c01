package dev.usher.scim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one bulk operation, matched to the operation that was sent.
 *
 * <pre>{@code
 * for (BulkResult r : client.bulk(ops)) {
 *   if (r.succeeded()) ids.put(r.operation().bulkId(), r.id().orElseThrow());
 * }
 * }</pre>
 *
 * @param operation the operation sent
 * @param status the HTTP status of that operation
 * @param location the location of the created or changed resource, if given
 * @param response the error (or resource) the server returned for the operation, if any
 */
public record BulkResult(BulkOperation operation, int status, @Nullable String location, @Nullable JsonNode response) {
  public boolean succeeded() {
    return status >= 200 && status < 300;
  }

  /** The resource id: the last segment of {@code location}. */
  public Optional<String> id() {
    if (location == null || location.isBlank()) {
      return Optional.empty();
    }
    String l = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    return Optional.of(l.substring(l.lastIndexOf('/') + 1));
  }
}
