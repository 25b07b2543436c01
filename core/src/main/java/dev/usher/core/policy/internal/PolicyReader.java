package dev.usher.core.policy.internal;

import dev.usher.core.ConfigurationException;
import dev.usher.core.ConfigurationException.Problem;
import dev.usher.core.model.EntitlementType;
import dev.usher.core.model.UserStatus;
import dev.usher.core.policy.AttributeMapping;
import dev.usher.core.policy.Condition;
import dev.usher.core.policy.CorrelationRule;
import dev.usher.core.policy.Deprovisioning;
import dev.usher.core.policy.EntitlementRef;
import dev.usher.core.policy.EntitlementRule;
import dev.usher.core.policy.ManagedEntitlements;
import dev.usher.core.policy.Orphans;
import dev.usher.core.policy.Policy;
import dev.usher.core.policy.Safety;
import dev.usher.core.policy.Scope;
import dev.usher.core.policy.expr.Expression;
import dev.usher.core.policy.expr.ExpressionException;
import dev.usher.core.policy.internal.Doc.ListDoc;
import dev.usher.core.policy.internal.Doc.Loc;
import dev.usher.core.policy.internal.Doc.MapDoc;
import dev.usher.core.policy.internal.Doc.Scalar;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Reads policy files (YAML or JSON) into {@link Policy} values, collecting every problem with
 * its key path, and with line, column and caret for expressions, before failing once.
 */
public final class PolicyReader {
  static final List<String> POLICY_KEYS = List.of("application", "scope", "mappings", "entitlementRules",
      "managedEntitlements", "correlation", "deprovisioning", "orphans", "safety");
  private static final List<String> MAPPING_KEYS = List.of("id", "target", "attribute", "constant",
      "expression", "template", "managerReference", "applies");
  private static final List<String> MAPPING_SOURCES = List.of("attribute", "constant", "expression",
      "template", "managerReference");
  private static final List<String> RULE_KEYS = List.of("id", "when", "grant");
  private static final List<String> REF_KEYS = List.of("type", "id", "name", "displayName");
  private static final List<String> MANAGED_KEYS = List.of("entitlements", "types", "idPatterns", "namePatterns");
  private static final List<String> CORRELATION_KEYS = List.of("id", "target", "attribute", "expression");
  private static final List<String> DEPROVISIONING_KEYS = List.of("onTerminated", "gracePeriod",
      "onSuspended", "enableOnReactivation");
  private static final List<String> ORPHAN_KEYS = List.of("action", "exclude");
  private static final List<String> SAFETY_KEYS = List.of("maxDeprovisionCount", "maxDeprovisionPercent",
      "maxSourceShrinkPercent");
  private static final List<String> OPERATORS = List.of("equals", "notEquals", "in", "notIn", "startsWith",
      "endsWith", "contains", "matches", "isNull", "isNotNull", "greaterThan", "greaterOrEqual", "lessThan",
      "lessOrEqual");
  private static final List<String> CONDITION_KEYS;

  static {
    List<String> keys = new ArrayList<>(List.of("anyOf", "allOf", "not", "status", "attribute", "expression"));
    keys.addAll(OPERATORS);
    CONDITION_KEYS = List.copyOf(keys);
  }

  private final String text;
  private final String[] lines;
  private final List<Problem> problems = new ArrayList<>();

  private PolicyReader(String text) {
    this.text = text;
    this.lines = text.split("\r?\n", -1);
  }

  // ---- entry points ------------------------------------------------------------------------

  public static Policy load(Path file) {
    Policy.Format format = formatOf(file);
    String stem = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
    return read(readFile(file), format, "policy file " + file, stem, false).values().iterator().next();
  }

  public static Map<String, Policy> loadAll(Path file) {
    return read(readFile(file), formatOf(file), "policy file " + file, "", true);
  }

  public static Policy parse(String text, Policy.Format format, String applicationId) {
    Policy p = read(text, format, "policy " + applicationId, applicationId, false).values().iterator().next();
    if (!p.applicationId().equals(applicationId)) {
      throw new ConfigurationException("policy " + applicationId, List.of(new Problem("application",
          "is '" + p.applicationId() + "' but the policy is parsed for application '" + applicationId + "'")));
    }
    return p;
  }

