package dev.usher.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A node's right to work on a {@link WorkUnit} until {@link #expiresAt()}. The node renews it
 * while it works; if it dies, the lease runs out and another node may claim the unit.
 *
 * <p>{@link #token()} grows each time the unit changes hands: a node can pass it along with
 * what it writes so that work done under a lost lease is recognisable.
 *
 * <pre>{@code
 * for (Lease lease : leases.claim("acme", WorkUnit.split("google", 4), 2)) {
 *   reconcile(lease.unit());
 *   leases.release(lease);
 * }
 * }</pre>
 *
 * @param tenantId the tenant
 * @param unit the work
 * @param owner the node holding it
 * @param expiresAt when it runs out unless renewed
 * @param token how many times the unit changed hands (fencing token)
 */
public record Lease(String tenantId, WorkUnit unit, String owner, Instant expiresAt, long token) {
  public Lease {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** True while the lease has not run out at this instant. */
  public boolean isLiveAt(Instant now) {
    return now.isBefore(expiresAt);
  }
}
