package dev.usher.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A user's record in one application, as the application holds it (or as Usher wants it).
 *
 * <pre>{@code
 * Account desired = Account.builder("github")
 *     .userName("alice").externalId("E1001")
 *     .attribute("email", "alice@example.com")
 *     .build();
 * Account created = connector.create(desired);   // created.id() is the application's id
 * }</pre>
 *
 * @param applicationId the application this account lives in
 * @param id the application's own id for the account; null until the application assigned one
 * @param externalId the id Usher (or another provisioner) stored on the account, usually the user id
 * @param userName the login name in the application
 * @param attributes every other attribute, sorted by name
 * @param active false when the account is disabled
 * @param entitlementIds ids of the entitlements the account holds, when the listing includes them
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Account(
    @NotBlank String applicationId,
    @Nullable String id,
    @Nullable String externalId,
    @Nullable String userName,
    Map<@NotBlank String, @NotNull AttributeValue> attributes,
    boolean active,
    Set<@NotBlank String> entitlementIds) {

  /** The attribute name that addresses {@link #userName()} in updates and correlation. */
  public static final String USER_NAME = "userName";
  /** The attribute name that addresses {@link #externalId()} in updates and correlation. */
  public static final String EXTERNAL_ID = "externalId";
  /** The attribute name that addresses {@link #active()} in updates. */
  public static final String ACTIVE = "active";

  public Account {
    Objects.requireNonNull(applicationId, "applicationId");
    attributes = Copies.attributes(attributes, "attributes");
    entitlementIds = Copies.sortedSet(entitlementIds, "entitlementIds");
  }

  /** A builder for an active account in this application. */
  public static Builder builder(String applicationId) {
    return new Builder(Objects.requireNonNull(applicationId, "applicationId"));
  }

  /** A builder holding this account's values. */
  public Builder toBuilder() {
    Builder b = new Builder(applicationId);
    b.id = id;
    b.externalId = externalId;
    b.userName = userName;
    b.attributes.putAll(attributes);
    b.active = active;
    b.entitlementIds.addAll(entitlementIds);
    return b;
  }

  /**
   * An attribute by name, including the fields {@code userName}, {@code externalId} and
   * {@code active}, so correlation and updates address every value the same way.
   */
  public Optional<AttributeValue> attribute(String name) {
    switch (name) {
      case USER_NAME:
        return Optional.ofNullable(userName).map(AttributeValue::of);
      case EXTERNAL_ID:
        return Optional.ofNullable(externalId).map(AttributeValue::of);
      case ACTIVE:
        return Optional.of(AttributeValue.of(active));
      default:
        return Optional.ofNullable(attributes.get(name));
    }
  }

  /** The application's id, or an exception naming the account when it has none yet. */
  public String requireId() {
    if (id == null) {
      throw new IllegalStateException(
          "account " + (userName != null ? "'" + userName + "' " : "")
              + "in application '" + applicationId + "' has no id yet: it was not created");
    }
    return id;
  }

  /** Builds {@link Account}s; not thread-safe. */
  public static final class Builder {
    private final String applicationId;
    private @Nullable String id;
    private @Nullable String externalId;
    private @Nullable String userName;
    private final Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    private boolean active = true;
    private final Set<String> entitlementIds = new TreeSet<>();

    private Builder(String applicationId) {
      this.applicationId = applicationId;
    }

    public Builder id(@Nullable String id) {
      this.id = id;
      return this;
    }

    public Builder externalId(@Nullable String externalId) {
      this.externalId = externalId;
      return this;
    }

    public Builder userName(@Nullable String userName) {
      this.userName = userName;
      return this;
    }

    /** Sets an attribute from a plain Java value (see {@link AttributeValue#from}). */
    public Builder attribute(String name, Object value) {
      Objects.requireNonNull(name, "name");
      switch (name) {
        case USER_NAME:
          return userName(String.valueOf(value));
        case EXTERNAL_ID:
          return externalId(String.valueOf(value));
        default:
          attributes.put(name, AttributeValue.from(value));
          return this;
      }
    }

    public Builder removeAttribute(String name) {
      attributes.remove(name);
      return this;
    }

    /** Replaces all attributes. */
    public Builder attributes(Map<String, AttributeValue> attributes) {
      this.attributes.clear();
      this.attributes.putAll(attributes);
      return this;
    }

    public Builder active(boolean active) {
      this.active = active;
      return this;
    }

    public Builder entitlement(String entitlementId) {
      entitlementIds.add(Objects.requireNonNull(entitlementId, "entitlementId"));
      return this;
    }

    public Builder removeEntitlement(String entitlementId) {
      entitlementIds.remove(entitlementId);
      return this;
    }

    /** Replaces all entitlement ids. */
    public Builder entitlementIds(java.util.Collection<String> ids) {
      entitlementIds.clear();
      ids.forEach(this::entitlement);
      return this;
    }

    public Account build() {
      return new Account(applicationId, id, externalId, userName, attributes, active, entitlementIds);
    }
  }
}
