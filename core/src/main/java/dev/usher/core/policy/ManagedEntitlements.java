package dev.usher.core.policy;

import dev.usher.core.model.Entitlement;
import dev.usher.core.model.EntitlementType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which entitlements a policy manages: only these are ever revoked. An entitlement is managed
 * when it matches an explicit reference, has one of the listed types, or its id or display
 * name fully matches one of the patterns.
 *
 * <pre>{@code
 * ManagedEntitlements managed = ManagedEntitlements.builder()
 *     .type(EntitlementType.TEAM)
 *     .namePattern("eng-.*")
 *     .entitlement(EntitlementRef.byId(EntitlementType.GROUP, "admins"))
 *     .build();
 * }</pre>
 */
public final class ManagedEntitlements {
  /** Manages nothing: Usher grants but never revokes. */
  public static final ManagedEntitlements NONE = new ManagedEntitlements(List.of(), Set.of(), List.of(), List.of(), false);
  /** Manages every entitlement of the application. */
  public static final ManagedEntitlements ALL = new ManagedEntitlements(List.of(), Set.of(), List.of(), List.of(), true);

  private final List<EntitlementRef> refs;
  private final Set<EntitlementType> types;
  private final List<Pattern> idPatterns;
  private final List<Pattern> namePatterns;
  private final boolean all;

  private ManagedEntitlements(List<EntitlementRef> refs, Set<EntitlementType> types,
      List<Pattern> idPatterns, List<Pattern> namePatterns, boolean all) {
    this.refs = refs;
    this.types = types;
    this.idPatterns = idPatterns;
    this.namePatterns = namePatterns;
    this.all = all;
  }

  /** Exactly these entitlements. */
  public static ManagedEntitlements of(List<EntitlementRef> refs) {
    Builder b = builder();
    refs.forEach(b::entitlement);
    return b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether Usher may revoke this entitlement. */
  public boolean manages(Entitlement e) {
    Objects.requireNonNull(e, "e");
    if (all || types.contains(e.type())) {
      return true;
    }
    for (EntitlementRef r : refs) {
      if (r.matches(e)) {
        return true;
      }
    }
    for (Pattern p : idPatterns) {
      if (p.matcher(e.id()).matches()) {
        return true;
      }
    }
    for (Pattern p : namePatterns) {
      if (p.matcher(e.displayName()).matches()) {
        return true;
      }
    }
    return false;
  }

  public List<EntitlementRef> entitlements() {
    return refs;
  }

  public Set<EntitlementType> types() {
    return types;
  }

  public List<String> idPatterns() {
    return idPatterns.stream().map(Pattern::pattern).toList();
  }

  public List<String> namePatterns() {
    return namePatterns.stream().map(Pattern::pattern).toList();
  }

  @Override
  public String toString() {
    if (all) {
      return "ManagedEntitlements[all]";
    }
    return "ManagedEntitlements[entitlements=" + refs + ", types=" + types + ", idPatterns="
        + idPatterns() + ", namePatterns=" + namePatterns() + "]";
  }

  /** Builds {@link ManagedEntitlements}; not thread-safe. */
  public static final class Builder {
    private final List<EntitlementRef> refs = new ArrayList<>();
    private final Set<EntitlementType> types = new LinkedHashSet<>();
    private final List<Pattern> idPatterns = new ArrayList<>();
    private final List<Pattern> namePatterns = new ArrayList<>();

    private Builder() {}

    public Builder entitlement(EntitlementRef ref) {
      refs.add(Objects.requireNonNull(ref, "ref"));
      return this;
    }

    public Builder type(EntitlementType type) {
      types.add(Objects.requireNonNull(type, "type"));
      return this;
    }

    /** A regular expression the whole id must match; throws {@link java.util.regex.PatternSyntaxException}. */
    public Builder idPattern(String regex) {
      idPatterns.add(Pattern.compile(Objects.requireNonNull(regex, "regex")));
      return this;
    }

    /** A regular expression the whole display name must match (case-insensitive). */
    public Builder namePattern(String regex) {
      namePatterns.add(Pattern.compile(Objects.requireNonNull(regex, "regex"),
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
      return this;
    }

    public ManagedEntitlements build() {
      return new ManagedEntitlements(List.copyOf(refs), Set.copyOf(types), List.copyOf(idPatterns),
          List.copyOf(namePatterns), false);
    }
  }
}
