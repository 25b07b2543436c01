package dev.usher.scim.profile;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The named vendor profiles that the connector's {@code profile} key selects. Each encodes the
 * vendor's documented deviations; scim-connector/README.md lists the rules with their sources.
 *
 * <pre>{@code
 * ScimProfile aws = ScimProfiles.named("aws-identity-center");
 * ScimClient client = ScimClient.builder(url).quirks(aws).build();
 * }</pre>
 */
public final class ScimProfiles {
  /** RFC behaviour; only {@code "True"}/{@code "False"} strings are tolerated on read. */
  public static final ScimProfile GENERIC = ScimProfile.builder("generic").build();

  /** AWS IAM Identity Center: 100 per page, cursor paging, eq filters only, group GET without members, 100 member changes per PATCH. */
  public static final ScimProfile AWS_IDENTITY_CENTER = ScimProfile.builder("aws-identity-center")
      .maxPageSize(100).cursorPagingOnly().equalityFiltersOnly().groupMembersNotReadable()
      .maxMemberChangesPerPatch(100).build();

  /** Google Cloud Identity: eq filters only, a filter to list users, a lower-case {@code resources} key. */
  public static final ScimProfile GOOGLE_CLOUD_IDENTITY = ScimProfile.builder("google-cloud-identity")
      .equalityFiltersOnly().filterRequiredToList().lowercaseResourcesKey().build();

  /** Slack: discovery at /ServiceProviderConfigs, soft DELETE, 180 user creations a minute (bursts of 20). */
  public static final ScimProfile SLACK = ScimProfile.builder("slack")
      .serviceProviderConfigPath("/ServiceProviderConfigs").softDelete()
      .userCreations(new RateLimit(180, Duration.ofMinutes(1), 20)).build();

  /** GitHub Enterprise Managed Users: a User-Agent on every request, 1,000 user creations an hour. */
  public static final ScimProfile GITHUB_EMU = ScimProfile.builder("github-emu")
      .requiredHeader("User-Agent", "")
      .userCreations(new RateLimit(1000, Duration.ofHours(1), 1)).build();

  /** Atlassian user provisioning: eq filters only, soft DELETE. */
  public static final ScimProfile ATLASSIAN = ScimProfile.builder("atlassian")
      .equalityFiltersOnly().softDelete().build();

  /** Salesforce: discovery at /ServiceProviderConfigs, DELETE deactivates. */
  public static final ScimProfile SALESFORCE = ScimProfile.builder("salesforce")
      .serviceProviderConfigPath("/ServiceProviderConfigs").softDelete().build();

  /** Zoom: {@code Accept: application/scim+json} exactly. */
  public static final ScimProfile ZOOM = ScimProfile.builder("zoom")
      .requiredHeader("Accept", "application/scim+json").build();

  /** A server built for Microsoft Entra provisioning: eq filters only (what Entra sends), string booleans tolerated. */
  public static final ScimProfile ENTRA_COMPATIBLE = ScimProfile.builder("entra-compatible")
      .equalityFiltersOnly().build();

  private static final Map<String, ScimProfile> BY_NAME;

  static {
    Map<String, ScimProfile> m = new LinkedHashMap<>();
    for (ScimProfile p : List.of(GENERIC, AWS_IDENTITY_CENTER, GOOGLE_CLOUD_IDENTITY, SLACK, GITHUB_EMU,
        ATLASSIAN, SALESFORCE, ZOOM, ENTRA_COMPATIBLE)) {
      m.put(p.name(), p);
    }
    BY_NAME = java.util.Collections.unmodifiableMap(m);
  }

  private ScimProfiles() {}

  /** Every named profile, in documentation order. */
  public static List<ScimProfile> all() {
    return List.copyOf(BY_NAME.values());
  }

  /** The names, for messages and documentation. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /** The profile of that name (any case; {@code standard} is {@code generic}), or empty. */
  public static Optional<ScimProfile> find(String name) {
    String key = name.trim().toLowerCase(Locale.ROOT);
    if (key.equals("standard")) {
      key = "generic";
    }
    return Optional.ofNullable(BY_NAME.get(key));
  }

  /**
   * The profile of that name.
   *
   * @throws IllegalArgumentException naming the known profiles when there is none
   */
  public static ScimProfile named(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException(
        "unknown profile '" + name + "'; known profiles: " + String.join(", ", names())));
  }
}
