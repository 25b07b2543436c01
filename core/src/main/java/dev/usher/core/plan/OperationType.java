package dev.usher.core.plan;

import java.util.Locale;

/**
 * The kind of an {@link Operation}. Declaration order is the order in which one user's
 * operations in one application run: link and create first, grants after creates, revokes
 * before disable or delete.
 */
public enum OperationType {
  /** Remember that a user owns an existing account (state only; nothing is sent). */
  LINK,
  /** Create the account. */
  CREATE,
  /** Change attributes of the account. */
  UPDATE,
  /** Enable a disabled account. */
  ENABLE,
  /** Take an entitlement from the account. */
  REVOKE,
  /** Give the account an entitlement. */
  GRANT,
  /** Disable the account. */
  DISABLE,
  /** Delete the account. */
  DELETE,
  /** Forget a link whose account is gone (state only; nothing is sent). */
  UNLINK;

  /** True for disable and delete: what safety thresholds count. */
  public boolean isDeprovisioning() {
    return this == DISABLE || this == DELETE;
  }

  /** True when the operation only changes Usher's state, not the application. */
  public boolean isStateOnly() {
    return this == LINK || this == UNLINK;
  }

  /** Lower-case name, as printed in summaries and ids. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
