package dev.usher.core.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usher.core.ConfigurationException;
import dev.usher.core.ConfigurationException.Problem;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.PhoneNumber;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Turns the cells of one row (CSV text or JSON values) into a {@link User}, collecting a
 * problem for every cell that cannot be read. Built once per source from its configuration.
 */
final class UserMapping {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  static final String DEFAULT_SEPARATOR = ";";

  /** The user fields a column can fill. */
  enum Field {
    ID("id", false),
    USER_NAME("userName", false),
    GIVEN_NAME("givenName", false),
    FAMILY_NAME("familyName", false),
    DISPLAY_NAME("displayName", false),
    EMAIL("email", true),
    PHONE_NUMBER("phoneNumber", true),
    DEPARTMENT("department", false),
    TITLE("title", false),
    ROLES("roles", true),
    MANAGER_ID("managerId", false),
    STATUS("status", false),
    START_DATE("startDate", false),
    END_DATE("endDate", false),
    ATTRIBUTE("attributes.<name>", false);

    final String target;
    final boolean multiValued;

    Field(String target, boolean multiValued) {
      this.target = target;
      this.multiValued = multiValued;
    }

    static @Nullable Field byTarget(String target) {
      for (Field f : values()) {
        if (f != ATTRIBUTE && f.target.equals(target)) {
          return f;
        }
      }
      switch (target) {
        case "emails": return EMAIL;
        case "phoneNumbers": case "phone": return PHONE_NUMBER;
        case "role": return ROLES;
        default: return null;
      }
    }

    static String known() {
      return Arrays.stream(values()).map(f -> f.target).collect(Collectors.joining(", "));
    }
  }

  /**
   * Where one column goes.
   *
   * @param type null for a custom attribute that keeps its natural type (text in CSV, the JSON type in JSON)
   * @param separator null when the column holds one value
   */
  record Binding(String column, Field field, @Nullable String attribute, @Nullable AttributeType type,
      @Nullable String separator, DateTimeFormatter dates, String datePattern) {}

  private final String file;
  private final List<Binding> bindings;
  private final Map<String, UserStatus> statusValues;
  private final String separator;
  private final DateTimeFormatter defaultDates;
  private final String defaultDatePattern;
  private final ObjectMapper json;

  private UserMapping(String file, List<Binding> bindings, Map<String, UserStatus> statusValues, String separator,
      DateTimeFormatter defaultDates, String defaultDatePattern, ObjectMapper json) {
    this.file = file;
    this.bindings = bindings;
    this.statusValues = statusValues;
    this.separator = separator;
    this.defaultDates = defaultDates;
    this.defaultDatePattern = defaultDatePattern;
    this.json = json;
  }

  /**
   * Compiles the configured mapping.
   *
   * @throws ConfigurationException listing every unknown target, bad date pattern and a missing id column
   */
  static UserMapping compile(FileSourceConfig config, ObjectMapper json) {
    List<Problem> problems = new ArrayList<>();
    String pattern = config.dateFormat() == null ? "yyyy-MM-dd" : config.dateFormat();
    DateTimeFormatter dates = dateFormatter(pattern, "dateFormat", problems);
    String separator = config.separator() == null ? DEFAULT_SEPARATOR : config.separator();
    Map<String, UserStatus> statuses = new LinkedHashMap<>();
    config.statusValues().forEach((k, v) -> statuses.put(k.trim().toLowerCase(Locale.ROOT), v));
    UserMapping draft = new UserMapping(config.sourceName(), List.of(), statuses, separator,
        dates == null ? DateTimeFormatter.ISO_LOCAL_DATE : dates, pattern, json);
    List<Binding> bindings = new ArrayList<>();
    int ids = 0;
    for (Map.Entry<String, ColumnSpec> e : config.columns().entrySet()) {
      Binding b = draft.bind(e.getKey(), e.getValue(), "columns." + e.getKey(), problems);
      if (b != null) {
        bindings.add(b);
        ids += b.field() == Field.ID ? 1 : 0;
      }
    }
    if (!config.columns().isEmpty() && ids != 1) {
      problems.add(new Problem("columns", ids == 0
          ? "no column is mapped to id; map the column holding each person's stable id to 'id'"
          : "more than one column is mapped to id"));
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(config.sourceName() + " user source configuration", problems);
    }
    return new UserMapping(config.sourceName(), List.copyOf(bindings), statuses, separator, draft.defaultDates,
        pattern, json);
  }

  /** The configured bindings, in configuration order; empty when columns map by header name. */
  List<Binding> bindings() {
    return bindings;
  }

  boolean byHeader() {
    return bindings.isEmpty();
  }

  String file() {
    return file;
  }

