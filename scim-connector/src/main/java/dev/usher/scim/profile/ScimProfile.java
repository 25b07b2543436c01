package dev.usher.scim.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.scim.ScimQuirks;
import dev.usher.scim.ServiceProviderConfig;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A vendor profile: what a SCIM server departs from the RFCs in, as data, applied through the
 * client's {@link ScimQuirks} hooks and by the connector. Named profiles live in {@link ScimProfiles};
 * {@link #builder(String)} makes others. Immutable and thread-safe; rate limits are enforced by
 * a {@link TokenBucket} each connector makes from {@link #userCreations()}.
 *
 * <pre>{@code
 * ScimProfile acme = ScimProfile.builder("acme")
 *     .serviceProviderConfigPath("/ServiceProviderConfigs")
 *     .maxPageSize(100).equalityFiltersOnly().softDelete()
 *     .requiredHeader("Accept", "application/scim+json")
 *     .userCreations(new RateLimit(180, Duration.ofMinutes(1), 20))
 *     .build();
 * }</pre>
 *
 * <p>Every profile tolerates {@code "True"} / {@code "False"} strings where SCIM has booleans
 * ({@code active}, {@code primary}) on read.
 */
public final class ScimProfile implements ScimQuirks {
  private final String name;
  private final String serviceProviderConfigPath;
  private final int maxPageSize;
  private final boolean cursorPagingOnly;
  private final boolean equalityFiltersOnly;
  private final boolean filterRequiredToList;
  private final boolean lowercaseResourcesKey;
  private final boolean softDelete;
  private final Map<String, String> requiredHeaders;
  private final int maxMemberChangesPerPatch;
  private final boolean groupMembersReadable;
  private final @Nullable RateLimit userCreations;

  private ScimProfile(Builder b) {
    this.name = b.name;
    this.serviceProviderConfigPath = b.serviceProviderConfigPath;
    this.maxPageSize = b.maxPageSize;
    this.cursorPagingOnly = b.cursorPagingOnly;
    this.equalityFiltersOnly = b.equalityFiltersOnly;
    this.filterRequiredToList = b.filterRequiredToList;
    this.lowercaseResourcesKey = b.lowercaseResourcesKey;
    this.softDelete = b.softDelete;
    this.requiredHeaders = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.requiredHeaders));
    this.maxMemberChangesPerPatch = b.maxMemberChangesPerPatch;
    this.groupMembersReadable = b.groupMembersReadable;
    this.userCreations = b.userCreations;
  }

  /** A builder for a profile that changes nothing until told. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.serviceProviderConfigPath = serviceProviderConfigPath;
    b.maxPageSize = maxPageSize;
    b.cursorPagingOnly = cursorPagingOnly;
    b.equalityFiltersOnly = equalityFiltersOnly;
    b.filterRequiredToList = filterRequiredToList;
    b.lowercaseResourcesKey = lowercaseResourcesKey;
    b.softDelete = softDelete;
    b.requiredHeaders.putAll(requiredHeaders);
    b.maxMemberChangesPerPatch = maxMemberChangesPerPatch;
    b.groupMembersReadable = groupMembersReadable;
    b.userCreations = userCreations;
    return b;
  }

  @Override
  public String name() {
    return name;
  }

  /** Where discovery reads the ServiceProviderConfig ({@code /ServiceProviderConfigs} for some vendors). */
  @Override
  public String serviceProviderConfigPath() {
    return serviceProviderConfigPath;
  }

  /** Headers every request carries, replacing the client's own value of the same name. */
  @Override
  public Map<String, String> headers() {
    return requiredHeaders;
  }

  /** The largest page the server returns; 0 when only discovery says. */
  public int maxPageSize() {
    return maxPageSize;
  }

  /** Pages only by cursor: {@code startIndex} is refused. */
  public boolean cursorPagingOnly() {
    return cursorPagingOnly;
  }

  /** Filters are a single {@code attribute eq value}: no {@code and}, {@code co}, {@code sw}, {@code pr}... */
  public boolean equalityFiltersOnly() {
    return equalityFiltersOnly;
  }

  /** Users cannot be listed without a filter (the connector then lists only with {@code accountFilter}). */
  public boolean filterRequiredToList() {
    return filterRequiredToList;
  }

  /** The server names the list {@code resources}; the client's reader matches names in any case. */
  public boolean lowercaseResourcesKey() {
    return lowercaseResourcesKey;
  }

  /** DELETE only deactivates the user. */
  public boolean softDelete() {
    return softDelete;
  }

  /** At most this many member changes per Group PATCH (the connector splits larger grants). */
  public int maxMemberChangesPerPatch() {
    return maxMemberChangesPerPatch;
  }

  /** Whether a Group GET returns its members; when not, members cannot be listed. */
  public boolean groupMembersReadable() {
    return groupMembersReadable;
  }

  /** The documented limit on user creations, enforced client-side; empty when none. */
  public java.util.Optional<RateLimit> userCreations() {
    return java.util.Optional.ofNullable(userCreations);
  }

  /** Caps the page size and turns off index paging as the profile says; discovery may claim more. */
  @Override
  public ServiceProviderConfig adjust(ServiceProviderConfig spc) {
    int maxResults = spc.filter().maxResults();
    if (maxPageSize > 0 && (maxResults == 0 || maxResults > maxPageSize)) {
      maxResults = maxPageSize;
    }
    return new ServiceProviderConfig(spc.patch(), spc.bulk(),
        new ServiceProviderConfig.FilterSupport(spc.filter().supported(), maxResults),
        spc.changePassword(), spc.sort(), spc.etag(),
        cursorPagingOnly || spc.cursorPaging(), !cursorPagingOnly && spc.indexPaging());
  }

  /** Reads {@code "True"} / {@code "False"} strings as booleans in {@code active} and each element's {@code primary}. */
  @Override
  public ObjectNode afterRead(String endpoint, ObjectNode resource) {
    fixBoolean(resource);
    for (Iterator<Map.Entry<String, JsonNode>> it = resource.fields(); it.hasNext(); ) {
      JsonNode v = it.next().getValue();
      if (v.isArray()) {
        for (JsonNode e : v) {
          if (e instanceof ObjectNode o) {
            fixBoolean(o);
          }
        }
      }
    }
    return resource;
  }

  private static void fixBoolean(ObjectNode node) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      if ((key.equalsIgnoreCase("active") || key.equalsIgnoreCase("primary")) && e.getValue().isTextual()) {
        String t = e.getValue().textValue().trim();
        if (t.equalsIgnoreCase("true")) {
          e.setValue(BooleanNode.TRUE);
        } else if (t.equalsIgnoreCase("false")) {
          e.setValue(BooleanNode.FALSE);
        }
      }
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ScimProfile[").append(name);
    if (!serviceProviderConfigPath.equals(DEFAULT_SERVICE_PROVIDER_CONFIG_PATH)) {
      sb.append(", discovery at ").append(serviceProviderConfigPath);
    }
    if (maxPageSize > 0) {
      sb.append(", pages of at most ").append(maxPageSize);
    }
    if (cursorPagingOnly) {
      sb.append(", cursor paging only");
    }
    if (equalityFiltersOnly) {
      sb.append(", eq filters only");
    }
    if (filterRequiredToList) {
      sb.append(", a filter is required to list");
    }
    if (softDelete) {
      sb.append(", soft delete");
    }
    if (!requiredHeaders.isEmpty()) {
      sb.append(", headers ").append(requiredHeaders.keySet());
    }
    if (maxMemberChangesPerPatch > 0) {
      sb.append(", at most ").append(maxMemberChangesPerPatch).append(" member changes per PATCH");
    }
    if (!groupMembersReadable) {
      sb.append(", group members not readable");
    }
    if (userCreations != null) {
      sb.append(", user creations ").append(userCreations);
    }
    return sb.append(']').toString();
  }

  /** Builds {@link ScimProfile}s. */
  public static final class Builder {
    private final String name;
    private String serviceProviderConfigPath = DEFAULT_SERVICE_PROVIDER_CONFIG_PATH;
    private int maxPageSize;
    private boolean cursorPagingOnly;
    private boolean equalityFiltersOnly;
    private boolean filterRequiredToList;
    private boolean lowercaseResourcesKey;
    private boolean softDelete;
    private final Map<String, String> requiredHeaders = new LinkedHashMap<>();
    private int maxMemberChangesPerPatch;
    private boolean groupMembersReadable = true;
    private @Nullable RateLimit userCreations;

    private Builder(String name) {
      Objects.requireNonNull(name, "name");
      if (!name.matches("[a-z0-9][a-z0-9-]*")) {
        throw new IllegalArgumentException("a profile name is lower-case letters, digits and '-', not '" + name + "'");
      }
      this.name = name;
    }

    public Builder serviceProviderConfigPath(String path) {
      Objects.requireNonNull(path, "path");
      if (!path.matches("/[A-Za-z]+")) {
        throw new IllegalArgumentException("serviceProviderConfigPath must be '/' and letters, not '" + path + "'");
      }
      this.serviceProviderConfigPath = path;
      return this;
    }

    public Builder maxPageSize(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxPageSize must be at least 1, not " + max);
      }
      this.maxPageSize = max;
      return this;
    }

    public Builder cursorPagingOnly() {
      this.cursorPagingOnly = true;
      return this;
    }

    public Builder equalityFiltersOnly() {
      this.equalityFiltersOnly = true;
      return this;
    }

    public Builder filterRequiredToList() {
      this.filterRequiredToList = true;
      return this;
    }

    public Builder lowercaseResourcesKey() {
      this.lowercaseResourcesKey = true;
      return this;
    }

    public Builder softDelete() {
      this.softDelete = true;
      return this;
    }

    public Builder requiredHeader(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        throw new IllegalArgumentException("'" + name + "' is not a valid HTTP header name");
      }
      requiredHeaders.put(name, value);
      return this;
    }

    public Builder maxMemberChangesPerPatch(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxMemberChangesPerPatch must be at least 1, not " + max);
      }
      this.maxMemberChangesPerPatch = max;
      return this;
    }

    public Builder groupMembersNotReadable() {
      this.groupMembersReadable = false;
      return this;
    }

    public Builder userCreations(RateLimit limit) {
      this.userCreations = Objects.requireNonNull(limit, "limit");
      return this;
    }

    public ScimProfile build() {
      return new ScimProfile(this);
    }
  }
}
