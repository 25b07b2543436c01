package dev.usher.testkit.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/** Case-insensitive access to JSON object members: SCIM attribute names ignore case. */
final class Nodes {
  private Nodes() {}

  /** The actual member name in {@code object} that equals {@code name} ignoring case. */
  static @Nullable String key(JsonNode object, String name) {
    if (!object.isObject()) {
      return null;
    }
    if (object.has(name)) {
      return name;
    }
    Iterator<String> names = object.fieldNames();
    while (names.hasNext()) {
      String candidate = names.next();
      if (candidate.equalsIgnoreCase(name)) {
        return candidate;
      }
    }
    return null;
  }

  /** The member named {@code name} ignoring case, or null when absent or JSON null. */
  static @Nullable JsonNode get(JsonNode object, String name) {
    String key = key(object, name);
    if (key == null) {
      return null;
    }
    JsonNode value = object.get(key);
    return value == null || value.isNull() ? null : value;
  }

  static @Nullable String text(JsonNode object, String name) {
    JsonNode value = get(object, name);
    return value != null && value.isValueNode() ? value.asText() : null;
  }

  /** Sets the member, keeping the spelling of an existing member with the same name. */
  static void set(ObjectNode object, String name, JsonNode value) {
    String key = key(object, name);
    object.set(key == null ? name : key, value);
  }

  static void remove(ObjectNode object, String name) {
    String key = key(object, name);
    if (key != null) {
      object.remove(key);
    }
  }

  /** True for absent, null, empty-string, empty-array and empty-object values (SCIM "unassigned"). */
  static boolean isUnassigned(@Nullable JsonNode value) {
    return value == null
        || value.isNull()
        || value.isMissingNode()
        || (value.isTextual() && value.asText().isEmpty())
        || (value.isContainerNode() && value.isEmpty());
  }
}