  /** The binding for a column when mapping by header: a user field by its name, else a custom attribute. */
  Binding bindingForHeader(String column) {
    Field f = Field.byTarget(column);
    if (f == null) {
      return new Binding(column, Field.ATTRIBUTE, column, null, null, defaultDates, defaultDatePattern);
    }
    return new Binding(column, f, null, null, f.multiValued ? separator : null, defaultDates, defaultDatePattern);
  }

  private @Nullable Binding bind(String column, ColumnSpec spec, String path, List<Problem> problems) {
    String target = spec.target();
    Field field;
    String attribute = null;
    if (target.startsWith("attributes.")) {
      field = Field.ATTRIBUTE;
      attribute = target.substring("attributes.".length());
      if (attribute.isBlank()) {
        problems.add(new Problem(path, "custom attribute name is empty in '" + target + "'"));
        return null;
      }
    } else {
      field = Field.byTarget(target);
      if (field == null) {
        problems.add(new Problem(path, "unknown target '" + target + "'; expected one of " + Field.known()));
        return null;
      }
    }
    if (spec.type() != null && field != Field.ATTRIBUTE) {
      problems.add(new Problem(path, "type applies to custom attributes only, not to '" + target + "'"));
    }
    DateTimeFormatter dates = defaultDates;
    String pattern = defaultDatePattern;
    if (spec.dateFormat() != null) {
      DateTimeFormatter own = dateFormatter(spec.dateFormat(), path + ".dateFormat", problems);
      if (own != null) {
        dates = own;
        pattern = spec.dateFormat();
      }
    }
    String sep = spec.separator() != null ? spec.separator() : field.multiValued ? separator : null;
    AttributeType type = field == Field.ATTRIBUTE && spec.type() == null ? AttributeType.STRING : spec.type();
    return new Binding(column, field, attribute, type, sep, dates, pattern);
  }

  private static @Nullable DateTimeFormatter dateFormatter(String pattern, String path, List<Problem> problems) {
    // STRICT resolution rejects 2026-02-30; with it, 'y' (year of era) needs an era, so use 'u'.
    String strictPattern = pattern.indexOf('\'') < 0 ? pattern.replace('y', 'u') : pattern;
    try {
      return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(strictPattern)
          .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    } catch (IllegalArgumentException e) {
      problems.add(new Problem(path, "not a date pattern: '" + pattern + "' (" + e.getMessage() + ")"));
      return null;
    }
  }

  /**
   * Maps one row.
   *
   * @param raw per binding its cell: a String (CSV), a JsonNode (JSON) or null when absent
   * @return the user, or null when the row is bad (its problems then added to {@code problems})
   */
  @Nullable User map(long line, List<Binding> rowBindings, @Nullable Object[] raw, List<RowProblem> problems) {
    String id = null;
    String idProblem = "missing user id";
    Binding idBinding = null;
    for (int i = 0; i < rowBindings.size(); i++) {
      if (rowBindings.get(i).field() == Field.ID) {
        idBinding = rowBindings.get(i);
        try {
          List<String> v = texts(raw[i]);
          if (v != null && v.size() > 1) {
            idProblem = "expected one user id, found a list of " + v.size();
          } else if (v != null) {
            id = v.get(0);
          }
        } catch (BadCell e) {
          idProblem = e.getMessage();
        }
        break;
      }
    }
    int before = problems.size();
    if (id == null) {
      problems.add(new RowProblem(file, line, idBinding == null ? "id" : idBinding.column(), idProblem, null));
    }
    User.Builder u = User.builder(id == null ? "?" : id);
    for (int i = 0; i < rowBindings.size(); i++) {
      Binding b = rowBindings.get(i);
      if (b.field() == Field.ID || raw[i] == null) {
        continue;
      }
      try {
        apply(b, raw[i], u);
      } catch (BadCell e) {
        problems.add(new RowProblem(file, line, b.column(), e.getMessage(), id));
      }
    }
    return problems.size() == before ? u.build() : null;
  }

  /** A cell that cannot be read; the message says what was expected. */
  private static final class BadCell extends Exception {
    private static final long serialVersionUID = 1L;

    BadCell(String message) {
      super(message, null, false, false);
    }
  }