  private static Map<String, Policy> read(String text, Policy.Format format, String subject, String defaultId,
      boolean many) {
    PolicyReader r = new PolicyReader(text);
    Doc doc = Doc.read(text, format == Policy.Format.YAML, subject, r.problems);
    Map<String, Policy> out = new LinkedHashMap<>();
    if (many) {
      MapDoc top = r.map(doc, "");
      if (top != null) {
        r.unknownKeys(top, "", List.of("applications"));
        Doc apps = top.fields().get("applications");
        if (apps == null) {
          r.problem("applications", "is missing: expected a map of application id to policy");
        } else {
          MapDoc appMap = r.map(apps, "applications");
          if (appMap != null) {
            if (appMap.fields().isEmpty()) {
              r.problem("applications", "is empty: expected at least one application");
            }
            appMap.fields().forEach((id, policyDoc) -> {
              Policy p = r.policy(policyDoc, child("applications", id), id, false);
              if (p != null) {
                out.put(id, p);
              }
            });
          }
        }
      }
    } else {
      Policy p = r.policy(doc, "", defaultId, true);
      if (p != null) {
        out.put(p.applicationId(), p);
      }
    }
    if (!r.problems.isEmpty()) {
      throw new ConfigurationException(subject, r.problems);
    }
    return Collections.unmodifiableMap(out);
  }

