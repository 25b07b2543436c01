package dev.usher.scim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.spi.AttributeChange;
import dev.usher.scim.PatchOperation;
import dev.usher.scim.ScimSchemas;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps between SCIM User JSON and Usher {@link Account}s, and turns {@link AttributeChange}s
 * into PATCH operations or local edits.
 *
 * <p>An account's attributes are the User's top-level attributes other than the ones Account
 * holds as fields; an extension appears as one object attribute keyed by its URN. When writing,
 * an attribute name may also be a path: {@code name.givenName} or
 * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department}.
 */
public final class AccountMapper {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  /** Attributes that are Account fields or that the server owns. */
  private static final Set<String> NOT_ATTRIBUTES =
      Set.of("schemas", "id", "externalid", "username", "active", "meta", "groups", "password");
  /** Complex multi-valued attributes of the core User schema: their elements are {value, type, primary}. */
  private static final Set<String> MULTI_VALUED = Set.of(
      "emails", "phonenumbers", "ims", "photos", "addresses", "entitlements", "roles", "x509certificates");

  private AccountMapper() {}

  public static boolean isMultiValued(String attribute) {
    return MULTI_VALUED.contains(attribute.toLowerCase(Locale.ROOT));
  }

  /** The account a User resource describes. */
  public static Account toAccount(String applicationId, ObjectNode user) {
    Account.Builder b = Account.builder(applicationId)
        .id(ScimJson.text(user, "id"))
        .externalId(ScimJson.text(user, "externalId"))
        .userName(ScimJson.text(user, "userName"));
    JsonNode active = ScimJson.get(user, "active");
    b.active(active == null || active.isNull() || active.booleanValue());
    Iterator<Map.Entry<String, JsonNode>> it = user.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (NOT_ATTRIBUTES.contains(e.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      AttributeValue v = ScimJson.toAttribute(e.getValue());
      if (v != null) {
        b.attribute(e.getKey(), v);
      }
    }
    JsonNode groups = ScimJson.get(user, "groups");
    if (groups != null && groups.isArray()) {
      for (JsonNode g : groups) {
        String id = g.isObject() ? ScimJson.text(g, "value") : null;
        if (id != null) {
          b.entitlement(id);
        }
      }
    }
    return b.build();
  }

  /** The User JSON for an account: {@code base} (a stored user, for PUT) changed to match it, or a new one. */
  public static ObjectNode toUser(Account account, @Nullable ObjectNode base) {
    ObjectNode n = base != null ? base.deepCopy() : F.objectNode();
    if (ScimJson.get(n, "schemas") == null) {
      n.putArray("schemas").add(ScimSchemas.USER);
    }
    ScimJson.remove(n, "meta");
    ScimJson.remove(n, "groups");
    if (account.userName() != null) {
      ScimJson.set(n, "userName", F.textNode(account.userName()));
    }
    if (account.externalId() != null) {
      ScimJson.set(n, "externalId", F.textNode(account.externalId()));
    }
    ScimJson.set(n, "active", F.booleanNode(account.active()));
    account.attributes().forEach((name, value) -> setPath(n, name, multiValuedJson(name, value)));
    return n;
  }

  /** The PATCH operations for these changes, in order. */
  public static List<PatchOperation> toPatch(List<AttributeChange> changes) {
    List<PatchOperation> ops = new ArrayList<>(changes.size());
    for (AttributeChange c : changes) {
      String path = c.attribute();
      AttributeValue v = c.value();
      boolean multi = isMultiValued(leaf(path)) || v instanceof AttributeValue.ListValue;
      switch (c.op()) {
        case REPLACE:
          ops.add(PatchOperation.replace(path, multiValuedJson(path, v)));
          break;
        case ADD:
          ops.add(PatchOperation.add(path, multi ? asArray(multiValuedJson(path, v)) : ScimJson.toJson(v)));
          break;
        case REMOVE:
          if (v != null && multi && !(v instanceof AttributeValue.ListValue)) {
            ops.add(PatchOperation.remove(path + "[value eq " + quote(v) + "]"));
          } else {
            ops.add(PatchOperation.remove(path));
          }
          break;
        default:
          throw new IllegalStateException("unknown op " + c.op());
      }
    }
    return ops;
  }

  /** Applies the changes to a User's JSON, for servers without PATCH. */
  public static void apply(ObjectNode user, List<AttributeChange> changes) {
    for (AttributeChange c : changes) {
      String path = c.attribute();
      AttributeValue v = c.value();
      boolean multi = isMultiValued(leaf(path)) || v instanceof AttributeValue.ListValue;
      switch (c.op()) {
        case REPLACE:
          setPath(user, path, multiValuedJson(path, v));
          break;
        case ADD: {
          JsonNode current = getPath(user, path);
          if (multi) {
            ArrayNode arr = current instanceof ArrayNode a ? a.deepCopy() : F.arrayNode();
            for (JsonNode e : asArray(multiValuedJson(path, v))) {
              if (!contains(arr, e)) {
                arr.add(e);
              }
            }
            setPath(user, path, arr);
          } else {
            setPath(user, path, ScimJson.toJson(v));
          }
          break;
        }
        case REMOVE: {
          JsonNode current = getPath(user, path);
          if (v != null && multi && current instanceof ArrayNode arr) {
            String target = v.asText().orElse(null);
            ArrayNode kept = F.arrayNode();
            for (JsonNode e : arr) {
              String ev = e.isObject() ? ScimJson.text(e, "value") : e.asText();
              if (target == null || !target.equals(ev)) {
                kept.add(e);
              }
            }
            setPath(user, path, kept);
          } else {
            removePath(user, path);
          }
          break;
        }
        default:
          throw new IllegalStateException("unknown op " + c.op());
      }
    }
  }

  /** The SCIM JSON value of an attribute: for a complex multi-valued one, scalars become {@code {"value": ...}} elements. */
  static JsonNode multiValuedJson(String attribute, @Nullable AttributeValue v) {
    JsonNode json = v == null ? F.nullNode() : ScimJson.toJson(v);
    if (!isMultiValued(leaf(attribute))) {
      return json;
    }
    ArrayNode arr = F.arrayNode();
    for (JsonNode e : asArray(json)) {
      if (e.isObject()) {
        arr.add(e);
      } else {
        ObjectNode o = F.objectNode();
        o.set("value", e);
        arr.add(o);
      }
    }
    if (arr.size() == 1 && arr.get(0) instanceof ObjectNode only && !only.has("primary") && json.isValueNode()) {
      only.put("primary", true);
    }
    return arr;
  }

  private static ArrayNode asArray(JsonNode n) {
    if (n instanceof ArrayNode a) {
      return a;
    }
    ArrayNode a = F.arrayNode();
    a.add(n);
    return a;
  }

  private static boolean contains(ArrayNode arr, JsonNode e) {
    String v = e.isObject() ? ScimJson.text(e, "value") : e.asText();
    for (JsonNode x : arr) {
      String xv = x.isObject() ? ScimJson.text(x, "value") : x.asText();
      if (v != null && v.equals(xv)) {
        return true;
      }
    }
    return false;
  }

  private static String quote(AttributeValue v) {
    JsonNode j = ScimJson.toJson(v);
    return j.isTextual() ? j.toString() : j.asText();
  }

  private static String leaf(String path) {
    List<String> names = ScimJson.splitPath(path).names();
    return names.get(0);
  }

  /** Sets a value at {@code name}, {@code a.b}, a URN (a whole extension) or {@code urn:...:attr}. */
  static void setPath(ObjectNode root, String path, JsonNode value) {
    if (isSchemaUrn(path)) {
      ScimJson.set(root, path, value);
      addSchema(root, path);
      return;
    }
    ScimJson.Path p = ScimJson.splitPath(path);
    ObjectNode target = root;
    if (p.urn() != null) {
      target = child(root, p.urn());
      addSchema(root, p.urn());
    }
    List<String> names = p.names();
    for (int i = 0; i < names.size() - 1; i++) {
      target = child(target, names.get(i));
    }
    ScimJson.set(target, names.get(names.size() - 1), value);
  }

  private static @Nullable JsonNode getPath(ObjectNode root, String path) {
    return isSchemaUrn(path) ? ScimJson.get(root, path) : ScimJson.at(root, path);
  }

  private static void removePath(ObjectNode root, String path) {
    if (isSchemaUrn(path)) {
      ScimJson.remove(root, path);
      return;
    }
    ScimJson.Path p = ScimJson.splitPath(path);
    JsonNode target = p.urn() == null ? root : ScimJson.get(root, p.urn());
    List<String> names = p.names();
    for (int i = 0; i < names.size() - 1 && target != null; i++) {
      target = ScimJson.get(target, names.get(i));
    }
    if (target instanceof ObjectNode o) {
      ScimJson.remove(o, names.get(names.size() - 1));
    }
  }

  private static ObjectNode child(ObjectNode parent, String name) {
    JsonNode existing = ScimJson.get(parent, name);
    if (existing instanceof ObjectNode o) {
      return o;
    }
    ObjectNode o = F.objectNode();
    ScimJson.set(parent, name, o);
    return o;
  }

  /** A URN with no attribute after it: {@code urn:...:enterprise:2.0:User}. */
  private static boolean isSchemaUrn(String path) {
    if (!path.regionMatches(true, 0, "urn:", 0, 4)) {
      return false;
    }
    String last = path.substring(path.lastIndexOf(':') + 1);
    return !last.isEmpty() && Character.isUpperCase(last.charAt(0)) || last.matches("\\d.*");
  }

  private static void addSchema(ObjectNode root, String urn) {
    JsonNode s = ScimJson.get(root, "schemas");
    ArrayNode arr = s instanceof ArrayNode a ? a : root.putArray("schemas");
    for (JsonNode e : arr) {
      if (e.asText().equalsIgnoreCase(urn)) {
        return;
      }
    }
    arr.add(urn);
  }
}
