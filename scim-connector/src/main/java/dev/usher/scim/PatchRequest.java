package dev.usher.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.scim.internal.ScimJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A SCIM PatchOp message: operations applied in order, atomically.
 *
 * <pre>{@code
 * PatchRequest disable = PatchRequest.of(PatchOperation.replace("active", BooleanNode.FALSE));
 * client.patch("/Users", id, disable, null);
 * }</pre>
 *
 * @param operations at least one operation
 */
public record PatchRequest(List<PatchOperation> operations) {
  public PatchRequest {
    operations = List.copyOf(Objects.requireNonNull(operations, "operations"));
    if (operations.isEmpty()) {
      throw new IllegalArgumentException("a PATCH needs at least one operation");
    }
  }

  public static PatchRequest of(PatchOperation... operations) {
    return new PatchRequest(List.of(operations));
  }

  /** The PatchOp message. */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.putArray("schemas").add(ScimSchemas.PATCH_OP);
    ArrayNode ops = o.putArray("Operations");
    operations.forEach(op -> ops.add(op.toJson()));
    return o;
  }

  /**
   * Reads a PatchOp message; operation names are accepted in any case ({@code "Replace"}).
   *
   * @throws IllegalArgumentException naming the operation that is malformed
   */
  public static PatchRequest fromJson(JsonNode json) {
    JsonNode ops = ScimJson.get(json, "Operations");
    if (ops == null || !ops.isArray()) {
      throw new IllegalArgumentException("a PatchOp message needs an 'Operations' array");
    }
    List<PatchOperation> out = new ArrayList<>();
    int i = 0;
    for (JsonNode op : ops) {
      String name = ScimJson.text(op, "op");
      if (name == null) {
        throw new IllegalArgumentException("Operations[" + i + "] has no 'op'");
      }
      PatchOperation.Op kind;
      try {
        kind = PatchOperation.Op.valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Operations[" + i + "].op is '" + name + "'; expected add, replace or remove");
      }
      JsonNode v = ScimJson.get(op, "value");
      out.add(new PatchOperation(kind, ScimJson.text(op, "path"), v == null || v.isNull() ? null : v));
      i++;
    }
    return new PatchRequest(out);
  }
}
