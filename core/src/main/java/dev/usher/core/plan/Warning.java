package dev.usher.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Something a person should look at: the plan did not act on it, or acted cautiously.
 *
 * @param kind what sort of warning
 * @param applicationId the application concerned
 * @param userId the user concerned, if one
 * @param accountId the account concerned, if one
 * @param message what happened and what Usher did about it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Warning(
    Kind kind, String applicationId, @Nullable String userId, @Nullable String accountId, String message) {

  /** The sort of a warning. */
  public enum Kind {
    /** Several accounts match one user, or several users one account: nothing was done. */
    DISPUTED,
    /** The account listing was incomplete: no delete or disable was planned from it. */
    INCOMPLETE_LISTING,
    /** The accounts could not be listed at all: the application was left out of the plan. */
    LISTING_FAILED,
    /** A policy names an entitlement the application does not offer. */
    UNKNOWN_ENTITLEMENT,
    /** The user source shrank more than the policy allows: deprovisioning was staged. */
    SOURCE_SHRINK,
    /** Deletes and disables exceeded the policy's threshold: they were staged. */
    THRESHOLD,
    /** An account no user owns (reported per the orphan policy). */
    ORPHAN,
    /** The application lacks a capability an operation needs. */
    MISSING_CAPABILITY,
    /** A manager reference could not be resolved. */
    UNRESOLVED_MANAGER
  }

  public Warning {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return kind + " " + applicationId + (userId != null ? " user " + userId : "")
        + (accountId != null ? " account " + accountId : "") + ": " + message;
  }
}
