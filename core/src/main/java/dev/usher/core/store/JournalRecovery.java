package dev.usher.core.store;

import dev.usher.core.plan.OperationType;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves journal entries left PENDING by a crash, against the applications themselves,
 * before a new run starts. An entry says an operation may or may not have happened:
 *
 * <ul>
 *   <li>a <b>create</b> is complete when the user's link names an account the application
 *       still has (the account was created and remembered); otherwise it stays pending, and
 *       the next apply looks the account up before creating it again (the engine does this
 *       for creates whose entry is pending), so no duplicate is made;
 *   <li><b>link</b> and <b>unlink</b> change only Usher's state: the next plan recomputes them;
 *   <li><b>update, enable, disable, grant, revoke, delete</b> converge: the next plan reads the
 *       application's actual state and asks again for whatever did not happen, and sending
 *       them twice is harmless by the connector contract. They are completed once the
 *       application answers for the account (read back), and kept while it cannot be reached.
 * </ul>
 *
 * <p>With several nodes, pass only the connectors of the applications this node holds leases
 * on: entries of other applications (perhaps in flight on another node) are left alone.
 *
 * <pre>{@code
 * JournalRecovery.Report report = JournalRecovery.resolve(store, "acme", Map.of("github", github));
 * log.info("journal: {} resolved, {} still pending", report.resolved().size(), report.stillPending().size());
 * }</pre>
 */
public final class JournalRecovery {
  private JournalRecovery() {}

  /** What happened to one entry, and why. */
  public record Resolution(PendingOperation entry, boolean completed, String why) {
    public Resolution {
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(why, "why");
    }
  }

  /** The entries completed and those left pending (for the next apply to resolve). */
  public record Report(List<Resolution> resolved, List<Resolution> stillPending) {
    public Report {
      resolved = List.copyOf(resolved);
      stillPending = List.copyOf(stillPending);
    }
  }

  /**
   * Resolves every pending entry of the tenant.
   *
   * @param connectors the applications' connectors by application id; an entry of an
   *     application missing here stays pending
   * @throws StateStoreException when the store cannot be read or written
   */
  public static Report resolve(StateStore store, String tenantId, Map<String, ? extends Connector> connectors) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(connectors, "connectors");
    return resolve(store, tenantId, connectors, store.pending(tenantId));
  }

  /**
   * Resolves these entries, by the same rules, skipping those no longer pending. The engine
   * calls this at the end of an apply for the entries an earlier run left, so the journal
   * empties as soon as the run has made them complete, not at the next start.
   *
   * @throws StateStoreException when the store cannot be read or written
   */
  public static Report resolve(StateStore store, String tenantId, Map<String, ? extends Connector> connectors,
      Collection<PendingOperation> entries) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(connectors, "connectors");
    Objects.requireNonNull(entries, "entries");
    if (entries.isEmpty()) {
      return new Report(List.of(), List.of());
    }
    Set<String> stillPending = new HashSet<>();
    for (PendingOperation p : store.pending(tenantId)) {
      stillPending.add(p.id());
    }
    List<Resolution> done = new ArrayList<>();
    List<Resolution> kept = new ArrayList<>();
    for (PendingOperation p : entries) {
      if (!stillPending.contains(p.id())) {
        continue;
      }
      Resolution r = resolveOne(store, tenantId, p, connectors.get(p.applicationId()));
      if (r.completed()) {
        store.completePending(tenantId, p.id());
        done.add(r);
      } else {
        kept.add(r);
      }
    }
    return new Report(done, kept);
  }

  private static Resolution resolveOne(StateStore store, String tenantId, PendingOperation p, Connector connector) {
    if (p.type().isStateOnly()) {
      return new Resolution(p, true, p.type().label() + " changes only Usher's state; the next plan recomputes it");
    }
    if (connector == null) {
      return new Resolution(p, false, "no connector for application '" + p.applicationId() + "' to read back from");
    }
    try {
      if (p.type() == OperationType.CREATE) {
        Optional<Link> link = p.userId() == null ? Optional.empty() : store.link(tenantId, p.applicationId(), p.userId());
        if (link.isPresent() && connector.get(link.get().accountId()).isPresent()) {
          return new Resolution(p, true, "created: user '" + p.userId() + "' is linked to account '"
              + link.get().accountId() + "', which the application has");
        }
        return new Resolution(p, false, "not known to have happened: the next apply looks the account up"
            + " before creating it");
      }
      if (p.accountId() != null) {
        boolean exists = connector.get(p.accountId()).isPresent();
        return new Resolution(p, true, p.type().label() + " converges: account '" + p.accountId() + "' "
            + (exists ? "is there" : "is gone") + "; the next plan asks again for what did not happen");
      }
      return new Resolution(p, true, p.type().label() + " converges: the next plan asks again for what did not happen");
    } catch (ConnectorException e) {
      return new Resolution(p, false, "could not read back from '" + p.applicationId() + "': " + e.getMessage());
    }
  }
}
