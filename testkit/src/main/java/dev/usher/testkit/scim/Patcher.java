package dev.usher.testkit.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Applies a PatchOp request (RFC 7644 section 3.5.2) to a copy of a stored resource: add,
 * replace and remove with plain, URN-qualified and value-filtered paths.
 */
final class Patcher {
  private final ObjectNode resource;
  private final ResourceKind kind;
  private int memberChanges;

  private Patcher(ObjectNode resource, ResourceKind kind) {
    this.resource = resource;
    this.kind = kind;
  }

  /** Applies the operations to {@code resource} in place; returns the number of member changes. */
  static int apply(ObjectNode resource, ResourceKind kind, JsonNode request) {
    if (!request.isObject() || !hasSchema(request, ScimSchemas.PATCH_OP)) {
      throw ScimException.badRequest(
          "invalidSyntax", "A PATCH body must list the schema " + ScimSchemas.PATCH_OP);
    }
    JsonNode operations = Nodes.get(request, "Operations");
    if (operations == null || !operations.isArray() || operations.isEmpty()) {
      throw ScimException.badRequest(
          "invalidSyntax", "A PATCH body needs a non-empty 'Operations' array");
    }
    Patcher patcher = new Patcher(resource, kind);
    int index = 0;
    for (JsonNode operation : operations) {
      patcher.operation(operation, index++);
    }
    return patcher.memberChanges;
  }

  static boolean hasSchema(JsonNode body, String schema) {
    JsonNode schemas = Nodes.get(body, "schemas");
    if (schemas == null || !schemas.isArray()) {
      return false;
    }
    for (JsonNode s : schemas) {
      if (s.asText().equalsIgnoreCase(schema)) {
        return true;
      }
    }
    return false;
  }

  private void operation(JsonNode operation, int index) {
    String where = "Operations[" + index + "]";
    String op = Nodes.text(operation, "op");
    if (op == null) {
      throw ScimException.badRequest("invalidSyntax", where + " has no 'op'");
    }
    op = op.toLowerCase(Locale.ROOT);
    if (!op.equals("add") && !op.equals("replace") && !op.equals("remove")) {
      throw ScimException.badRequest(
          "invalidSyntax", where + ".op is '" + op + "'; expected add, replace or remove");
    }
    JsonNode value = operation.has("value") || Nodes.key(operation, "value") != null
        ? Nodes.get(operation, "value") : null;
    String pathText = Nodes.text(operation, "path");
    if (pathText == null || pathText.isBlank()) {
      if (op.equals("remove")) {
        throw ScimException.badRequest("noTarget", where + ": remove needs a 'path'");
      }
      if (!(value instanceof ObjectNode object)) {
        throw ScimException.badRequest(
            "invalidValue", where + ": without a path, 'value' must be an object of attributes");
      }
      applyObject(object, op.equals("add"));
      return;
    }
    AttrPath path = AttrPath.parse(pathText, "invalidPath");
    guardMutable(path);
    if (!op.equals("remove") && value == null) {
      throw ScimException.badRequest("invalidValue", where + ": " + op + " needs a 'value'");
    }
    String whole = path.wholeSchema();
    if (whole != null && (Nodes.key(resource, whole) != null
        || whole.equalsIgnoreCase(ScimSchemas.ENTERPRISE_USER))) {
      wholeExtension(whole, op, value);
      return;
    }
    ObjectNode container = container(path, !op.equals("remove"));
    if (container == null) {
      return; // removing from an extension the resource does not have
    }
    if (path.valueFilter() != null) {
      filtered(container, path, op, value);
    } else if (path.sub() != null) {
      subAttribute(container, path, op, value);
    } else if (op.equals("remove")) {
      remove(container, path.attr(), value);
    } else {
      set(container, path.attr(), value, op.equals("add"));
    }
  }