  private static Policy.Format formatOf(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return Policy.Format.YAML;
    }
    if (name.endsWith(".json")) {
      return Policy.Format.JSON;
    }
    throw new ConfigurationException("policy file " + file
        + " has an unknown extension: expected .yaml, .yml or .json");
  }

  private static String readFile(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigurationException("policy file " + file + " does not exist", e);
    } catch (CharacterCodingException e) {
      throw new ConfigurationException("policy file " + file + " is not UTF-8 text", e);
    } catch (IOException e) {
      throw new ConfigurationException("policy file " + file + " cannot be read: " + e, e);
    }
  }

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  // ---- the policy ------------------------------------------------------------------------------

  private @Nullable Policy policy(Doc doc, String path, String defaultId, boolean single) {
    MapDoc m = map(doc, path);
    if (m == null) {
      return null;
    }
    List<String> keys = single ? POLICY_KEYS : POLICY_KEYS.subList(1, POLICY_KEYS.size());
    unknownKeys(m, path, keys);
    String id = defaultId;
    if (single && m.fields().containsKey("application")) {
      String s = text(m.fields().get("application"), child(path, "application"));
      if (s != null) {
        id = s;
      }
    }
    if (id.isBlank()) {
      problem(child(path, "application"), "expected a non-blank application id");
      id = "?";
    }
    int before = problems.size();
    Policy.Builder b = Policy.builder(id);
    Doc scope = m.fields().get("scope");
    if (scope != null) {
      Condition c = condition(scope, child(path, "scope"), false);
      if (c != null) {
        b.scope(c instanceof Scope s ? s : Scope.of(c));
      }
    }
    Map<String, String> targets = new LinkedHashMap<>();
    forEach(m, path, "mappings", (d, p) -> {
      AttributeMapping am = mapping(d, p);
      if (am != null) {
        String earlier = targets.putIfAbsent(am.target(), p);
        if (earlier != null) {
          problem(child(p, "target"), "'" + am.target() + "' is already mapped by " + earlier
              + "; each target attribute may be mapped once");
        }
        b.mapping(am);
      }
    });
    forEach(m, path, "entitlementRules", (d, p) -> {
      EntitlementRule r = entitlementRule(d, p);
      if (r != null) {
        b.entitlementRule(r);
      }
    });
    Doc managed = m.fields().get("managedEntitlements");
    if (managed != null) {
      ManagedEntitlements me = managed(managed, child(path, "managedEntitlements"));
      if (me != null) {
        b.managed(me);
      }
    }
    forEach(m, path, "correlation", (d, p) -> {
      CorrelationRule c = correlation(d, p);
      if (c != null) {
        b.correlation(c);
      }
    });
    Doc dep = m.fields().get("deprovisioning");
    if (dep != null) {
      b.deprovisioning(deprovisioning(dep, child(path, "deprovisioning")));
    }
    Doc orphans = m.fields().get("orphans");
    if (orphans != null) {
      b.orphans(orphans(orphans, child(path, "orphans")));
    }
    Doc safety = m.fields().get("safety");
    if (safety != null) {
      b.safety(safety(safety, child(path, "safety")));
    }
    if (problems.size() > before) {
      return null;
    }
    try {
      return b.build();
    } catch (ConfigurationException e) {
      for (Problem p : e.problems()) {
        problems.add(new Problem(child(path, p.path()), p.message()));
      }
      return null;
    }
  }

  private interface ItemReader {
    void read(Doc item, String path);
  }

  private void forEach(MapDoc m, String path, String key, ItemReader reader) {
    Doc d = m.fields().get(key);
    if (d == null) {
      return;
    }
    String p = child(path, key);
    if (!(d instanceof ListDoc list)) {
      problem(p, "expected a list, found " + d.describe());
      return;
    }
    for (int i = 0; i < list.items().size(); i++) {
      reader.read(list.items().get(i), p + "[" + i + "]");
    }
  }

  // ---- mappings --------------------------------------------------------------------------------

  private @Nullable AttributeMapping mapping(Doc doc, String path) {
    MapDoc m = map(doc, path);
    if (m == null) {
      return null;
    }
    unknownKeys(m, path, MAPPING_KEYS);
    int before = problems.size();
    String target = requiredText(m, path, "target");
    List<String> sources = MAPPING_SOURCES.stream().filter(m.fields()::containsKey).toList();
    if (sources.isEmpty()) {
      problem(path, "needs a value: one of attribute, constant, expression, template or managerReference");
    } else if (sources.size() > 1) {
      problem(child(path, sources.get(1)), "a mapping takes exactly one of attribute, constant, expression,"
          + " template or managerReference; found " + String.join(" and ", sources));
    }
    String id = optionalText(m, path, "id");
    AttributeMapping.Applies applies = AttributeMapping.Applies.ALWAYS;
    if (m.fields().containsKey("applies")) {
      AttributeMapping.Applies a = enumValue(m.fields().get("applies"), child(path, "applies"),
          AttributeMapping.Applies.class);
      applies = a == null ? applies : a;
    }
    Expression value = null;
    boolean managerRef = false;
    if (sources.size() == 1) {
      String source = sources.get(0);
      Doc d = m.fields().get(source);
      String p = child(path, source);
      switch (source) {
        case "attribute" -> {
          String name = text(d, p);
          if (name != null) {
            value = userAttribute(name, p);
          }
        }
        case "constant" -> value = constant(d, p);
        case "expression" -> value = expression(d, p, Expression::parse);
        case "template" -> {
          String t = text(d, p);
          if (t != null) {
            value = expressionFromTemplate(t, d, p);
          }
        }
        default -> {
          Boolean flag = bool(d, p);
          if (flag != null && !flag) {
            problem(p, "expected true (leave the key out for a mapping that is not a manager reference)");
          }
          managerRef = Boolean.TRUE.equals(flag);
        }
      }
    }
    if (problems.size() > before || target == null) {
      return null;
    }
    AttributeMapping.Builder b = AttributeMapping.builder(target).id(id).applies(applies);
    if (managerRef) {
      b.managerReference();
    } else if (value != null) {
      b.expression(value);
    } else {
      return null;
    }
    return b.build();
  }

  private @Nullable Expression constant(Doc d, String path) {
    if (d instanceof Scalar s && s.value() != null) {
      return Expression.literal(s.value());
    }
    if (d instanceof ListDoc l) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < l.items().size(); i++) {
        Doc item = l.items().get(i);
        if (item instanceof Scalar s && s.value() != null) {
          values.add(s.value());
        } else {
          problem(path + "[" + i + "]", "expected text, a number or true/false, found " + item.describe());
        }
      }
      return Expression.literal(values);
    }
    problem(path, "expected text, a number, true/false or a list of those, found " + d.describe());
    return null;
  }

  /** A template given as its own key: the text between the quotes of a double-quoted template. */
  private @Nullable Expression expressionFromTemplate(String template, Doc d, String path) {
    StringBuilder quoted = new StringBuilder("\"");
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '"' || c == '\\') {
        quoted.append('\\');
      }
      quoted.append(c);
    }
    String source = quoted.append('"').toString();
    try {
      return Expression.parse(source);
    } catch (ExpressionException e) {
      // Report against the template as written: shift the position back past the added quote.
      int shift = 1;
      for (int i = 0; i < e.position() - 1 && i < template.length(); i++) {
        if (template.charAt(i) == '"' || template.charAt(i) == '\\') {
          shift++;
        }
      }
      ExpressionException asWritten = new ExpressionException(template,
          Math.max(0, e.position() - shift), e.reason(), e.suggestions());
      expressionProblem(asWritten, d, path);
      return null;
    }
  }

  private @Nullable Expression userAttribute(String name, String path) {
    try {
      return Expression.attribute(name);
    } catch (ExpressionException e) {
      problem(path, e.describe());
      return null;
    }
  }

  // ---- expressions with positions -----------------------------------------------------------

  private @Nullable Expression expression(Doc d, String path, Function<String, Expression> parser) {
    String source = text(d, path);
    if (source == null) {
      return null;
    }
    try {
      return parser.apply(source);
    } catch (ExpressionException e) {
      expressionProblem(e, d, path);
      return null;
    }
  }

  private void expressionProblem(ExpressionException e, Doc d, String path) {
    Loc at = fileLocation(e, d.loc());
    problem(path, e.describe() + " (line " + at.line() + ", column " + at.column() + ")\n" + e.excerpt("    "));
  }

  /** Where the problem of an expression stands in the file, as near as the scalar style allows. */
  private Loc fileLocation(ExpressionException e, Loc scalar) {
    if (scalar.line() < 1 || scalar.line() > lines.length) {
      return scalar;
    }
    String line = lines[scalar.line() - 1];
    int col = scalar.column() - 1;
    char first = col < line.length() ? line.charAt(col) : ' ';
    String source = e.source();
    if (first == '|' || first == '>') {
      int bodyLine = scalar.line() + e.line();
      if (bodyLine > lines.length) {
        return scalar;
      }
      String body = lines[scalar.line()];
      int indent = 0;
      while (indent < body.length() && body.charAt(indent) == ' ') {
        indent++;
      }
      return first == '|' ? new Loc(bodyLine, indent + e.column()) : new Loc(scalar.line() + 1, indent + 1);
    }
    if (source.indexOf('\n') >= 0) {
      return scalar;
    }
    int start = first == '\'' || first == '"' ? col + 1 : col;
    String prefix = source.substring(0, e.position());
    if (line.startsWith(prefix, start)) {
      return new Loc(scalar.line(), start + e.position() + 1);
    }
    return scalar;
  }

  // ---- conditions ----------------------------------------------------------------------------

  /**
   * A condition: an expression text, or a map with anyOf / allOf / not / status, or a clause
   * {@code {attribute: department, equals: Engineering}}.
   */
  private @Nullable Condition condition(Doc doc, String path, boolean account) {
    if (doc instanceof Scalar s && s.value() instanceof String) {
      return expression(doc, path, account ? Expression::parseAccountCondition : Expression::parseCondition);
    }
    if (!(doc instanceof MapDoc m)) {
      problem(path, "expected a condition: an expression text, or a map with anyOf, allOf, not, status or"
          + " attribute and an operator; found " + doc.describe());
      return null;
    }
    boolean unknown = unknownKeys(m, path, CONDITION_KEYS);
    if (m.fields().containsKey("anyOf") || m.fields().containsKey("allOf")) {
      String key = m.fields().containsKey("anyOf") ? "anyOf" : "allOf";
      if (m.fields().size() != 1) {
        problem(path, "'" + key + "' stands alone in its map; put other conditions inside its list");
        return null;
      }
      List<Condition> parts = conditions(m.fields().get(key), child(path, key), account);
      if (parts == null) {
        return null;
      }
      if (key.equals("anyOf")) {
        Scope.Builder sb = Scope.builder();
        parts.forEach(sb::group);
        return sb.build();
      }
      return allOf(parts);
    }
    if (m.fields().containsKey("not")) {
      if (m.fields().size() != 1) {
        problem(path, "'not' stands alone in its map; put the condition to negate inside it");
        return null;
      }
      Condition inner = condition(m.fields().get("not"), child(path, "not"), account);
      return inner == null ? null : negate(inner);
    }
    if (m.fields().containsKey("status")) {
      if (account) {
        problem(child(path, "status"), "accounts have no status; use {attribute: active, equals: false}");
        return null;
      }
      if (m.fields().size() != 1) {
        problem(path, "'status' stands alone in its map; combine it with allOf");
        return null;
      }
      return status(m.fields().get("status"), child(path, "status"));
    }
    if (m.fields().containsKey("expression")) {
      if (m.fields().size() != 1) {
        problem(path, "'expression' stands alone in its map; combine it with allOf");
        return null;
      }
      return condition(m.fields().get("expression"), child(path, "expression"), account);
    }
    return clause(m, path, account, unknown);
  }

  private @Nullable List<Condition> conditions(Doc doc, String path, boolean account) {
    if (!(doc instanceof ListDoc l) || l.items().isEmpty()) {
      problem(path, "expected a non-empty list of conditions, found " + doc.describe());
      return null;
    }
    List<Condition> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < l.items().size(); i++) {
      Condition c = condition(l.items().get(i), path + "[" + i + "]", account);
      ok &= c != null;
      out.add(c);
    }
    return ok ? out : null;
  }

  private static Condition allOf(List<Condition> parts) {
    List<Condition> copy = List.copyOf(parts);
    return new Condition() {
      @Override
      public boolean test(dev.usher.core.model.User user) {
        for (Condition c : copy) {
          if (!c.test(user)) {
            return false;
          }
        }
        return true;
      }

      @Override
      public String toString() {
        return "allOf" + copy;
      }
    };
  }

  private static Condition negate(Condition inner) {
    return new Condition() {
      @Override
      public boolean test(dev.usher.core.model.User user) {
        return !inner.test(user);
      }

      @Override
      public String toString() {
        return "not(" + inner + ")";
      }
    };
  }

  private @Nullable Condition status(Doc doc, String path) {
    List<Doc> items = doc instanceof ListDoc l ? l.items() : List.of(doc);
    List<Object> names = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      UserStatus s = enumValue(items.get(i), doc instanceof ListDoc ? path + "[" + i + "]" : path, UserStatus.class);
      if (s == null) {
        return null;
      }
      names.add(s.name());
    }
    if (names.isEmpty()) {
      problem(path, "expected at least one status: ACTIVE, SUSPENDED or TERMINATED");
      return null;
    }
    return Expression.attribute("status").in(names.toArray());
  }

  private @Nullable Expression clause(MapDoc m, String path, boolean account, boolean unknownKeys) {
    String attribute = requiredText(m, path, "attribute");
    List<String> ops = OPERATORS.stream().filter(m.fields()::containsKey).toList();
    if (ops.isEmpty() && unknownKeys) {
      return null;
    }
    if (ops.size() != 1) {
      problem(path, ops.isEmpty()
          ? "needs an operator: one of " + String.join(", ", OPERATORS)
          : "takes exactly one operator, found " + String.join(" and ", ops));
      return null;
    }
    if (attribute == null) {
      return null;
    }
    Expression subject;
    try {
      subject = account ? Expression.accountAttribute(attribute) : Expression.attribute(attribute);
    } catch (ExpressionException e) {
      problem(child(path, "attribute"), e.describe());
      return null;
    }
    String op = ops.get(0);
    Doc v = m.fields().get(op);
    String p = child(path, op);
    switch (op) {
      case "isNull", "isNotNull": {
        Boolean flag = bool(v, p);
        if (flag == null) {
          return null;
        }
        boolean wantNull = op.equals("isNull") == flag;
        return wantNull ? subject.isNull() : subject.isNotNull();
      }
      case "in", "notIn": {
        if (!(v instanceof ListDoc l)) {
          problem(p, "expected a list of values, found " + v.describe());
          return null;
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < l.items().size(); i++) {
          Object o = scalarValue(l.items().get(i), p + "[" + i + "]");
          if (o == null) {
            return null;
          }
          values.add(o);
        }
        Expression in = subject.in(values.toArray());
        return op.equals("in") ? in : in.not();
      }
      default:
        break;
    }
    Object value = scalarValue(v, p);
    if (value == null) {
      return null;
    }
    switch (op) {
      case "equals":
        return subject.eq(value);
      case "notEquals":
        return subject.notEq(value);
      case "greaterThan":
        return subject.gt(value);
      case "greaterOrEqual":
        return subject.ge(value);
      case "lessThan":
        return subject.lt(value);
      case "lessOrEqual":
        return subject.le(value);
      default:
        break;
    }
    if (!(value instanceof String s)) {
      problem(p, "expected text, found " + v.describe());
      return null;
    }
    switch (op) {
      case "startsWith":
        return subject.startsWith(s);
      case "endsWith":
        return subject.endsWith(s);
      case "contains":
        return subject.contains(s);
      default:
        try {
          Pattern.compile(s);
          return subject.matches(s);
        } catch (PatternSyntaxException e) {
          problem(p, "invalid regular expression '" + s + "': " + e.getDescription()
              + (e.getIndex() >= 0 ? " at character " + (e.getIndex() + 1) : ""));
          return null;
        }
    }
  }

  private @Nullable Object scalarValue(Doc d, String path) {
    if (d instanceof Scalar s && s.value() != null) {
      return s.value();
    }
    problem(path, "expected text, a number or true/false, found " + d.describe());
    return null;
  }

  // ---- entitlements ------------------------------------------------------------------------------

  private @Nullable EntitlementRule entitlementRule(Doc doc, String path) {
    MapDoc m = map(doc, path);
    if (m == null) {
      return null;
    }
    unknownKeys(m, path, RULE_KEYS);
    int before = problems.size();
    String id = optionalText(m, path, "id");
    Condition when = Condition.ALWAYS;
    if (m.fields().containsKey("when")) {
      when = condition(m.fields().get("when"), child(path, "when"), false);
    }
    List<EntitlementRef> refs = new ArrayList<>();
    Doc grant = m.fields().get("grant");
    if (grant == null) {
      problem(child(path, "grant"), "is missing: expected a list of entitlements to grant");
    } else if (!(grant instanceof ListDoc l) || l.items().isEmpty()) {
      problem(child(path, "grant"), "expected a non-empty list of entitlements, found " + grant.describe());
    } else {
      for (int i = 0; i < l.items().size(); i++) {
        EntitlementRef r = ref(l.items().get(i), child(path, "grant") + "[" + i + "]");
        if (r != null) {
          refs.add(r);
        }
      }
    }
    if (problems.size() > before || when == null) {
      return null;
    }
    return EntitlementRule.builder(id).when(when).grant(refs.toArray(new EntitlementRef[0])).build();
  }

  /** A display name as text, or {@code {type, id | name}}. */
  private @Nullable EntitlementRef ref(Doc doc, String path) {
    if (doc instanceof Scalar s && s.value() instanceof String name && !name.isBlank()) {
      return EntitlementRef.byName(null, name);
    }
    if (!(doc instanceof MapDoc m)) {
      problem(path, "expected an entitlement: a display name, or a map with type and id or name; found "
          + doc.describe());
      return null;
    }
    unknownKeys(m, path, REF_KEYS);
    int before = problems.size();
    EntitlementType type = null;
    String typeName = optionalText(m, path, "type");
    if (typeName != null) {
      try {
        type = EntitlementType.of(typeName.toLowerCase(Locale.ROOT));
      } catch (RuntimeException e) {
        problem(child(path, "type"), "expected an entitlement type such as group, role, license, team or"
            + " permission (lower case letters, digits, - and _), found '" + typeName + "'");
      }
    }
    String id = optionalText(m, path, "id");
    String name = optionalText(m, path, "name");
    String displayName = optionalText(m, path, "displayName");
    if (name != null && displayName != null) {
      problem(child(path, "displayName"), "give either name or displayName, not both");
    }
    String n = name != null ? name : displayName;
    if (id == null && n == null && problems.size() == before) {
      problem(path, "needs an id or a name");
    }
    if (id != null && n != null) {
      problem(path, "give either id or name, not both: an id is matched exactly, a name case-insensitively");
    }
    if (problems.size() > before) {
      return null;
    }
    return new EntitlementRef(type, id, id == null ? n : null);
  }

  private @Nullable ManagedEntitlements managed(Doc doc, String path) {
    if (doc instanceof Scalar s && s.value() instanceof String word) {
      switch (word.toLowerCase(Locale.ROOT)) {
        case "all":
          return ManagedEntitlements.ALL;
        case "none":
          return ManagedEntitlements.NONE;
        default:
          problem(path, "expected all, none or a map with entitlements, types, idPatterns, namePatterns;"
              + " found '" + word + "'");
          return null;
      }
    }
    MapDoc m = map(doc, path);
    if (m == null) {
      return null;
    }
    unknownKeys(m, path, MANAGED_KEYS);
    int before = problems.size();
    ManagedEntitlements.Builder b = ManagedEntitlements.builder();
    forEach(m, path, "entitlements", (d, p) -> {
      EntitlementRef r = ref(d, p);
      if (r != null) {
        b.entitlement(r);
      }
    });
    forEach(m, path, "types", (d, p) -> {
      String t = text(d, p);
      if (t != null) {
        try {
          b.type(EntitlementType.of(t.toLowerCase(Locale.ROOT)));
        } catch (RuntimeException e) {
          problem(p, "expected an entitlement type such as group, role, license, team or permission, found '" + t + "'");
        }
      }
    });
    forEach(m, path, "idPatterns", (d, p) -> pattern(d, p, b::idPattern));
    forEach(m, path, "namePatterns", (d, p) -> pattern(d, p, b::namePattern));
    return problems.size() > before ? null : b.build();
  }

  private void pattern(Doc d, String path, java.util.function.Consumer<String> sink) {
    String s = text(d, path);
    if (s == null) {
      return;
    }
    try {
      Pattern.compile(s);
      sink.accept(s);
    } catch (PatternSyntaxException e) {
      problem(path, "invalid regular expression '" + s + "': " + e.getDescription()
          + (e.getIndex() >= 0 ? " at character " + (e.getIndex() + 1) : ""));
    }
  }

  // ---- correlation, deprovisioning, orphans, safety ------------------------------------------

  private @Nullable CorrelationRule correlation(Doc doc, String path) {
    MapDoc m = map(doc, path);
    if (m == null) {
      return null;
    }
    unknownKeys(m, path, CORRELATION_KEYS);
    int before = problems.size();
    String id = optionalText(m, path, "id");
    String target = requiredText(m, path, "target");
    boolean hasAttr = m.fields().containsKey("attribute");
    boolean hasExpr = m.fields().containsKey("expression");
    Expression e = null;
    if (hasAttr == hasExpr) {
      problem(path, hasAttr ? "takes either attribute or expression, not both"
          : "needs a value to look for: attribute or expression");
    } else if (hasAttr) {
      String name = text(m.fields().get("attribute"), child(path, "attribute"));
      e = name == null ? null : userAttribute(name, child(path, "attribute"));
    } else {
      e = expression(m.fields().get("expression"), child(path, "expression"), Expression::parse);
    }
    if (problems.size() > before || target == null || e == null) {
      return null;
    }
    return CorrelationRule.of(id, target, e);
  }

  private Deprovisioning deprovisioning(Doc doc, String path) {
    Deprovisioning.Builder b = Deprovisioning.builder();
    MapDoc m = map(doc, path);
    if (m == null) {
      return b.build();
    }
    unknownKeys(m, path, DEPROVISIONING_KEYS);
    Doc d;
    if ((d = m.fields().get("onTerminated")) != null) {
      Deprovisioning.Action a = enumValue(d, child(path, "onTerminated"), Deprovisioning.Action.class);
      if (a != null) {
        b.onTerminated(a);
      }
    }
    if ((d = m.fields().get("gracePeriod")) != null) {
      Duration g = duration(d, child(path, "gracePeriod"));
      if (g != null) {
        b.gracePeriod(g);
      }
    }
    if ((d = m.fields().get("onSuspended")) != null) {
      Deprovisioning.SuspendedAction a = enumValue(d, child(path, "onSuspended"), Deprovisioning.SuspendedAction.class);
      if (a != null) {
        b.onSuspended(a);
      }
    }
    if ((d = m.fields().get("enableOnReactivation")) != null) {
      Boolean e = bool(d, child(path, "enableOnReactivation"));
      if (e != null) {
        b.enableOnReactivation(e);
      }
    }
    return b.build();
  }

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,6})\\s*([dhm])");

  private @Nullable Duration duration(Doc d, String path) {
    String s = d instanceof Scalar sc && sc.value() != null ? String.valueOf(sc.value()) : null;
    if (s != null) {
      java.util.regex.Matcher m = SHORT_DURATION.matcher(s.trim().toLowerCase(Locale.ROOT));
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "d" -> Duration.ofDays(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofMinutes(n);
        };
      }
      try {
        Duration parsed = Duration.parse(s.trim());
        if (!parsed.isNegative()) {
          return parsed;
        }
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    problem(path, "expected a duration that is not negative, such as P30D, PT12H, 30d or 12h; found "
        + d.describe());
    return null;
  }

  private Orphans orphans(Doc doc, String path) {
    Orphans.Builder b = Orphans.builder();
    MapDoc m = map(doc, path);
    if (m == null) {
      return b.build();
    }
    unknownKeys(m, path, ORPHAN_KEYS);
    Doc a = m.fields().get("action");
    if (a != null) {
      Orphans.Action action = enumValue(a, child(path, "action"), Orphans.Action.class);
      if (action != null) {
        b.action(action);
      }
    }
    forEach(m, path, "exclude", (d, p) -> {
      Predicate rule = accountCondition(d, p);
      if (rule != null) {
        b.exclude(rule);
      }
    });
    return b.build();
  }

  private interface Predicate extends java.util.function.Predicate<dev.usher.core.model.Account> {}

  /** An exclusion: an account expression text, a clause on an account attribute, or anyOf/allOf of those. */
  private @Nullable Predicate accountCondition(Doc doc, String path) {
    if (doc instanceof Scalar s && s.value() instanceof String) {
      Expression e = expression(doc, path, Expression::parseAccountCondition);
      return e == null ? null : named(e::test, e.source());
    }
    if (doc instanceof MapDoc m && (m.fields().containsKey("anyOf") || m.fields().containsKey("allOf"))) {
      unknownKeys(m, path, List.of("anyOf", "allOf"));
      String key = m.fields().containsKey("anyOf") ? "anyOf" : "allOf";
      Doc list = m.fields().get(key);
      if (!(list instanceof ListDoc l) || l.items().isEmpty()) {
        problem(child(path, key), "expected a non-empty list of conditions, found " + list.describe());
        return null;
      }
      List<Predicate> parts = new ArrayList<>();
      for (int i = 0; i < l.items().size(); i++) {
        parts.add(accountCondition(l.items().get(i), child(path, key) + "[" + i + "]"));
      }
      if (parts.contains(null)) {
        return null;
      }
      boolean any = key.equals("anyOf");
      return named(a -> any ? parts.stream().anyMatch(p -> p.test(a)) : parts.stream().allMatch(p -> p.test(a)),
          key + parts);
    }
    if (doc instanceof MapDoc m) {
      List<String> keys = new ArrayList<>(OPERATORS);
      keys.add("attribute");
      Expression e = clause(m, path, true, unknownKeys(m, path, keys));
      return e == null ? null : named(e::test, e.source());
    }
    problem(path, "expected an account condition: an expression text such as \"account.userName startsWith"
        + " 'svc-'\", or a map with attribute and an operator; found " + doc.describe());
    return null;
  }

  private static Predicate named(java.util.function.Predicate<dev.usher.core.model.Account> p, String name) {
    return new Predicate() {
      @Override
      public boolean test(dev.usher.core.model.Account a) {
        return p.test(a);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  private Safety safety(Doc doc, String path) {
    Safety.Builder b = Safety.builder();
    MapDoc m = map(doc, path);
    if (m == null) {
      return b.build();
    }
    unknownKeys(m, path, SAFETY_KEYS);
    Doc d;
    if ((d = m.fields().get("maxDeprovisionCount")) != null) {
      BigDecimal n = number(d, child(path, "maxDeprovisionCount"));
      if (n != null) {
        if (n.signum() < 0 || n.stripTrailingZeros().scale() > 0 || n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
          problem(child(path, "maxDeprovisionCount"), "expected a whole number, 0 or more; found " + d.describe());
        } else {
          b.maxDeprovisionCount(n.intValue());
        }
      }
    }
    for (String key : List.of("maxDeprovisionPercent", "maxSourceShrinkPercent")) {
      if ((d = m.fields().get(key)) != null) {
        BigDecimal n = number(d, child(path, key));
        if (n != null) {
          if (n.signum() < 0 || n.compareTo(BigDecimal.valueOf(100)) > 0) {
            problem(child(path, key), "expected a percentage between 0 and 100; found " + d.describe());
          } else if (key.equals("maxDeprovisionPercent")) {
            b.maxDeprovisionPercent(n.doubleValue());
          } else {
            b.maxSourceShrinkPercent(n.doubleValue());
          }
        }
      }
    }
    return b.build();
  }

  // ---- small readers ---------------------------------------------------------------------------

  private void problem(String path, String message) {
    problems.add(new Problem(path, message));
  }

  private @Nullable MapDoc map(Doc d, String path) {
    if (d instanceof MapDoc m) {
      return m;
    }
    problem(path, "expected a map of keys to values, found " + d.describe());
    return null;
  }

  /** Reports each key not in {@code valid}; true when there was one. */
  private boolean unknownKeys(MapDoc m, String path, List<String> valid) {
    boolean found = false;
    for (String key : m.fields().keySet()) {
      if (!valid.contains(key)) {
        found = true;
        List<String> near = NearestNames.of(key, valid);
        problem(child(path, key), "unknown key '" + key + "' (" + m.keyLocs().get(key) + ")"
            + (near.isEmpty() ? "; expected one of " + String.join(", ", valid)
                : "; did you mean " + near.stream().map(n -> "'" + n + "'").collect(java.util.stream.Collectors.joining(" or ")) + "?"));
      }
    }
    return found;
  }

  private @Nullable String text(Doc d, String path) {
    if (d instanceof Scalar s && s.value() instanceof String str) {
      if (str.isBlank()) {
        problem(path, "must not be blank");
        return null;
      }
      return str;
    }
    problem(path, "expected text, found " + d.describe());
    return null;
  }

  private @Nullable String requiredText(MapDoc m, String path, String key) {
    Doc d = m.fields().get(key);
    if (d == null) {
      problem(child(path, key), "is missing");
      return null;
    }
    return text(d, child(path, key));
  }

  private @Nullable String optionalText(MapDoc m, String path, String key) {
    Doc d = m.fields().get(key);
    return d == null ? null : text(d, child(path, key));
  }

  private @Nullable Boolean bool(Doc d, String path) {
    if (d instanceof Scalar s && s.value() instanceof Boolean b) {
      return b;
    }
    problem(path, "expected true or false, found " + d.describe());
    return null;
  }

  private @Nullable BigDecimal number(Doc d, String path) {
    if (d instanceof Scalar s && s.value() instanceof BigDecimal n) {
      return n;
    }
    problem(path, "expected a number, found " + d.describe());
    return null;
  }

  /** An enum constant written in any case, with or without _ or -: DISABLE_THEN_DELETE, disableThenDelete. */
  private <E extends Enum<E>> @Nullable E enumValue(Doc d, String path, Class<E> type) {
    E[] constants = type.getEnumConstants();
    List<String> names = new ArrayList<>();
    for (E c : constants) {
      names.add(camel(c.name()));
    }
    if (d instanceof Scalar s && s.value() instanceof String str) {
      String wanted = squash(str);
      for (E c : constants) {
        if (squash(c.name()).equals(wanted)) {
          return c;
        }
      }
      List<String> near = NearestNames.of(str, names);
      problem(path, "expected one of " + String.join(", ", names) + ", found '" + str + "'"
          + (near.isEmpty() ? "" : "; did you mean '" + near.get(0) + "'?"));
      return null;
    }
    problem(path, "expected one of " + String.join(", ", names) + ", found " + d.describe());
    return null;
  }

  private static String squash(String s) {
    return s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
  }

  private static String camel(String constant) {
    StringBuilder sb = new StringBuilder();
    boolean up = false;
    for (char c : constant.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        sb.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return sb.toString();
  }
}
