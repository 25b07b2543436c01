package dev.usher.scim;

import dev.usher.core.ConfigurationException.Problem;
import dev.usher.scim.profile.ScimProfile;
import dev.usher.scim.profile.ScimProfiles;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How the connector obeys a profile's rules beyond the client hooks: which filters it may send,
 * whether it can list, and checking a configuration against the profile.
 */
final class ScimProfileRules {
  private ScimProfileRules() {}

  /** The configured profile; unknown names were reported by {@link #check}. */
  static ScimProfile profile(ScimConfig config) {
    return ScimProfiles.find(config.profileOrDefault()).orElse(ScimProfiles.GENERIC);
  }

  /** Adds the profile problems of a configuration: an unknown name, an accountFilter the profile cannot send. */
  static void check(ScimConfig config, List<Problem> problems) {
    ScimProfile profile = ScimProfiles.find(config.profileOrDefault()).orElse(null);
    if (profile == null) {
      problems.add(new Problem("profile", "unknown profile '" + config.profile() + "'; known profiles: "
          + String.join(", ", ScimProfiles.names())));
      return;
    }
    if (config.accountFilter() != null && profile.equalityFiltersOnly()) {
      try {
        if (!(Filter.parse(config.accountFilter()) instanceof Filter.Comparison c) || c.operator() != Filter.Operator.EQ) {
          problems.add(new Problem("accountFilter", "profile " + profile.name()
              + " accepts only a single 'attribute eq value' filter, not '" + config.accountFilter() + "'"));
        }
      } catch (IllegalArgumentException e) {
        // Reported as a syntax problem already.
      }
    }
    if (config.paging() != null && config.paging().equals("index") && profile.cursorPagingOnly()) {
      problems.add(new Problem("paging", "profile " + profile.name() + " pages by cursor only, so 'index' cannot work"));
    }
  }

  /**
   * Whether a resource satisfies a single {@code eq} comparison, checked here because an
   * eq-only server cannot combine it with another filter. Strings compare without regard to
   * case (SCIM's default {@code caseExact: false}); a multi-valued attribute matches when any
   * element (or its {@code value}) does.
   */
  static boolean matches(Filter.Comparison eq, ScimResource resource) {
    com.fasterxml.jackson.databind.JsonNode node = resource.node();
    dev.usher.scim.internal.ScimJson.Path path = dev.usher.scim.internal.ScimJson.splitPath(eq.attribute());
    com.fasterxml.jackson.databind.JsonNode cur = path.urn() == null ? node
        : dev.usher.scim.internal.ScimJson.get(node, path.urn());
    return matchesAt(cur, path.names(), 0, eq.value());
  }

  private static boolean matchesAt(com.fasterxml.jackson.databind.@Nullable JsonNode cur, List<String> names, int i,
      com.fasterxml.jackson.databind.JsonNode expected) {
    if (cur == null || cur.isNull()) {
      return false;
    }
    if (cur.isArray()) {
      for (com.fasterxml.jackson.databind.JsonNode e : cur) {
        if (matchesAt(e, names, i, expected)
            || i == names.size() && e.isObject() && matchesAt(dev.usher.scim.internal.ScimJson.get(e, "value"), names, i, expected)) {
          return true;
        }
      }
      return false;
    }
    if (i < names.size()) {
      return matchesAt(dev.usher.scim.internal.ScimJson.get(cur, names.get(i)), names, i + 1, expected);
    }
    if (expected.isTextual() && cur.isValueNode()) {
      return cur.asText().toLowerCase(Locale.ROOT).equals(expected.textValue().toLowerCase(Locale.ROOT));
    }
    if (expected.isBoolean() && cur.isTextual()) {
      return cur.asText().equalsIgnoreCase(expected.asText());
    }
    return cur.equals(expected) || cur.isNumber() && expected.isNumber() && cur.decimalValue().compareTo(expected.decimalValue()) == 0;
  }
}
