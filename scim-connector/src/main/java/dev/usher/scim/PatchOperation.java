package dev.usher.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One operation of a SCIM PATCH (RFC 7644 section 3.5.2). The path may carry a value filter
 * ({@code members[value eq "2819c223"]}, {@code emails[type eq "work"].value}) or a schema URN.
 *
 * <pre>{@code
 * PatchOperation.add("members", membersArray);
 * PatchOperation.replace("active", BooleanNode.FALSE);
 * PatchOperation.remove("members[value eq \"2819c223\"]");
 * }</pre>
 *
 * @param op add, replace or remove
 * @param path the attribute path; null to address the resource (value is then an object)
 * @param value the value; null only for remove
 */
public record PatchOperation(Op op, @Nullable String path, @Nullable JsonNode value) {
  /** The PATCH operation kinds. */
  public enum Op {
    ADD, REPLACE, REMOVE;

    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public PatchOperation {
    Objects.requireNonNull(op, "op");
    if (path != null && path.isBlank()) {
      throw new IllegalArgumentException("patch path is blank");
    }
    if (op == Op.REMOVE && path == null) {
      throw new IllegalArgumentException("a remove operation needs a path (RFC 7644 section 3.5.2.2)");
    }
    if (op != Op.REMOVE && value == null) {
      throw new IllegalArgumentException(op.text() + " of '" + path + "' needs a value");
    }
    if (op != Op.REMOVE && path == null && !value.isObject()) {
      throw new IllegalArgumentException(op.text() + " without a path needs an object value");
    }
    value = value == null ? null : value.deepCopy();
  }

  public static PatchOperation add(@Nullable String path, JsonNode value) {
    return new PatchOperation(Op.ADD, path, value);
  }

  public static PatchOperation replace(@Nullable String path, JsonNode value) {
    return new PatchOperation(Op.REPLACE, path, value);
  }

  public static PatchOperation remove(String path) {
    return new PatchOperation(Op.REMOVE, path, null);
  }

  /** Removes a value from a multi-valued attribute (the body carries it, for servers that want it). */
  public static PatchOperation remove(String path, JsonNode value) {
    return new PatchOperation(Op.REMOVE, path, value);
  }

  @Override
  public @Nullable JsonNode value() {
    return value == null ? null : value.deepCopy();
  }

  ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("op", op.text());
    if (path != null) {
      o.put("path", path);
    }
    if (value != null) {
      o.set("value", value.deepCopy());
    }
    return o;
  }
}
