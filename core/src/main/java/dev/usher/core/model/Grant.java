package dev.usher.core.model;

import jakarta.validation.constraints.NotBlank;
import java.util.Objects;

/**
 * An account holds an entitlement in an application.
 *
 * @param applicationId the application
 * @param accountId the application's id of the account
 * @param entitlementId the application's id of the entitlement
 */
public record Grant(@NotBlank String applicationId, @NotBlank String accountId, @NotBlank String entitlementId) {
  public Grant {
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(entitlementId, "entitlementId");
  }
}
