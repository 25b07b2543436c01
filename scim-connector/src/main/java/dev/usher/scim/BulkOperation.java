package dev.usher.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One operation of a SCIM bulk request (RFC 7644 section 3.7). A later operation may refer
 * to a resource an earlier one creates as {@code bulkId:<bulkId>}.
 *
 * <pre>{@code
 * BulkOperation create = BulkOperation.post("/Users", "u1", user.resource().json());
 * BulkOperation join = BulkOperation.patch("/Groups/" + groupId,
 *     PatchRequest.of(PatchOperation.add("members", membersWith("bulkId:u1"))));
 * }</pre>
 *
 * @param method POST, PUT, PATCH or DELETE
 * @param bulkId the client's id for a POST (required for POST)
 * @param path the resource path relative to the base URL ({@code /Users}, {@code /Users/2819c223})
 * @param data the body, null for DELETE
 * @param version the ETag for If-Match, if any
 */
public record BulkOperation(String method, @Nullable String bulkId, String path, @Nullable JsonNode data,
    @Nullable String version) {
  public BulkOperation {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    method = method.toUpperCase(Locale.ROOT);
    if (!method.matches("POST|PUT|PATCH|DELETE")) {
      throw new IllegalArgumentException("bulk method must be POST, PUT, PATCH or DELETE, was " + method);
    }
    if (method.equals("POST") && bulkId == null) {
      throw new IllegalArgumentException("a bulk POST needs a bulkId");
    }
    if (!method.equals("DELETE") && data == null) {
      throw new IllegalArgumentException("a bulk " + method + " needs data");
    }
    data = data == null ? null : data.deepCopy();
  }

  public static BulkOperation post(String path, String bulkId, JsonNode data) {
    return new BulkOperation("POST", bulkId, path, data, null);
  }

  public static BulkOperation patch(String path, PatchRequest patch) {
    return new BulkOperation("PATCH", null, path, patch.toJson(), null);
  }

  public static BulkOperation delete(String path) {
    return new BulkOperation("DELETE", null, path, null, null);
  }

  @Override
  public @Nullable JsonNode data() {
    return data == null ? null : data.deepCopy();
  }

  /** This operation as an element of {@code Operations}. */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("method", method);
    if (bulkId != null) {
      o.put("bulkId", bulkId);
    }
    if (version != null) {
      o.put("version", version);
    }
    o.put("path", path);
    if (data != null) {
      o.set("data", data.deepCopy());
    }
    return o;
  }
}
