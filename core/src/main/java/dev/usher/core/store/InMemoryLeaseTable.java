package dev.usher.core.store;

import dev.usher.core.store.internal.Leasing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link WorkLeases} for nodes inside one JVM (tests, and a single service that runs several
 * workers): one table of leases that many {@link #node node views} share.
 *
 * <pre>{@code
 * InMemoryLeaseTable table = new InMemoryLeaseTable(clock);
 * WorkLeases a = table.node("a", Duration.ofSeconds(30));
 * WorkLeases b = table.node("b", Duration.ofSeconds(30));
 * a.claim("acme", List.of(WorkUnit.of("github")), 1);   // a holds github
 * b.claim("acme", List.of(WorkUnit.of("github")), 1);   // empty until a's lease runs out
 * }</pre>
 */
public final class InMemoryLeaseTable {
  private final Clock clock;
  private final Map<String, Lease> leases = new HashMap<>();
  private final Map<String, Long> tokens = new HashMap<>();

  public InMemoryLeaseTable(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The leases of one node. */
  public WorkLeases node(String nodeId, Duration leaseDuration) {
    return new Node(Leasing.requireNodeId(nodeId), Leasing.requireDuration(leaseDuration));
  }

  private static String key(String tenantId, WorkUnit unit) {
    return tenantId + "\u0000" + unit.key();
  }

  private final class Node implements WorkLeases {
    private final String nodeId;
    private final Duration duration;

    Node(String nodeId, Duration duration) {
      this.nodeId = nodeId;
      this.duration = duration;
    }

    @Override
    public String nodeId() {
      return nodeId;
    }

    @Override
    public Duration leaseDuration() {
      return duration;
    }

    @Override
    public List<Lease> claim(String tenantId, Collection<WorkUnit> units, int max) {
      List<WorkUnit> wanted = Leasing.requireClaim(tenantId, units, max);
      synchronized (InMemoryLeaseTable.this) {
        Instant now = clock.instant();
        Instant until = now.plus(duration);
        List<Lease> out = new ArrayList<>();
        // Renew what this node holds first, so that max counts them.
        for (WorkUnit u : wanted) {
          Lease held = leases.get(key(tenantId, u));
          if (out.size() < max && held != null && held.owner().equals(nodeId) && held.isLiveAt(now)) {
            Lease renewed = new Lease(tenantId, u, nodeId, until, held.token());
            leases.put(key(tenantId, u), renewed);
            out.add(renewed);
          }
        }
        for (WorkUnit u : wanted) {
          if (out.size() >= max) {
            break;
          }
          String k = key(tenantId, u);
          Lease held = leases.get(k);
          if (held == null || !held.isLiveAt(now)) {
            long token = tokens.merge(k, 1L, Long::sum);
            Lease lease = new Lease(tenantId, u, nodeId, until, token);
            leases.put(k, lease);
            out.add(lease);
          }
        }
        out.sort(Comparator.comparingInt(l -> wanted.indexOf(l.unit())));
        return List.copyOf(out);
      }
    }

    @Override
    public Optional<Lease> renew(Lease lease) {
      Objects.requireNonNull(lease, "lease");
      synchronized (InMemoryLeaseTable.this) {
        Instant now = clock.instant();
        String k = key(lease.tenantId(), lease.unit());
        Lease held = leases.get(k);
        if (held == null || !held.owner().equals(nodeId) || held.token() != lease.token()
            || !held.isLiveAt(now)) {
          return Optional.empty();
        }
        Lease renewed = new Lease(lease.tenantId(), lease.unit(), nodeId, now.plus(duration), held.token());
        leases.put(k, renewed);
        return Optional.of(renewed);
      }
    }

    @Override
    public void release(Lease lease) {
      Objects.requireNonNull(lease, "lease");
      synchronized (InMemoryLeaseTable.this) {
        String k = key(lease.tenantId(), lease.unit());
        Lease held = leases.get(k);
        if (held != null && held.owner().equals(nodeId) && held.token() == lease.token()) {
          leases.remove(k);
        }
      }
    }

    @Override
    public List<Lease> leases(String tenantId) {
      Leasing.requireTenant(tenantId);
      synchronized (InMemoryLeaseTable.this) {
        Instant now = clock.instant();
        return leases.values().stream()
            .filter(l -> l.tenantId().equals(tenantId) && l.isLiveAt(now))
            .sorted(Comparator.comparing(l -> l.unit().key()))
            .toList();
      }
    }

    @Override
    public String toString() {
      return "WorkLeases[" + nodeId + ", in memory]";
    }
  }
}
