package dev.usher.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.scim.internal.ScimJson;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One element of a multi-valued attribute such as {@code emails} or {@code members}.
 *
 * <pre>{@code
 * MultiValue work = MultiValue.of("alice@example.com").withType("work").withPrimary(true);
 * }</pre>
 *
 * @param value the value (an address, a number, a member's id)
 * @param type the label ({@code work}, {@code home}, {@code User}), if any
 * @param display a human-readable name, if any
 * @param primary whether this is the preferred element
 */
public record MultiValue(String value, @Nullable String type, @Nullable String display, boolean primary) {
  public MultiValue {
    Objects.requireNonNull(value, "value");
  }

  public static MultiValue of(String value) {
    return new MultiValue(value, null, null, false);
  }

  public MultiValue withType(@Nullable String type) {
    return new MultiValue(value, type, display, primary);
  }

  public MultiValue withDisplay(@Nullable String display) {
    return new MultiValue(value, type, display, primary);
  }

  public MultiValue withPrimary(boolean primary) {
    return new MultiValue(value, type, display, primary);
  }

  /** Reads one element; {@code attribute} names it in errors. */
  static MultiValue fromJson(JsonNode n, String attribute) {
    if (!n.isObject()) {
      throw new IllegalArgumentException(
          "each element of '" + attribute + "' must be an object, found " + ScimJson.describe(n));
    }
    JsonNode v = ScimJson.get(n, "value");
    if (v == null || v.isNull() || v.isContainerNode()) {
      throw new IllegalArgumentException("an element of '" + attribute + "' has no scalar 'value'");
    }
    JsonNode p = ScimJson.get(n, "primary");
    if (p != null && !p.isNull() && !p.isBoolean()) {
      throw new IllegalArgumentException(
          "'" + attribute + ".primary' must be a boolean, was " + ScimJson.describe(p));
    }
    return new MultiValue(v.asText(), ScimJson.text(n, "type"), ScimJson.text(n, "display"),
        p != null && p.booleanValue());
  }

  ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("value", value);
    if (type != null) {
      o.put("type", type);
    }
    if (display != null) {
      o.put("display", display);
    }
    if (primary) {
      o.put("primary", true);
    }
    return o;
  }
}
