package dev.usher.core.store;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Leases that split reconciliation work between nodes sharing one store: a node claims
 * {@link WorkUnit}s, works on them while renewing, and releases them. A unit is held by at most
 * one node at a time; a node that dies stops renewing, and its leases run out after
 * {@link #leaseDuration()}. The database does the arbitration (row locks); there is no
 * election and no membership protocol.
 *
 * <p>One instance belongs to one node ({@link #nodeId()}); it is thread-safe. Nodes' clocks
 * must agree to well within the lease duration (NTP).
 *
 * <pre>{@code
 * WorkLeases leases = jdbcStore.workLeases("node-a", Duration.ofSeconds(30));
 * List<Lease> mine = leases.claim("acme", units, 2);
 * for (Lease lease : mine) {
 *   ... work, calling leases.renew(lease) well before lease.expiresAt() ...
 *   leases.release(lease);
 * }
 * }</pre>
 */
public interface WorkLeases {

  /** The node these leases are claimed for. */
  String nodeId();

  /** How long a claimed or renewed lease lasts. */
  Duration leaseDuration();

  /**
   * Claims up to {@code max} of these units: those free, those whose lease ran out, and those
   * this node already holds (renewed). Units another node is claiming at this very moment
   * are skipped, not waited for.
   *
   * @param units the units to choose from, in order of preference; units of one application
   *     must not overlap
   * @param max the most leases to hold after the call, counting renewed ones (at least 1)
   * @return the leases this node now holds among {@code units}, in the order given
   * @throws IllegalArgumentException when units of one application overlap or max < 1
   */
  List<Lease> claim(String tenantId, Collection<WorkUnit> units, int max);

  /**
   * Extends a lease this node holds.
   *
   * @return the renewed lease, or empty when it was lost (it ran out and another node took
   *     it, or it was released): the node must stop working on the unit
   */
  Optional<Lease> renew(Lease lease);

  /** Gives the unit up so another node may claim it at once; releasing a lost lease does nothing. */
  void release(Lease lease);

  /** Every live lease of the tenant, by any node, ordered by unit key: to show who does what. */
  List<Lease> leases(String tenantId);
}
