package dev.usher.scim.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.core.model.AttributeValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON helpers for SCIM: attribute lookup without regard to case (SCIM attribute names are
 * case-insensitive, Jackson's tree lookups are not), attribute paths with URN prefixes, and
 * conversion between JSON and Usher's {@link AttributeValue}s.
 */
public final class ScimJson {
  private ScimJson() {}

  /** The mapper the SCIM module uses: lenient about unknown fields, BigDecimal for decimals. */
  public static ObjectMapper newMapper() {
    JsonMapper mapper = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
        .build();
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(200).maxStringLength(16 << 20).build());
    return mapper;
  }

  /** The member named {@code name}, matching its case exactly first, then without regard to case. */
  public static @Nullable JsonNode get(@Nullable JsonNode object, String name) {
    if (object == null || !object.isObject()) {
      return null;
    }
    JsonNode exact = object.get(name);
    if (exact != null) {
      return exact;
    }
    Iterator<Map.Entry<String, JsonNode>> it = object.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** The actual key under which {@code name} is stored, or null. */
  public static @Nullable String key(ObjectNode object, String name) {
    if (object.has(name)) {
      return name;
    }
    Iterator<String> it = object.fieldNames();
    while (it.hasNext()) {
      String k = it.next();
      if (k.equalsIgnoreCase(name)) {
        return k;
      }
    }
    return null;
  }

  /** Removes {@code name} whatever its case; true when something was removed. */
  public static boolean remove(ObjectNode object, String name) {
    String k = key(object, name);
    if (k == null) {
      return false;
    }
    object.remove(k);
    return true;
  }

  /** Sets {@code name}, replacing a member of the same name in another case. */
  public static void set(ObjectNode object, String name, JsonNode value) {
    String k = key(object, name);
    object.set(k != null ? k : name, value);
  }

  /** Text of a member, or null when absent or JSON null; the member must be a string. */
  public static @Nullable String text(JsonNode object, String name) {
    JsonNode n = get(object, name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException(
          "attribute '" + name + "' must be a string, was " + describe(n));
    }
    return n.asText();
  }

  /**
   * Splits an attribute path into its URN (or null) and the dotted attribute names:
   * {@code urn:...:enterprise:2.0:User:manager.value} gives the URN and [manager, value].
   */
  public static Path splitPath(String path) {
    String urn = null;
    String rest = path;
    if (path.regionMatches(true, 0, "urn:", 0, 4)) {
      int colon = path.lastIndexOf(':');
      urn = path.substring(0, colon);
      rest = path.substring(colon + 1);
    }
    List<String> names = List.of(rest.split("\\."));
    return new Path(urn, names);
  }

  /** An attribute path: an optional schema URN and one or more names. */
  public record Path(@Nullable String urn, List<String> names) {
    public String first() {
      return names.get(0);
    }
  }

  /** The value at an attribute path, or null. Sub-attributes of multi-valued attributes are not resolved. */
  public static @Nullable JsonNode at(JsonNode resource, String path) {
    Path p = splitPath(path);
    JsonNode cur = p.urn() == null ? resource : get(resource, p.urn());
    for (String name : p.names()) {
      cur = get(cur, name);
      if (cur == null) {
        return null;
      }
    }
    return cur;
  }

  /** A short description of a node's type and value for error messages. */
  public static String describe(JsonNode n) {
    String type = n.getNodeType().toString().toLowerCase(Locale.ROOT);
    String text = n.isContainerNode() ? "" : " " + abbreviate(n.toString(), 40);
    return type + text;
  }

  public static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }

  /** Converts JSON to an attribute value; JSON null gives null. */
  public static @Nullable AttributeValue toAttribute(JsonNode node) {
    switch (node.getNodeType()) {
      case STRING:
        return AttributeValue.of(node.asText());
      case BOOLEAN:
        return AttributeValue.of(node.booleanValue());
      case NUMBER:
        return AttributeValue.of(node.isBigDecimal() || node.isFloatingPointNumber()
            ? node.decimalValue() : new BigDecimal(node.bigIntegerValue()));
      case ARRAY: {
        List<AttributeValue> out = new ArrayList<>(node.size());
        for (JsonNode e : node) {
          AttributeValue v = toAttribute(e);
          if (v != null) {
            out.add(v);
          }
        }
        return AttributeValue.list(out);
      }
      case OBJECT: {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
          AttributeValue v = toAttribute(e.getValue());
          if (v != null) {
            out.put(e.getKey(), v);
          }
        });
        return AttributeValue.object(out);
      }
      default:
        return null;
    }
  }

  /** Converts an attribute value to JSON: dates and timestamps become ISO-8601 strings. */
  public static JsonNode toJson(AttributeValue value) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (value instanceof AttributeValue.StringValue s) {
      return f.textNode(s.value());
    }
    if (value instanceof AttributeValue.BooleanValue b) {
      return f.booleanNode(b.value());
    }
    if (value instanceof AttributeValue.NumberValue n) {
      BigDecimal d = n.value();
      if (d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0) {
        try {
          return f.numberNode(d.toBigIntegerExact().longValueExact());
        } catch (ArithmeticException tooBig) {
          return f.numberNode(d);
        }
      }
      return f.numberNode(d);
    }
    if (value instanceof AttributeValue.ListValue l) {
      ArrayNode a = f.arrayNode();
      l.values().forEach(v -> a.add(toJson(v)));
      return a;
    }
    if (value instanceof AttributeValue.ObjectValue o) {
      ObjectNode obj = f.objectNode();
      o.fields().forEach((k, v) -> obj.set(k, toJson(v)));
      return obj;
    }
    return f.textNode(value.asText().orElse(value.toString()));
  }
}
