package dev.usher.scim.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.usher.core.ConfigurationException;
import dev.usher.core.ConfigurationException.Problem;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.PhoneNumber;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import dev.usher.scim.internal.ScimJson;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps a SCIM User resource to a {@link User}: each user field is read from a SCIM attribute
 * path ({@code name.givenName}, {@code urn:...:enterprise:2.0:User:manager.value}).
 * Multi-valued attributes ({@code emails}, {@code phoneNumbers}, {@code roles}) give their
 * {@code value}s, the primary one first.
 *
 * <pre>{@code
 * ScimUserMapping mapping = ScimUserMapping.of(Map.of("id", "externalId"), UserStatus.SUSPENDED);
 * User u = mapping.map(resourceJson);
 * }</pre>
 */
public final class ScimUserMapping {
  private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:";

  /** The default mapping: user field to SCIM path. */
  public static final Map<String, String> DEFAULTS;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("id", "id");
    m.put("userName", "userName");
    m.put("givenName", "name.givenName");
    m.put("familyName", "name.familyName");
    m.put("displayName", "displayName");
    m.put("email", "emails");
    m.put("phoneNumber", "phoneNumbers");
    m.put("title", "title");
    m.put("department", ENTERPRISE + "department");
    m.put("managerId", ENTERPRISE + "manager.value");
    m.put("roles", "roles");
    m.put("status", "active");
    DEFAULTS = java.util.Collections.unmodifiableMap(m);
  }

  private static final List<String> FIELDS = List.of("id", "userName", "givenName", "familyName", "displayName",
      "email", "phoneNumber", "title", "department", "managerId", "roles", "status", "startDate", "endDate");

  private final Map<String, String> paths;
  private final UserStatus inactiveStatus;

  private ScimUserMapping(Map<String, String> paths, UserStatus inactiveStatus) {
    this.paths = paths;
    this.inactiveStatus = inactiveStatus;
  }

  /**
   * The defaults with {@code overrides} merged over them.
   *
   * @throws ConfigurationException naming each unknown field ({@code mapping.<field>}) and a missing id
   */
  public static ScimUserMapping of(Map<String, String> overrides, UserStatus inactiveStatus) {
    Map<String, String> paths = new LinkedHashMap<>(DEFAULTS);
    List<Problem> problems = new ArrayList<>();
    overrides.forEach((field, path) -> {
      if (!FIELDS.contains(field) && !(field.startsWith("attributes.") && field.length() > "attributes.".length())) {
        problems.add(new Problem("mapping." + field, "unknown user field; expected one of " + String.join(", ", FIELDS)
            + " or attributes.<name>"));
      } else if (path == null || path.isBlank()) {
        paths.remove(field);
      } else {
        paths.put(field, path.trim());
      }
    });
    if (!paths.containsKey("id")) {
      problems.add(new Problem("mapping.id", "the id cannot be unmapped: every user needs a stable id"));
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException("scim user source mapping", problems);
    }
    return new ScimUserMapping(java.util.Collections.unmodifiableMap(paths), inactiveStatus);
  }

  /** The mapping in effect: user field to SCIM path. */
  public Map<String, String> paths() {
    return paths;
  }

  /** A bad value: the field, the SCIM path and what was wrong. */
  static final class BadValue extends Exception {
    private static final long serialVersionUID = 1L;
    final String path;

    BadValue(String path, String message) {
      super(message, null, false, false);
      this.path = path;
    }
  }

  /** Maps one resource; a value that cannot be used is a {@link BadValue} naming its path. */
  User map(JsonNode resource) throws BadValue {
    String idPath = paths.get("id");
    String id = single(resource, idPath);
    if (id == null) {
      throw new BadValue(idPath, "missing user id (mapped from '" + idPath + "')");
    }
    User.Builder u = User.builder(id);
    for (Map.Entry<String, String> e : paths.entrySet()) {
      String field = e.getKey();
      String path = e.getValue();
      if (field.equals("id")) {
        continue;
      }
      JsonNode v = ScimJson.at(resource, path);
      if (v == null || v.isNull()) {
        continue;
      }
      try {
        apply(u, field, path, v);
      } catch (IllegalArgumentException | DateTimeParseException ex) {
        throw new BadValue(path, field + ": " + ex.getMessage());
      }
    }
    try {
      return u.build();
    } catch (RuntimeException ex) {
      throw new BadValue(idPath, "not a valid user: " + ex.getMessage());
    }
  }

  private void apply(User.Builder u, String field, String path, JsonNode v) throws BadValue {
    switch (field) {
      case "userName" -> u.userName(text(path, v));
      case "givenName" -> u.givenName(text(path, v));
      case "familyName" -> u.familyName(text(path, v));
      case "displayName" -> u.displayName(text(path, v));
      case "title" -> u.title(text(path, v));
      case "department" -> u.department(text(path, v));
      case "managerId" -> u.managerId(text(path, v));
      case "email" -> values(path, v).forEach(u::email);
      case "phoneNumber" -> {
        boolean first = true;
        for (String p : values(path, v)) {
          u.phoneNumber(new PhoneNumber(p, "work", first));
          first = false;
        }
      }
      case "roles" -> values(path, v).forEach(u::role);
      case "status" -> u.status(status(path, v));
      case "startDate" -> u.startDate(date(path, v));
      case "endDate" -> u.endDate(date(path, v));
      default -> {
        AttributeValue a = ScimJson.toAttribute(v);
        if (a != null) {
          u.attribute(field.substring("attributes.".length()), a);
        }
      }
    }
  }

  private UserStatus status(String path, JsonNode v) throws BadValue {
    if (v.isBoolean() || v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(v.asText().toLowerCase(Locale.ROOT)) ? UserStatus.ACTIVE : inactiveStatus;
    }
    try {
      return UserStatus.valueOf(text(path, v).trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadValue(path, "expected true/false or ACTIVE, SUSPENDED, TERMINATED, was " + ScimJson.describe(v));
    }
  }

  private static LocalDate date(String path, JsonNode v) throws BadValue {
    String t = text(path, v).trim();
    return LocalDate.parse(t.length() > 10 && t.charAt(10) == 'T' ? t.substring(0, 10) : t);
  }

  private static String text(String path, JsonNode v) throws BadValue {
    if (!v.isValueNode()) {
      throw new BadValue(path, "expected a single value, found " + ScimJson.describe(v));
    }
    return v.asText();
  }

  private static @Nullable String single(JsonNode resource, String path) throws BadValue {
    JsonNode v = ScimJson.at(resource, path);
    if (v == null || v.isNull()) {
      return null;
    }
    String t = text(path, v).trim();
    return t.isEmpty() ? null : t;
  }

  /** The values of a multi-valued attribute (primary first), or of a single one. */
  private static List<String> values(String path, JsonNode v) throws BadValue {
    List<String> out = new ArrayList<>();
    if (!v.isArray()) {
      out.add(text(path, v));
      return out;
    }
    for (JsonNode e : v) {
      JsonNode value = e.isObject() ? ScimJson.get(e, "value") : e;
      if (value == null || value.isNull() || value.asText().isBlank()) {
        continue;
      }
      JsonNode primary = e.isObject() ? ScimJson.get(e, "primary") : null;
      boolean isPrimary = primary != null && (primary.asBoolean() || primary.asText().equalsIgnoreCase("true"));
      if (isPrimary) {
        out.add(0, text(path, value));
      } else {
        out.add(text(path, value));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "ScimUserMapping" + paths;
  }
}