  private void apply(Binding b, Object raw, User.Builder u) throws BadCell {
    if (b.field() == Field.ATTRIBUTE && b.type() == null && raw instanceof JsonNode node) {
      // A JSON value mapped by field name keeps its JSON type.
      if (!node.isNull() && !node.isMissingNode()) {
        try {
          u.attribute(b.attribute(), json.treeToValue(node, AttributeValue.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
          throw new BadCell("cannot use this value as an attribute: " + e.getMessage());
        }
      }
      return;
    }
    List<String> values = split(b, texts(raw));
    if (values == null || values.isEmpty()) {
      return;
    }
    if (b.separator() == null && values.size() > 1) {
      throw new BadCell("expected one value, found a list of " + values.size());
    }
    String v = values.get(0);
    switch (b.field()) {
      case USER_NAME -> u.userName(v);
      case GIVEN_NAME -> u.givenName(v);
      case FAMILY_NAME -> u.familyName(v);
      case DISPLAY_NAME -> u.displayName(v);
      case DEPARTMENT -> u.department(v);
      case TITLE -> u.title(v);
      case MANAGER_ID -> u.managerId(v);
      case STATUS -> u.status(status(v));
      case START_DATE -> u.startDate(date(b, v));
      case END_DATE -> u.endDate(date(b, v));
      case ROLES -> values.forEach(u::role);
      case EMAIL -> {
        for (String e : values) {
          if (!EMAIL.matcher(e).matches()) {
            throw new BadCell("expected an email address, was '" + e + "'");
          }
          u.email(e);
        }
      }
      case PHONE_NUMBER -> {
        boolean first = true;
        for (String p : values) {
          u.phoneNumber(new PhoneNumber(p, "work", first));
          first = false;
        }
      }
      case ATTRIBUTE -> {
        if (b.separator() == null) {
          u.attribute(b.attribute(), typed(b, v));
        } else {
          List<AttributeValue> list = new ArrayList<>(values.size());
          for (String s : values) {
            list.add(typed(b, s));
          }
          u.attribute(b.attribute(), AttributeValue.list(list));
        }
      }
      case ID -> throw new IllegalStateException("id is read first");
    }
  }

  /** The cell as trimmed, non-empty texts; null when absent or empty. */
  private static @Nullable List<String> texts(@Nullable Object raw) throws BadCell {
    if (raw == null) {
      return null;
    }
    if (raw instanceof String s) {
      String t = s.trim();
      return t.isEmpty() ? null : List.of(t);
    }
    JsonNode node = (JsonNode) raw;
    if (node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isValueNode()) {
      String t = node.asText().trim();
      return t.isEmpty() ? null : List.of(t);
    }
    if (node.isArray()) {
      List<String> out = new ArrayList<>(node.size());
      for (JsonNode e : node) {
        if (!e.isValueNode()) {
          throw new BadCell("expected a list of plain values, found a nested " + e.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        if (!e.isNull() && !e.asText().isBlank()) {
          out.add(e.asText().trim());
        }
      }
      return out;
    }
    throw new BadCell("expected a value or a list of values, found an object");
  }

  private @Nullable List<String> split(Binding b, @Nullable List<String> values) {
    if (values == null || b.separator() == null) {
      return values;
    }
    List<String> out = new ArrayList<>();
    for (String v : values) {
      int from = 0;
      String sep = b.separator();
      while (true) {
        int at = v.indexOf(sep, from);
        String part = (at < 0 ? v.substring(from) : v.substring(from, at)).trim();
        if (!part.isEmpty()) {
          out.add(part);
        }
        if (at < 0) {
          break;
        }
        from = at + sep.length();
      }
    }
    return out;
  }

  private UserStatus status(String v) throws BadCell {
    UserStatus mapped = statusValues.get(v.toLowerCase(Locale.ROOT));
    if (mapped != null) {
      return mapped;
    }
    for (UserStatus s : UserStatus.values()) {
      if (s.name().equalsIgnoreCase(v)) {
        return s;
      }
    }
    throw new BadCell("unknown status '" + v + "'; expected ACTIVE, SUSPENDED or TERMINATED"
        + (statusValues.isEmpty() ? " (map other words with statusValues)" : " or one of " + statusValues.keySet()));
  }

  private static LocalDate date(Binding b, String v) throws BadCell {
    try {
      return LocalDate.parse(v, b.dates());
    } catch (DateTimeParseException e) {
      throw new BadCell("expected a date as " + b.datePattern() + ", was '" + v + "'");
    }
  }

  private AttributeValue typed(Binding b, String v) throws BadCell {
    AttributeType type = b.type() == null ? AttributeType.STRING : b.type();
    switch (type) {
      case STRING:
        return AttributeValue.of(v);
      case NUMBER:
        try {
          return AttributeValue.of(new BigDecimal(v));
        } catch (NumberFormatException e) {
          throw new BadCell("expected a number, was '" + v + "'");
        }
      case BOOLEAN:
        switch (v.toLowerCase(Locale.ROOT)) {
          case "true": case "yes": case "1": return AttributeValue.of(true);
          case "false": case "no": case "0": return AttributeValue.of(false);
          default: throw new BadCell("expected true or false (or yes/no, 1/0), was '" + v + "'");
        }
      case DATE:
        return AttributeValue.of(date(b, v));
      case TIMESTAMP:
        try {
          return AttributeValue.of(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException e) {
          try {
            return AttributeValue.of(Instant.parse(v));
          } catch (DateTimeParseException e2) {
            throw new BadCell("expected an ISO-8601 timestamp such as 2026-12-03T10:15:30Z, was '" + v + "'");
          }
        }
      default:
        throw new IllegalStateException(String.valueOf(type));
    }
  }
}
