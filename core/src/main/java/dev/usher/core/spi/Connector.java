package dev.usher.core.spi;

import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.Entitlement;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Usher's view of one application: its accounts, its entitlements and who holds them.
 *
 * <p>An implementation serves one configured application (made by its
 * {@link ConnectorProvider}), is thread-safe, and reports what it can do through
 * {@link #capabilities()}. An operation it cannot do throws
 * {@link UnsupportedCapabilityException}; it never silently does nothing. Errors are
 * {@link ConnectorException}s; which subclass tells the engine whether to retry.
 *
 * <p>Contract highlights (the testkit's {@code ConnectorContractTest} checks them):
 * <ul>
 *   <li>{@link #create} of an account whose userName or externalId is taken throws
 *       {@link AlreadyExistsException};
 *   <li>{@link #update}, {@link #enable}, {@link #disable} and {@link #delete} of a missing
 *       account throw {@link NotFoundException}; {@link #get} returns empty;
 *   <li>{@link #grant} of a held entitlement and {@link #revoke} of one not held succeed.
 * </ul>
 */
public interface Connector extends AutoCloseable {

  /** What this connector can do in its application, as configured now. Never null. */
  Capabilities capabilities();

  /**
   * Creates the account and returns it as the application stored it, with its id.
   *
   * @param account the desired account; its {@code id} is ignored
   * @throws AlreadyExistsException when the application already holds a conflicting account
   */
  Account create(Account account);

  /** The account with this application id, or empty when there is none. */
  Optional<Account> get(String accountId);

  /**
   * Accounts whose attribute equals the value: how Usher correlates a user with accounts
   * that already exist. {@code userName} and {@code externalId} address those fields;
   * on a multi-valued attribute (emails) any element may match.
   *
   * @return every match, possibly several (the engine reports those as disputed)
   */
  List<Account> find(String attribute, AttributeValue value);

  /** One page of the application's accounts. */
  Page<Account> listAccounts(PageRequest request);

  /**
   * Applies the changes in order and returns the account afterwards.
   *
   * @throws NotFoundException when the account does not exist
   */
  Account update(String accountId, List<AttributeChange> changes);

  /** Enables a disabled account; enabling an active one succeeds. */
  void enable(String accountId);

  /** Disables the account (it stays, unable to sign in); disabling a disabled one succeeds. */
  void disable(String accountId);

  /**
   * Deletes the account (or, when {@link Capabilities#deleteIsSoft()}, deactivates it for good).
   *
   * @throws NotFoundException when the account does not exist
   */
  void delete(String accountId);

  /** One page of the entitlements the application offers. */
  Page<Entitlement> listEntitlements(PageRequest request);

  /** The entitlement with this id, or empty. */
  Optional<Entitlement> getEntitlement(String entitlementId);

  /**
   * Gives the account the entitlement; granting one it holds succeeds.
   *
   * @throws NotFoundException when the account or entitlement does not exist
   */
  void grant(String accountId, String entitlementId);

  /** Takes the entitlement from the account; revoking one it does not hold succeeds. */
  void revoke(String accountId, String entitlementId);

  /** Ids of the entitlements the account holds. */
  Set<String> grantsOf(String accountId);

  /** One page of the ids of the accounts holding the entitlement. */
  Page<String> members(String entitlementId, PageRequest request);

  /**
   * Checks, against the live application, that it is reachable and accepts the credentials.
   * Separate from configuration validation, which happens when the connector is made.
   *
   * @throws ConnectorException describing what failed
   */
  void test();

  /** Releases connections and threads. Idempotent. */
  @Override
  void close();
}
