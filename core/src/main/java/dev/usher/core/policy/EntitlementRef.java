package dev.usher.core.policy;

import dev.usher.core.model.Entitlement;
import dev.usher.core.model.EntitlementType;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A reference to an entitlement in a policy, resolved later against the application's
 * entitlement list: by id, or else by display name (case-insensitive); the type is checked
 * when given.
 *
 * <pre>{@code
 * EntitlementRef eng = EntitlementRef.byName(EntitlementType.TEAM, "Engineering");
 * EntitlementRef admins = EntitlementRef.byId(null, "00g1abc");
 * }</pre>
 *
 * @param type the entitlement type, or null for any type
 * @param id the application's id of the entitlement, or null to match by display name
 * @param displayName the display name, used when {@code id} is null
 */
public record EntitlementRef(@Nullable EntitlementType type, @Nullable String id, @Nullable String displayName) {
  public EntitlementRef {
    if (id == null && displayName == null) {
      throw new IllegalArgumentException("an entitlement reference needs an id or a display name");
    }
    if (id != null && id.isBlank()) {
      throw new IllegalArgumentException("an entitlement reference id must not be blank");
    }
    if (displayName != null && displayName.isBlank()) {
      throw new IllegalArgumentException("an entitlement reference display name must not be blank");
    }
  }

  public static EntitlementRef byId(@Nullable EntitlementType type, String id) {
    return new EntitlementRef(type, Objects.requireNonNull(id, "id"), null);
  }

  public static EntitlementRef byName(@Nullable EntitlementType type, String displayName) {
    return new EntitlementRef(type, null, Objects.requireNonNull(displayName, "displayName"));
  }

  /** By id when this reference has one, else by display name (case-insensitive); type checked when given. */
  public boolean matches(Entitlement e) {
    Objects.requireNonNull(e, "e");
    if (type != null && !type.equals(e.type())) {
      return false;
    }
    if (id != null) {
      return id.equals(e.id());
    }
    return displayName != null && displayName.equalsIgnoreCase(e.displayName());
  }

  @Override
  public String toString() {
    return (type == null ? "" : type.name() + ":") + (id != null ? id : "'" + displayName + "'");
  }
}