  private void applyObject(ObjectNode object, boolean add) {
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (name.regionMatches(true, 0, "urn:", 0, 4) && value.isObject()) {
        ObjectNode target = ScimSchemas.isCore(name) ? resource : extension(name);
        Iterator<Map.Entry<String, JsonNode>> inner = value.fields();
        while (inner.hasNext()) {
          Map.Entry<String, JsonNode> entry = inner.next();
          guardMutable(new AttrPath(null, entry.getKey(), null, null));
          set(target, entry.getKey(), entry.getValue(), add);
        }
      } else {
        guardMutable(new AttrPath(null, name, null, null));
        set(resource, name, value, add);
      }
    }
  }

  private void guardMutable(AttrPath path) {
    if (path.inExtension()) {
      return;
    }
    String attr = path.attr();
    if (attr.equalsIgnoreCase("id") || attr.equalsIgnoreCase("meta")
        || attr.equalsIgnoreCase("schemas")
        || (kind == ResourceKind.USER && attr.equalsIgnoreCase("groups"))) {
      throw ScimException.badRequest(
          "mutability", "Attribute '" + path + "' is read-only and cannot be patched");
    }
  }

  private @Nullable ObjectNode container(AttrPath path, boolean create) {
    if (!path.inExtension()) {
      return resource;
    }
    JsonNode existing = Nodes.get(resource, path.urn());
    if (existing instanceof ObjectNode object) {
      return object;
    }
    return create ? extension(path.urn()) : null;
  }

  private ObjectNode extension(String urn) {
    JsonNode existing = Nodes.get(resource, urn);
    if (existing instanceof ObjectNode object) {
      return object;
    }
    ObjectNode created = resource.objectNode();
    Nodes.set(resource, urn, created);
    addSchema(urn);
    return created;
  }

  private void addSchema(String urn) {
    JsonNode schemas = Nodes.get(resource, "schemas");
    if (schemas instanceof ArrayNode array) {
      for (JsonNode s : array) {
        if (s.asText().equalsIgnoreCase(urn)) {
          return;
        }
      }
      array.add(urn);
    }
  }

  private void removeSchema(String urn) {
    JsonNode schemas = Nodes.get(resource, "schemas");
    if (schemas instanceof ArrayNode array) {
      for (int i = array.size() - 1; i >= 0; i--) {
        if (array.get(i).asText().equalsIgnoreCase(urn)) {
          array.remove(i);
        }
      }
    }
  }

  private void wholeExtension(String urn, String op, @Nullable JsonNode value) {
    if (op.equals("remove")) {
      Nodes.remove(resource, urn);
      removeSchema(urn);
      return;
    }
    if (!(value instanceof ObjectNode object)) {
      throw ScimException.badRequest(
          "invalidValue", "The value for extension " + urn + " must be an object");
    }
    ObjectNode target = extension(urn);
    if (op.equals("replace")) {
      target.removeAll();
    }
    object.fields().forEachRemaining(e -> set(target, e.getKey(), e.getValue(), true));
  }

  /** add / replace of a whole attribute; add appends to multi-valued attributes. */
  private void set(ObjectNode container, String name, @Nullable JsonNode value, boolean add) {
    if (value == null) {
      throw ScimException.badRequest("invalidValue", "No value given for '" + name + "'");
    }
    countMembers(container, name, value);
    JsonNode existing = Nodes.get(container, name);
    if (existing instanceof ArrayNode array && add) {
      if (value.isArray()) {
        value.forEach(v -> appendUnique(array, v));
      } else {
        appendUnique(array, value);
      }
      return;
    }
    if (existing instanceof ObjectNode object && value instanceof ObjectNode patch) {
      // add and replace both merge sub-attributes of a complex attribute (RFC 7644 3.5.2.1/3)
      patch.fields().forEachRemaining(e -> Nodes.set(object, e.getKey(), e.getValue().deepCopy()));
      return;
    }
    if (value.isNull()) {
      Nodes.remove(container, name);
      return;
    }
    JsonNode copy = value.deepCopy();
    if (copy instanceof ArrayNode array) {
      ArrayNode unique = array.arrayNode();
      array.forEach(v -> appendUnique(unique, v));
      copy = unique;
    }
    Nodes.set(container, name, copy);
  }

  private void appendUnique(ArrayNode array, JsonNode value) {
    String valueKey = value.isObject() ? Nodes.text(value, "value") : null;
    for (JsonNode existing : array) {
      if (existing.equals(value) || sameValue(existing, value, valueKey)) {
        return;
      }
    }
    JsonNode primary = value.isObject() ? Nodes.get(value, "primary") : null;
    if (primary != null && primary.asBoolean(false)) {
      array.forEach(e -> {
        if (e instanceof ObjectNode o && Nodes.key(o, "primary") != null) {
          Nodes.set(o, "primary", o.booleanNode(false));
        }
      });
    }
    array.add(value.deepCopy());
  }

  /** Same {@code value} and, when both say, the same {@code type}: the same entry. */
  private static boolean sameValue(JsonNode existing, JsonNode value, @Nullable String valueKey) {
    if (valueKey == null || !existing.isObject() || !valueKey.equals(Nodes.text(existing, "value"))) {
      return false;
    }
    String a = Nodes.text(existing, "type");
    String b = Nodes.text(value, "type");
    return a == null || b == null || a.equalsIgnoreCase(b);
  }

  private void remove(ObjectNode container, String name, @Nullable JsonNode value) {
    JsonNode existing = Nodes.get(container, name);
    if (existing == null) {
      return;
    }
    if (value != null && existing instanceof ArrayNode array) {
      // remove the listed values only (the form many clients send for group members)
      List<JsonNode> doomed = value.isArray() ? toList(value) : List.of(value);
      int before = array.size();
      for (JsonNode target : doomed) {
        String targetValue = target.isObject() ? Nodes.text(target, "value") : target.asText();
        for (int i = array.size() - 1; i >= 0; i--) {
          JsonNode element = array.get(i);
          String elementValue = element.isObject() ? Nodes.text(element, "value") : element.asText();
          if (element.equals(target) || (targetValue != null && targetValue.equals(elementValue))) {
            array.remove(i);
          }
        }
      }
      if (isMembers(container, name)) {
        memberChanges += Math.max(doomed.size(), before - array.size());
      }
      if (array.isEmpty()) {
        Nodes.remove(container, name);
      }
      return;
    }
    if (isMembers(container, name)) {
      memberChanges += existing.isArray() ? existing.size() : 1;
    }
    Nodes.remove(container, name);
  }

  private void subAttribute(ObjectNode container, AttrPath path, String op, @Nullable JsonNode value) {
    String sub = path.sub();
    JsonNode existing = Nodes.get(container, path.attr());
    if (existing instanceof ArrayNode array) {
      for (JsonNode element : array) {
        if (element instanceof ObjectNode object) {
          setOrRemoveSub(object, sub, op, value);
        }
      }
      return;
    }
    if (op.equals("remove")) {
      if (existing instanceof ObjectNode object) {
        Nodes.remove(object, sub);
        if (object.isEmpty()) {
          Nodes.remove(container, path.attr());
        }
      }
      return;
    }
    ObjectNode object;
    if (existing instanceof ObjectNode found) {
      object = found;
    } else {
      object = container.objectNode();
      Nodes.set(container, path.attr(), object);
    }
    setOrRemoveSub(object, sub, op, value);
  }

  private static void setOrRemoveSub(
      ObjectNode object, @Nullable String sub, String op, @Nullable JsonNode value) {
    if (sub == null) {
      return;
    }
    if (op.equals("remove") || value == null || value.isNull()) {
      Nodes.remove(object, sub);
    } else {
      Nodes.set(object, sub, value.deepCopy());
    }
  }

  private void filtered(ObjectNode container, AttrPath path, String op, @Nullable JsonNode value) {
    Filter filter = path.valueFilter();
    JsonNode existing = Nodes.get(container, path.attr());
    List<Integer> matched = new ArrayList<>();
    if (existing instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isObject() && filter.test(array.get(i))) {
          matched.add(i);
        }
      }
    }
    if (matched.isEmpty()) {
      if (op.equals("remove")) {
        return;
      }
      throw ScimException.badRequest(
          "noTarget", "No value of '" + path.attr() + "' matches the filter in path '" + path + "'");
    }
    ArrayNode array = (ArrayNode) existing;
    boolean members = isMembers(container, path.attr());
    if (op.equals("remove") && path.sub() == null) {
      for (int i = matched.size() - 1; i >= 0; i--) {
        array.remove(matched.get(i));
      }
      if (members) {
        memberChanges += matched.size();
      }
      if (array.isEmpty()) {
        Nodes.remove(container, path.attr());
      }
      return;
    }
    for (int i : matched) {
      ObjectNode element = (ObjectNode) array.get(i);
      if (path.sub() != null) {
        setOrRemoveSub(element, path.sub(), op, value);
      } else if (value instanceof ObjectNode object) {
        if (op.equals("replace")) {
          element.removeAll();
        }
        object.fields().forEachRemaining(e -> Nodes.set(element, e.getKey(), e.getValue().deepCopy()));
      } else {
        throw ScimException.badRequest(
            "invalidValue", "The value for '" + path + "' must be an object");
      }
    }
    if (members) {
      memberChanges += matched.size();
    }
  }

  private void countMembers(ObjectNode container, String name, JsonNode value) {
    if (isMembers(container, name)) {
      memberChanges += value.isArray() ? value.size() : 1;
    }
  }

  private boolean isMembers(ObjectNode container, String name) {
    return kind == ResourceKind.GROUP && container == resource && name.equalsIgnoreCase("members");
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }
}
