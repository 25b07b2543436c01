package dev.usher.scim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.usher.scim.internal.ScimJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A resource type the server offers ({@code /ResourceTypes}, RFC 7643 section 6).
 *
 * <pre>{@code
 * String usersPath = discovery.resourceType("User").map(ResourceType::endpoint).orElse("/Users");
 * }</pre>
 *
 * @param id the type's id (often its name)
 * @param name {@code User}, {@code Group}, ...
 * @param endpoint the path relative to the base URL, e.g. {@code /Users}
 * @param schema the core schema URN
 * @param extensions URNs of the schema extensions
 */
public record ResourceType(String id, String name, String endpoint, String schema, List<String> extensions) {
  public ResourceType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(endpoint, "endpoint");
    extensions = List.copyOf(extensions);
  }

  /**
   * Reads a ResourceType.
   *
   * @throws IllegalArgumentException when name or endpoint is missing
   */
  public static ResourceType fromJson(JsonNode json) {
    String name = ScimJson.text(json, "name");
    String endpoint = ScimJson.text(json, "endpoint");
    if (name == null || endpoint == null) {
      throw new IllegalArgumentException("a ResourceType needs 'name' and 'endpoint', got " + ScimJson.abbreviate(json.toString(), 120));
    }
    String id = ScimJson.text(json, "id");
    String schema = ScimJson.text(json, "schema");
    List<String> ext = new ArrayList<>();
    JsonNode exts = ScimJson.get(json, "schemaExtensions");
    if (exts != null && exts.isArray()) {
      exts.forEach(e -> {
        String s = ScimJson.text(e, "schema");
        if (s != null) {
          ext.add(s);
        }
      });
    }
    return new ResourceType(id != null ? id : name, name, endpoint, schema != null ? schema : "", ext);
  }
}
