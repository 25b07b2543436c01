package dev.usher.core.store;

import dev.usher.core.ProvisioningException;
import org.jspecify.annotations.Nullable;

/**
 * The state store could not do what was asked: the database is unreachable, the connection
 * was lost, a statement failed, or the schema does not fit this version of Usher. The message
 * names what was being done, for which tenant, and what the database said.
 *
 * <p>A failure leaves the store as it was before the call: each call is one transaction, so
 * a journal entry is either written whole or not at all.
 *
 * <pre>{@code
 * try {
 *   store.beginPending("acme", entry);
 * } catch (StateStoreException e) {
 *   if (e.connectionLost()) { ... do not send the operation; try again later ... }
 * }
 * }</pre>
 */
public class StateStoreException extends ProvisioningException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String sqlState;
  private final boolean connectionLost;

  public StateStoreException(String message) {
    this(message, null, false, null);
  }

  public StateStoreException(String message, Throwable cause) {
    this(message, null, false, cause);
  }

  /**
   * @param message what failed, for whom, and what the database said
   * @param sqlState the SQLState the driver reported, when there was one
   * @param connectionLost true when the connection to the database failed or was lost
   * @param cause the driver's exception
   */
  public StateStoreException(
      String message, @Nullable String sqlState, boolean connectionLost, @Nullable Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
    this.connectionLost = connectionLost;
  }

  /** The SQLState the database driver reported, when there was one. */
  public @Nullable String sqlState() {
    return sqlState;
  }

  /**
   * True when the database could not be reached or the connection broke: the call's
   * transaction did not commit, and trying again once the database is back is safe.
   */
  public boolean connectionLost() {
    return connectionLost;
  }
}
