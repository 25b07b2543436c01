package dev.usher.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.scim.internal.ScimJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A SCIM User (RFC 7643 section 4.1) with typed access to the core attributes and the
 * enterprise extension, backed by the full JSON so unknown attributes are kept. Construction
 * checks the types of the core attributes it reads, so {@code "active": "yes"} is reported
 * at once, naming the attribute.
 *
 * <pre>{@code
 * UserResource alice = UserResource.builder()
 *     .userName("alice").externalId("E1001").active(true)
 *     .email(MultiValue.of("alice@example.com").withType("work").withPrimary(true))
 *     .enterprise("department", "Engineering")
 *     .build();
 * UserResource moved = alice.toBuilder().enterprise("department", "Sales").build();
 * }</pre>
 */
public final class UserResource {
  private final ScimResource resource;

  private UserResource(ScimResource resource) {
    this.resource = resource;
    // One pass over the attributes: listing reads many users, and lookups that miss cost a scan each.
    Iterator<Map.Entry<String, JsonNode>> it = resource.node().fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      JsonNode v = e.getValue();
      String canonical = canonical(k);
      if (canonical == null) {
        continue;
      }
      k = canonical;
      if (k.equals("id") || k.equals("userName") || k.equals("externalId") || k.equals("displayName")) {
        if (!v.isNull() && !v.isTextual()) {
          throw new IllegalArgumentException("attribute '" + k + "' must be a string, was " + ScimJson.describe(v));
        }
      } else if (k.equals("active")) {
        if (!v.isNull() && !v.isBoolean()) {
          throw new IllegalArgumentException("attribute 'active' must be a boolean, was " + ScimJson.describe(v));
        }
      } else {
        checkMultiValue(v, k);
      }
    }
  }

  private static final String[] CHECKED = {"id", "userName", "externalId", "displayName", "active", "emails", "groups"};

  /** The checked attribute this key names in any case, or null; the exact spelling is the fast path. */
  private static @Nullable String canonical(String key) {
    switch (key) {
      case "id": case "userName": case "externalId": case "displayName": case "active": case "emails": case "groups":
        return key;
      default:
        for (String c : CHECKED) {
          if (c.equalsIgnoreCase(key)) {
            return c;
          }
        }
        return null;
    }
  }

  /**
   * Reads a resource as a User.
   *
   * @throws IllegalArgumentException naming the attribute when a core attribute has the wrong type
   */
  public static UserResource of(ScimResource resource) {
    return new UserResource(Objects.requireNonNull(resource, "resource"));
  }

  public static Builder builder() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.putArray("schemas").add(ScimSchemas.USER);
    return new Builder(n);
  }

  /** A builder starting from every attribute of this user, known or not. */
  public Builder toBuilder() {
    return new Builder(resource.json());
  }

  /** The underlying resource (all attributes). */
  public ScimResource resource() {
    return resource;
  }

  public Optional<String> id() {
    return resource.id();
  }

  public Optional<String> externalId() {
    return resource.externalId();
  }

  public Optional<String> userName() {
    return Optional.ofNullable(ScimJson.text(resource.node(), "userName"));
  }

  public Optional<String> displayName() {
    return Optional.ofNullable(ScimJson.text(resource.node(), "displayName"));
  }

  /** {@code active}, or empty when the server left it out. */
  public Optional<Boolean> active() {
    JsonNode a = ScimJson.get(resource.node(), "active");
    return a == null || a.isNull() ? Optional.empty() : Optional.of(a.booleanValue());
  }

  public Optional<String> givenName() {
    return text("name.givenName");
  }

  public Optional<String> familyName() {
    return text("name.familyName");
  }

  public List<MultiValue> emails() {
    return multi(resource.node(), "emails");
  }

  /** The groups the server says the user belongs to (read-only in SCIM). Elements without a value are left out. */
  public List<MultiValue> groups() {
    return multi(resource.node(), "groups");
  }

  /** An attribute of the enterprise extension ({@code department}, {@code employeeNumber}, ...). */
  public Optional<String> enterprise(String attribute) {
    return text(ScimSchemas.ENTERPRISE_USER + ":" + attribute);
  }

  public ScimResource.Meta meta() {
    return resource.meta();
  }

  private Optional<String> text(String path) {
    JsonNode n = ScimJson.at(resource.node(), path);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
  }

  /** Checks a multi-valued attribute's shape without building its elements (listing reads many users). */
  static void checkMulti(JsonNode node, String attribute) {
    JsonNode a = ScimJson.get(node, attribute);
    if (a != null) {
      checkMultiValue(a, attribute);
    }
  }

  private static void checkMultiValue(JsonNode a, String attribute) {
    if (a.isNull()) {
      return;
    }
    if (!a.isArray()) {
      throw new IllegalArgumentException("attribute '" + attribute + "' must be an array, was " + ScimJson.describe(a));
    }
    for (JsonNode e : a) {
      JsonNode v = e.isObject() ? ScimJson.get(e, "value") : null;
      JsonNode p = e.isObject() ? ScimJson.get(e, "primary") : null;
      if (!e.isObject() || v != null && v.isContainerNode() || p != null && !p.isNull() && !p.isBoolean()) {
        MultiValue.fromJson(e, attribute);
      }
    }
  }

  static List<MultiValue> multi(JsonNode node, String attribute) {
    JsonNode a = ScimJson.get(node, attribute);
    if (a == null || a.isNull()) {
      return List.of();
    }
    if (!a.isArray()) {
      throw new IllegalArgumentException("attribute '" + attribute + "' must be an array, was " + ScimJson.describe(a));
    }
    checkMulti(node, attribute);
    List<MultiValue> out = new ArrayList<>(a.size());
    for (JsonNode e : a) {
      JsonNode v = ScimJson.get(e, "value");
      if (v != null && !v.isNull()) {
        out.add(MultiValue.fromJson(e, attribute));
      }
    }
    return List.copyOf(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserResource u && u.resource.equals(resource);
  }

  @Override
  public int hashCode() {
    return resource.hashCode();
  }

  @Override
  public String toString() {
    return resource.toString();
  }

  /** Builds {@link UserResource}s; not thread-safe. */
  public static final class Builder {
    private final ObjectNode n;

    private Builder(ObjectNode n) {
      this.n = n;
    }

    public Builder userName(String userName) {
      return put("userName", userName);
    }

    public Builder externalId(@Nullable String externalId) {
      return put("externalId", externalId);
    }

    public Builder displayName(@Nullable String displayName) {
      return put("displayName", displayName);
    }

    public Builder active(boolean active) {
      ScimJson.set(n, "active", JsonNodeFactory.instance.booleanNode(active));
      return this;
    }

    public Builder name(@Nullable String givenName, @Nullable String familyName) {
      ObjectNode name = n.get("name") instanceof ObjectNode o ? o : n.putObject("name");
      if (givenName != null) {
        name.put("givenName", givenName);
      }
      if (familyName != null) {
        name.put("familyName", familyName);
      }
      return this;
    }

    /** Adds an email; call {@link #clearEmails()} first to replace them. */
    public Builder email(MultiValue email) {
      String k = ScimJson.key(n, "emails");
      JsonNode a = k == null ? null : n.get(k);
      ArrayNode arr = a instanceof ArrayNode x ? x : n.putArray(k == null ? "emails" : k);
      arr.add(email.toJson());
      return this;
    }

    public Builder clearEmails() {
      ScimJson.remove(n, "emails");
      return this;
    }

    /** Sets an attribute of the enterprise extension and lists the extension in {@code schemas}. */
    public Builder enterprise(String attribute, @Nullable String value) {
      String k = ScimJson.key(n, ScimSchemas.ENTERPRISE_USER);
      ObjectNode ext = k != null && n.get(k) instanceof ObjectNode o ? o : n.putObject(ScimSchemas.ENTERPRISE_USER);
      if (value == null) {
        ScimJson.remove(ext, attribute);
      } else {
        ScimJson.set(ext, attribute, JsonNodeFactory.instance.textNode(value));
      }
      schema(ScimSchemas.ENTERPRISE_USER);
      return this;
    }

    /** Sets any attribute to a JSON value (null removes it). */
    public Builder attribute(String name, @Nullable JsonNode value) {
      if (value == null) {
        ScimJson.remove(n, name);
      } else {
        ScimJson.set(n, name, value.deepCopy());
      }
      return this;
    }

    /** Adds a schema URN to {@code schemas} unless present. */
    public Builder schema(String urn) {
      JsonNode s = ScimJson.get(n, "schemas");
      ArrayNode arr = s instanceof ArrayNode a ? a : n.putArray("schemas");
      for (JsonNode e : arr) {
        if (e.asText().equalsIgnoreCase(urn)) {
          return this;
        }
      }
      arr.add(urn);
      return this;
    }

    private Builder put(String name, @Nullable String value) {
      if (value == null) {
        ScimJson.remove(n, name);
      } else {
        ScimJson.set(n, name, JsonNodeFactory.instance.textNode(value));
      }
      return this;
    }

    public UserResource build() {
      return new UserResource(ScimResource.of(n));
    }
  }
}
