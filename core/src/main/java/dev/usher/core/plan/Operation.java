package dev.usher.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.usher.core.model.Account;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One step of a {@link Plan}: what to do to which account of which application, and why.
 *
 * <p>Ids are stable and readable: {@code <application>/<user id>/<type>[/<entitlement id>]},
 * or {@code <application>/account:<account id>/<type>} for an account without a user (an
 * orphan). Build operations with the static factories:
 *
 * <pre>{@code
 * Operation grant = Operation.grant("github", "E1001", "42", "team:eng", "Engineering",
 *     new Reason(Situation.LINKED, "entitlementRules[0]", "department is Engineering"));
 * }</pre>
 *
 * @param id stable id, unique within a plan; staged operations are approved by it
 * @param type what to do
 * @param applicationId the application
 * @param userId the user it is for; null for an orphan account
 * @param accountId the application's id of the account; null for a create and for operations
 *     that follow a create of the same user (the engine passes the new id along)
 * @param reason why
 * @param account for a create: the desired account; otherwise null
 * @param changes for an update: each attribute before and after; empty otherwise
 * @param entitlementId for a grant or revoke: the entitlement
 * @param entitlementName for a grant or revoke: the entitlement's display name, for people
 * @param correlation for a create or link: how to find the account again
 * @param fallback what to do instead when the application lacks the capability this needs
 *     (a disable that may become a delete, a delete that may become a disable); null for none
 * @param deferred true when the operation runs after every other operation of the plan
 *     (an update that writes a manager reference to an account created in the same run)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Operation(
    String id,
    OperationType type,
    String applicationId,
    @Nullable String userId,
    @Nullable String accountId,
    Reason reason,
    @Nullable Account account,
    List<ValueChange> changes,
    @Nullable String entitlementId,
    @Nullable String entitlementName,
    List<CorrelationKey> correlation,
    @Nullable OperationType fallback,
    boolean deferred) {

  public Operation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(reason, "reason");
    changes = changes == null ? List.of() : List.copyOf(changes);
    correlation = correlation == null ? List.of() : List.copyOf(correlation);
    if (userId == null && accountId == null) {
      throw new IllegalArgumentException("operation " + id + " names neither a user nor an account");
    }
    if ((type == OperationType.GRANT || type == OperationType.REVOKE) && entitlementId == null) {
      throw new IllegalArgumentException("operation " + id + " (" + type.label() + ") needs an entitlementId");
    }
    if (type == OperationType.CREATE && account == null) {
      throw new IllegalArgumentException("operation " + id + " (create) needs the desired account");
    }
  }

  /** The id an operation of this kind gets: see the class description. */
  public static String idOf(
      String applicationId, @Nullable String userId, @Nullable String accountId,
      OperationType type, @Nullable String entitlementId) {
    String subject = userId != null ? userId : "account:" + accountId;
    return applicationId + "/" + subject + "/" + type.label()
        + (entitlementId != null ? "/" + entitlementId : "");
  }

  private static Operation of(
      OperationType type, String app, @Nullable String userId, @Nullable String accountId,
      Reason reason, @Nullable Account account, List<ValueChange> changes,
      @Nullable String entitlementId, @Nullable String entitlementName,
      List<CorrelationKey> correlation, @Nullable OperationType fallback) {
    return new Operation(idOf(app, userId, accountId, type, entitlementId), type, app, userId,
        accountId, reason, account, changes, entitlementId, entitlementName, correlation, fallback, false);
  }

  /** Creates the desired account for the user. */
  public static Operation create(
      String applicationId, String userId, Account account,
      List<CorrelationKey> correlation, Reason reason) {
    return of(OperationType.CREATE, applicationId, userId, null, reason, account, List.of(),
        null, null, correlation, null);
  }

  /** Changes attributes of the account. */
  public static Operation update(
      String applicationId, String userId, @Nullable String accountId, List<ValueChange> changes, Reason reason) {
    if (changes.isEmpty()) {
      throw new IllegalArgumentException("an update needs at least one change");
    }
    return of(OperationType.UPDATE, applicationId, userId, accountId, reason, null, changes,
        null, null, List.of(), null);
  }

  /** Links the user to an existing account. */
  public static Operation link(
      String applicationId, String userId, String accountId, List<CorrelationKey> correlation, Reason reason) {
    return of(OperationType.LINK, applicationId, userId, accountId, reason, null, List.of(),
        null, null, correlation, null);
  }

  /** Forgets the user's link to an account that is gone. */
  public static Operation unlink(String applicationId, String userId, String accountId, Reason reason) {
    return of(OperationType.UNLINK, applicationId, userId, accountId, reason, null, List.of(),
        null, null, List.of(), null);
  }

  /** Enables the account. */
  public static Operation enable(String applicationId, @Nullable String userId, String accountId, Reason reason) {
    return of(OperationType.ENABLE, applicationId, userId, accountId, reason, null, List.of(),
        null, null, List.of(), null);
  }

  /** Disables the account; {@code fallback} DELETE when the policy allows removal instead. */
  public static Operation disable(
      String applicationId, @Nullable String userId, String accountId,
      @Nullable OperationType fallback, Reason reason) {
    return of(OperationType.DISABLE, applicationId, userId, accountId, reason, null, List.of(),
        null, null, List.of(), fallback);
  }

  /** Deletes the account; {@code fallback} DISABLE when the application cannot delete. */
  public static Operation delete(
      String applicationId, @Nullable String userId, String accountId,
      @Nullable OperationType fallback, Reason reason) {
    return of(OperationType.DELETE, applicationId, userId, accountId, reason, null, List.of(),
        null, null, List.of(), fallback);
  }

  /** Gives the account an entitlement. */
  public static Operation grant(
      String applicationId, String userId, @Nullable String accountId, String entitlementId,
      @Nullable String entitlementName, Reason reason) {
    return of(OperationType.GRANT, applicationId, userId, accountId, reason, null, List.of(),
        entitlementId, entitlementName, List.of(), null);
  }

  /** Takes an entitlement from the account. */
  public static Operation revoke(
      String applicationId, @Nullable String userId, String accountId, String entitlementId,
      @Nullable String entitlementName, Reason reason) {
    return of(OperationType.REVOKE, applicationId, userId, accountId, reason, null, List.of(),
        entitlementId, entitlementName, List.of(), null);
  }

  /** A copy that runs after every other operation, with its id marked as such. */
  public Operation asDeferred() {
    return new Operation(id + "/deferred", type, applicationId, userId, accountId, reason, account,
        changes, entitlementId, entitlementName, correlation, fallback, true);
  }

  /** A copy addressed at this account id. */
  public Operation withAccountId(@Nullable String newAccountId) {
    return new Operation(id, type, applicationId, userId, newAccountId, reason, account, changes,
        entitlementId, entitlementName, correlation, fallback, deferred);
  }

  /** Who it is for: the user id, else {@code account:<id>}. */
  public String subject() {
    return userId != null ? userId : "account:" + accountId;
  }

  /** A one-line description of what the operation does, for tables and logs. */
  public String describe() {
    switch (type) {
      case CREATE:
        return describeAccount(Objects.requireNonNull(account));
      case UPDATE:
        return changes.stream().map(ValueChange::toString).collect(Collectors.joining(", "));
      case GRANT:
      case REVOKE:
        return entitlementName != null && !entitlementName.equals(entitlementId)
            ? entitlementId + " (" + entitlementName + ")" : String.valueOf(entitlementId);
      default:
        return fallback != null ? "or " + fallback.label() + " if unsupported" : "";
    }
  }

  private static String describeAccount(Account a) {
    StringBuilder sb = new StringBuilder();
    if (a.userName() != null) {
      sb.append("userName=").append(a.userName());
    }
    if (a.externalId() != null) {
      sb.append(sb.length() > 0 ? ", " : "").append("externalId=").append(a.externalId());
    }
    a.attributes().forEach((k, v) -> sb.append(sb.length() > 0 ? ", " : "").append(k).append('=').append(v));
    return sb.toString();
  }

  @Override
  public String toString() {
    return id + " [" + reason + "]";
  }
}
