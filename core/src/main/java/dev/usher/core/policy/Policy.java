package dev.usher.core.policy;

import dev.usher.core.ConfigurationException;
import dev.usher.core.model.User;
import dev.usher.core.policy.expr.Expression;
import dev.usher.core.policy.internal.PolicyReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The rules of one application: who is in scope, how account attributes and entitlements are
 * derived, how existing accounts are found, what happens to leavers and orphans, and the
 * safety thresholds of a run. Immutable; build one in Java or load it from YAML or JSON.
 *
 * <pre>{@code
 * Policy github = Policy.builder("github")
 *     .scope(Scope.builder().group("user.department in [\"Engineering\", \"Security\"]").build())
 *     .map("userName", "lower(\"{user.givenName}.{user.familyName}\")")
 *     .map("externalId", "user.id")
 *     .mapping(AttributeMapping.builder("title").function(u -> u.title()).build())
 *     .entitlementRule(EntitlementRule.builder("eng")
 *         .when("user.department == \"Engineering\"")
 *         .grant(EntitlementRef.byName(EntitlementType.TEAM, "Engineering")).build())
 *     .correlate("externalId", "user.id")
 *     .correlate("userName", "lower(user.email)")
 *     .build();
 *
 * Policy slack = Policy.load(Path.of("slack.yaml"));
 * Map<String, Policy> all = Policy.loadAll(Path.of("applications.yaml"));
 * }</pre>
 */
public final class Policy {
  /** The syntax of a policy text. */
  public enum Format { YAML, JSON }

  private final String applicationId;
  private final Scope scope;
  private final List<AttributeMapping> mappings;
  private final List<EntitlementRule> entitlementRules;
  private final @Nullable ManagedEntitlements explicitManaged;
  private final ManagedEntitlements managed;
  private final List<CorrelationRule> correlation;
  private final Deprovisioning deprovisioning;
  private final Orphans orphans;
  private final Safety safety;

  private Policy(Builder b) {
    this.applicationId = b.applicationId;
    this.scope = b.scope;
    List<AttributeMapping> ms = new ArrayList<>();
    for (int i = 0; i < b.mappings.size(); i++) {
      ms.add(b.mappings.get(i).withDefaultId("mappings[" + i + "]"));
    }
    this.mappings = List.copyOf(ms);
    List<EntitlementRule> rs = new ArrayList<>();
    for (int i = 0; i < b.entitlementRules.size(); i++) {
      rs.add(b.entitlementRules.get(i).withDefaultId("entitlementRules[" + i + "]"));
    }
    this.entitlementRules = List.copyOf(rs);
    List<CorrelationRule> cs = new ArrayList<>();
    for (int i = 0; i < b.correlation.size(); i++) {
      cs.add(b.correlation.get(i).withDefaultId("correlation[" + i + "]"));
    }
    this.correlation = List.copyOf(cs);
    this.explicitManaged = b.managed;
    if (b.managed != null) {
      this.managed = b.managed;
    } else {
      List<EntitlementRef> refs = new ArrayList<>();
      for (EntitlementRule r : entitlementRules) {
        refs.addAll(r.entitlements());
      }
      this.managed = ManagedEntitlements.of(refs);
    }
    this.deprovisioning = b.deprovisioning;
    this.orphans = b.orphans;
    this.safety = b.safety;
  }

  /** A builder for this application's policy, with every default in place. */
  public static Builder builder(String applicationId) {
    return new Builder(Objects.requireNonNull(applicationId, "applicationId"));
  }

  /** A builder holding this policy's values. */
  public Builder toBuilder() {
    Builder b = new Builder(applicationId);
    b.scope = scope;
    b.mappings.addAll(mappings);
    b.entitlementRules.addAll(entitlementRules);
    b.managed = explicitManaged;
    b.correlation.addAll(correlation);
    b.deprovisioning = deprovisioning;
    b.orphans = orphans;
    b.safety = safety;
    return b;
  }

  /**
   * Loads a file holding one application's policy; YAML for {@code .yaml}/{@code .yml}, JSON
   * for {@code .json}. The application id is the file's {@code application} key, else its
   * name without extension.
   *
   * @throws ConfigurationException listing every problem found, each with its key path
   */
  public static Policy load(Path file) {
    return PolicyReader.load(Objects.requireNonNull(file, "file"));
  }

  /**
   * Loads a file with a top-level {@code applications: {<id>: {...}}} map.
   *
   * @throws ConfigurationException listing every problem found in every application, with key
   *     paths such as {@code applications.github.mappings[2].expression}
   */
  public static Map<String, Policy> loadAll(Path file) {
    return PolicyReader.loadAll(Objects.requireNonNull(file, "file"));
  }

  /**
   * Parses one application's policy from text.
   *
   * @throws ConfigurationException listing every problem found
   */
  public static Policy parse(String text, Format format, String applicationId) {
    return PolicyReader.parse(Objects.requireNonNull(text, "text"), Objects.requireNonNull(format, "format"),
        Objects.requireNonNull(applicationId, "applicationId"));
  }

  public String applicationId() {
    return applicationId;
  }

  /** Who should have an account; default: status ACTIVE or SUSPENDED. */
  public Scope scope() {
    return scope;
  }

  /** Whether the user should have an account here: {@code scope().test(user)}. */
  public boolean inScope(User user) {
    return scope.test(Objects.requireNonNull(user, "user"));
  }

  public List<AttributeMapping> mappings() {
    return mappings;
  }

  public List<EntitlementRule> entitlementRules() {
    return entitlementRules;
  }

