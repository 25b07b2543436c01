package dev.usher.testkit.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The {@code attributes} / {@code excludedAttributes} selection of RFC 7644 section 3.9. */
final class Projection {
  static final Projection ALL = new Projection(List.of(), List.of());

  private final List<AttrPath> included;
  private final List<AttrPath> excluded;

  private Projection(List<AttrPath> included, List<AttrPath> excluded) {
    this.included = included;
    this.excluded = excluded;
  }

  static Projection of(@Nullable String attributes, @Nullable String excludedAttributes) {
    return new Projection(paths(attributes), paths(excludedAttributes));
  }

  static Projection of(@Nullable JsonNode attributes, @Nullable JsonNode excludedAttributes) {
    return of(joined(attributes), joined(excludedAttributes));
  }

  private static @Nullable String joined(@Nullable JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return node.asText();
    }
    List<String> parts = new ArrayList<>();
    node.forEach(part -> parts.add(part.asText()));
    return String.join(",", parts);
  }

  private static List<AttrPath> paths(@Nullable String list) {
    List<AttrPath> out = new ArrayList<>();
    if (list == null || list.isBlank()) {
      return out;
    }
    for (String part : list.split(",")) {
      if (!part.isBlank()) {
        AttrPath path = AttrPath.parse(part, "invalidValue");
        if (path.valueFilter() != null) {
          throw ScimException.badRequest(
              "invalidValue", "Attribute list entries cannot carry a filter: '" + part + "'");
        }
        out.add(path);
      }
    }
    return out;
  }

  ObjectNode apply(ObjectNode resource) {
    ObjectNode out = resource;
    if (!included.isEmpty()) {
      out = resource.objectNode();
      copyAlways(resource, out, "schemas");
      copyAlways(resource, out, "id");
      for (AttrPath path : included) {
        include(resource, out, path);
      }
    }
    for (AttrPath path : excluded) {
      exclude(out, path);
    }
    return out;
  }

  private static void copyAlways(ObjectNode from, ObjectNode to, String name) {
    String key = Nodes.key(from, name);
    if (key != null) {
      to.set(key, from.get(key));
    }
  }

  private static void include(ObjectNode resource, ObjectNode out, AttrPath path) {
    String whole = path.wholeSchema();
    String wholeKey = whole == null ? null : Nodes.key(resource, whole);
    if (wholeKey != null) {
      out.set(wholeKey, resource.get(wholeKey).deepCopy());
      return;
    }
    if (path.inExtension()) {
      String extKey = Nodes.key(resource, path.urn());
      if (extKey != null && resource.get(extKey).isObject()) {
        ObjectNode target = out.has(extKey) ? (ObjectNode) out.get(extKey) : out.putObject(extKey);
        copyAttribute((ObjectNode) resource.get(extKey), target, path);
      }
      return;
    }
    copyAttribute(resource, out, path);
  }

  private static void copyAttribute(ObjectNode from, ObjectNode to, AttrPath path) {
    String key = Nodes.key(from, path.attr());
    if (key == null) {
      return;
    }
    JsonNode value = from.get(key);
    String sub = path.sub();
    if (sub == null) {
      to.set(key, value.deepCopy());
    } else if (value.isArray()) {
      ArrayNode target = to.get(key) instanceof ArrayNode existing && existing.size() == value.size()
          ? existing : to.putArray(key);
      if (target.isEmpty()) {
        value.forEach(element -> target.addObject());
      }
      for (int i = 0; i < value.size(); i++) {
        JsonNode element = value.get(i);
        String subKey = Nodes.key(element, sub);
        if (subKey != null && target.get(i) instanceof ObjectNode targetElement) {
          targetElement.set(subKey, element.get(subKey).deepCopy());
        }
      }
    } else if (value.isObject()) {
      String subKey = Nodes.key(value, sub);
      if (subKey != null) {
        ObjectNode target = to.get(key) instanceof ObjectNode existing ? existing : to.putObject(key);
        target.set(subKey, value.get(subKey).deepCopy());
      }
    }
  }

  private static void exclude(ObjectNode resource, AttrPath path) {
    if (path.urn() == null && path.sub() == null
        && (path.attr().equalsIgnoreCase("id") || path.attr().equalsIgnoreCase("schemas"))) {
      return; // returned "always" (RFC 7643 section 7)
    }
    String whole = path.wholeSchema();
    if (whole != null && Nodes.key(resource, whole) != null) {
      Nodes.remove(resource, whole);
      return;
    }
    ObjectNode container = resource;
    if (path.inExtension()) {
      JsonNode ext = Nodes.get(resource, path.urn());
      if (!(ext instanceof ObjectNode extObject)) {
        return;
      }
      container = extObject;
    }
    String sub = path.sub();
    if (sub == null) {
      Nodes.remove(container, path.attr());
      return;
    }
    JsonNode value = Nodes.get(container, path.attr());
    if (value instanceof ObjectNode object) {
      Nodes.remove(object, sub);
    } else if (value instanceof ArrayNode array) {
      array.forEach(element -> {
        if (element instanceof ObjectNode object) {
          Nodes.remove(object, sub);
        }
      });
    }
  }
}
