package dev.usher.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import java.util.Objects;

/**
 * Something an account can be granted in an application: a group, team, role, license or
 * permission.
 *
 * <pre>{@code
 * Entitlement eng = Entitlement.of(EntitlementType.TEAM, "eng", "Engineering");
 * }</pre>
 *
 * @param type what kind of entitlement this is
 * @param id the application's id for it
 * @param displayName its human name (policies may refer to it by this name)
 * @param attributes anything else the application says about it
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Entitlement(
    @NotNull EntitlementType type,
    @NotBlank String id,
    @NotBlank String displayName,
    Map<@NotBlank String, @NotNull AttributeValue> attributes) {

  public Entitlement {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    displayName = displayName == null ? id : displayName;
    attributes = Copies.attributes(attributes, "attributes");
  }

  /** An entitlement without extra attributes. */
  public static Entitlement of(EntitlementType type, String id, String displayName) {
    return new Entitlement(type, id, displayName, Map.of());
  }

  /** A copy with these attributes. */
  public Entitlement withAttributes(Map<String, AttributeValue> attributes) {
    return new Entitlement(type, id, displayName, attributes);
  }
}