  /**
   * The entitlements Usher may revoke. When none were declared: exactly the entitlements the
   * entitlement rules name, so a mover loses what a rule gave them and nothing else.
   */
  public ManagedEntitlements managed() {
    return managed;
  }

  /** Ordered; the first rule that yields matches wins. */
  public List<CorrelationRule> correlation() {
    return correlation;
  }

  public Deprovisioning deprovisioning() {
    return deprovisioning;
  }

  public Orphans orphans() {
    return orphans;
  }

  public Safety safety() {
    return safety;
  }

  @Override
  public String toString() {
    return "Policy[" + applicationId + ": " + mappings.size() + " mappings, "
        + entitlementRules.size() + " entitlement rules, " + correlation.size()
        + " correlation rules]";
  }

  /** Builds {@link Policy} values; not thread-safe. */
  public static final class Builder {
    private final String applicationId;
    private Scope scope = Scope.defaultScope();
    private final List<AttributeMapping> mappings = new ArrayList<>();
    private final List<EntitlementRule> entitlementRules = new ArrayList<>();
    private @Nullable ManagedEntitlements managed;
    private final List<CorrelationRule> correlation = new ArrayList<>();
    private Deprovisioning deprovisioning = Deprovisioning.defaults();
    private Orphans orphans = Orphans.defaults();
    private Safety safety = Safety.defaults();

    private Builder(String applicationId) {
      this.applicationId = applicationId;
    }

    public Builder scope(Scope scope) {
      this.scope = Objects.requireNonNull(scope, "scope");
      return this;
    }

    public Builder mapping(AttributeMapping mapping) {
      mappings.add(Objects.requireNonNull(mapping, "mapping"));
      return this;
    }

    /** Maps {@code target} from an expression in the policy syntax, applied ALWAYS. */
    public Builder map(String target, String expression) {
      return mapping(AttributeMapping.builder(target).expression(expression).build());
    }

    /** Maps {@code target} from a typed expression, applied ALWAYS. */
    public Builder map(String target, Expression expression) {
      return mapping(AttributeMapping.of(target, expression));
    }

    /** Maps {@code target} from a Java function of the user ({@code user -> ...}), applied ALWAYS. */
    public Builder map(String target, Function<? super User, ? extends @Nullable Object> function) {
      return mapping(AttributeMapping.builder(target).function(function).build());
    }

    /** Replaces all mappings. */
    public Builder mappings(List<AttributeMapping> mappings) {
      this.mappings.clear();
      mappings.forEach(this::mapping);
      return this;
    }

    public Builder entitlementRule(EntitlementRule rule) {
      entitlementRules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Replaces all entitlement rules. */
    public Builder entitlementRules(List<EntitlementRule> rules) {
      entitlementRules.clear();
      rules.forEach(this::entitlementRule);
      return this;
    }

    /** Which entitlements may be revoked; see {@link Policy#managed()} for the default. */
    public Builder managed(ManagedEntitlements managed) {
      this.managed = Objects.requireNonNull(managed, "managed");
      return this;
    }

    public Builder correlation(CorrelationRule rule) {
      correlation.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Adds a correlation rule: accounts whose {@code targetAttribute} equals the expression's value. */
    public Builder correlate(String targetAttribute, String expression) {
      return correlation(CorrelationRule.of(targetAttribute, Expression.parse(expression)));
    }

    /** Replaces all correlation rules. */
    public Builder correlation(List<CorrelationRule> rules) {
      correlation.clear();
      rules.forEach(this::correlation);
      return this;
    }

    public Builder deprovisioning(Deprovisioning deprovisioning) {
      this.deprovisioning = Objects.requireNonNull(deprovisioning, "deprovisioning");
      return this;
    }

    public Builder orphans(Orphans orphans) {
      this.orphans = Objects.requireNonNull(orphans, "orphans");
      return this;
    }

    public Builder safety(Safety safety) {
      this.safety = Objects.requireNonNull(safety, "safety");
      return this;
    }

    /**
     * @throws ConfigurationException when two mappings write the same target attribute or two
     *     rules share an explicit id
     */
    public Policy build() {
      List<ConfigurationException.Problem> problems = new ArrayList<>();
      if (applicationId.isBlank()) {
        problems.add(new ConfigurationException.Problem("applicationId", "must not be blank"));
      }
      Set<String> targets = new HashSet<>();
      for (int i = 0; i < mappings.size(); i++) {
        String t = mappings.get(i).target();
        if (!targets.add(t)) {
          problems.add(new ConfigurationException.Problem("mappings[" + i + "].target",
              "'" + t + "' is already mapped by an earlier mapping; each target attribute may be mapped once"));
        }
      }
      Policy p = new Policy(this);
      duplicates(problems, "mappings", p.mappings.stream().map(AttributeMapping::id).toList());
      duplicates(problems, "entitlementRules", p.entitlementRules.stream().map(EntitlementRule::id).toList());
      duplicates(problems, "correlation", p.correlation.stream().map(CorrelationRule::id).toList());
      if (!problems.isEmpty()) {
        throw new ConfigurationException("policy " + applicationId, problems);
      }
      return p;
    }

    private static void duplicates(List<ConfigurationException.Problem> problems, String list, List<String> ids) {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < ids.size(); i++) {
        if (!seen.add(ids.get(i))) {
          problems.add(new ConfigurationException.Problem(list + "[" + i + "].id",
              "id '" + ids.get(i) + "' is used by an earlier rule; ids must be unique"));
        }
      }
    }
  }
}
