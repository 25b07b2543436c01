package dev.usher.core.spi;

/** One thing a connector can do in its application. See {@link Capabilities}. */
public enum Capability {
  /** Create accounts. */
  CREATE_ACCOUNT,
  /** Read one account by id. */
  GET_ACCOUNT,
  /** Find accounts by a correlation attribute. */
  FIND_ACCOUNT,
  /** List every account, page by page. */
  LIST_ACCOUNTS,
  /** Change attributes of an account. */
  UPDATE_ACCOUNT,
  /** Disable an account and enable it again. */
  DISABLE_ACCOUNT,
  /** Delete an account (see {@link Capabilities#deleteIsSoft()}). */
  DELETE_ACCOUNT,
  /** List the application's entitlements and read one. */
  LIST_ENTITLEMENTS,
  /** Grant and revoke entitlements. */
  GRANT,
  /** List the entitlements one account holds. */
  LIST_ACCOUNT_GRANTS,
  /** List the accounts that hold one entitlement. */
  LIST_MEMBERS,
  /** Check the connection and credentials with {@link Connector#test()}. */
  TEST_CONNECTION
}
