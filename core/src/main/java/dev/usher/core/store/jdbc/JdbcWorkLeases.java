package dev.usher.core.store.jdbc;

import dev.usher.core.store.Lease;
import dev.usher.core.store.WorkLeases;
import dev.usher.core.store.WorkUnit;
import dev.usher.core.store.internal.Leasing;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Work leases as rows of {@code usher_lease}. A claim locks the candidate rows with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} (rows another node is claiming right now are
 * skipped, not waited for), then writes owner and expiry in the same transaction.
 */
final class JdbcWorkLeases implements WorkLeases {
  private final JdbcStateStore store;
  private final String nodeId;
  private final Duration duration;

  JdbcWorkLeases(JdbcStateStore store, String nodeId, Duration duration) {
    this.store = store;
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
    if (wanted.isEmpty()) {
      return List.of();
    }
    ensureRows(tenantId, wanted);
    return store.call("claim work leases for node '" + nodeId + "'", tenantId, true, c -> {
      Instant now = now();
      Instant until = now.plus(duration);
      Map<String, long[]> candidates = new HashMap<>();   // unit key -> {token, 1 if ours and live}
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT unit_key, owner, expires_at, token FROM usher_lease WHERE tenant_id = ? AND unit_key IN ("
              + Dialect.marks(wanted.size()) + ") AND (owner IS NULL OR owner = ? OR expires_at <= ?)"
              + " FOR UPDATE SKIP LOCKED")) {
        int i = 1;
        ps.setString(i++, tenantId);
        for (WorkUnit u : wanted) {
          ps.setString(i++, u.key());
        }
        ps.setString(i++, nodeId);
        ps.setObject(i, JdbcStateStore.timestamp(now));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Instant expires = JdbcStateStore.instantOrNull(rs, 3);
            boolean oursAndLive = nodeId.equals(rs.getString(2)) && expires != null && expires.isAfter(now);
            candidates.put(rs.getString(1), new long[] {rs.getLong(4), oursAndLive ? 1 : 0});
          }
        }
      }
      // What this node holds counts first against max; then free units in the order given.
      Set<String> chosen = new HashSet<>();
      for (WorkUnit u : wanted) {
        long[] row = candidates.get(u.key());
        if (row != null && row[1] == 1 && chosen.size() < max) {
          chosen.add(u.key());
        }
      }
      for (WorkUnit u : wanted) {
        if (candidates.containsKey(u.key()) && chosen.size() < max) {
          chosen.add(u.key());
        }
      }
      List<Lease> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE usher_lease SET owner = ?, expires_at = ?, token = ? WHERE tenant_id = ? AND unit_key = ?")) {
        for (WorkUnit u : wanted) {
          if (!chosen.contains(u.key())) {
            continue;
          }
          long[] row = candidates.get(u.key());
          long token = row[1] == 1 ? row[0] : row[0] + 1;
          ps.setString(1, nodeId);
          ps.setObject(2, JdbcStateStore.timestamp(until));
          ps.setLong(3, token);
          ps.setString(4, tenantId);
          ps.setString(5, u.key());
          ps.addBatch();
          out.add(new Lease(tenantId, u, nodeId, until, token));
        }
        if (!out.isEmpty()) {
          ps.executeBatch();
        }
      }
      return List.copyOf(out);
    });
  }

  /** Inserts the missing lease rows, so that claims have rows to lock. */
  private void ensureRows(String tenantId, List<WorkUnit> wanted) {
    store.call("prepare work leases", tenantId, false, c -> {
      Set<String> present = new HashSet<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT unit_key FROM usher_lease WHERE tenant_id = ?"
          + " AND unit_key IN (" + Dialect.marks(wanted.size()) + ")")) {
        ps.setString(1, tenantId);
        for (int i = 0; i < wanted.size(); i++) {
          ps.setString(i + 2, wanted.get(i).key());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            present.add(rs.getString(1));
          }
        }
      }
      for (WorkUnit u : wanted) {
        if (present.contains(u.key())) {
          continue;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO usher_lease (tenant_id, unit_key,"
            + " application_id, from_bucket, to_bucket, owner, expires_at, token) VALUES (?, ?, ?, ?, ?, NULL, NULL, 0)")) {
          ps.setString(1, tenantId);
          ps.setString(2, u.key());
          ps.setString(3, u.applicationId());
          ps.setInt(4, u.fromBucket());
          ps.setInt(5, u.toBucket());
          ps.executeUpdate();
        } catch (SQLException e) {
          if (!"23505".equals(e.getSQLState())) {   // another node inserted it first: fine
            throw e;
          }
        }
      }
      return null;
    });
  }

  @Override
  public Optional<Lease> renew(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    if (!lease.owner().equals(nodeId)) {
      return Optional.empty();
    }
    return store.call("renew the work lease on " + lease.unit() + " for node '" + nodeId + "'", lease.tenantId(), false, c -> {
      Instant now = now();
      Instant until = now.plus(duration);
      try (PreparedStatement ps = c.prepareStatement("UPDATE usher_lease SET expires_at = ? WHERE tenant_id = ?"
          + " AND unit_key = ? AND owner = ? AND token = ? AND expires_at > ?")) {
        ps.setObject(1, JdbcStateStore.timestamp(until));
        ps.setString(2, lease.tenantId());
        ps.setString(3, lease.unit().key());
        ps.setString(4, nodeId);
        ps.setLong(5, lease.token());
        ps.setObject(6, JdbcStateStore.timestamp(now));
        return ps.executeUpdate() == 1
            ? Optional.of(new Lease(lease.tenantId(), lease.unit(), nodeId, until, lease.token()))
            : Optional.<Lease>empty();
      }
    });
  }

  @Override
  public void release(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    store.call("release the work lease on " + lease.unit() + " for node '" + nodeId + "'", lease.tenantId(), false, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE usher_lease SET owner = NULL, expires_at = NULL"
          + " WHERE tenant_id = ? AND unit_key = ? AND owner = ? AND token = ?")) {
        ps.setString(1, lease.tenantId());
        ps.setString(2, lease.unit().key());
        ps.setString(3, nodeId);
        ps.setLong(4, lease.token());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public List<Lease> leases(String tenantId) {
    Leasing.requireTenant(tenantId);
    return store.call("read the work leases", tenantId, false, c -> {
      List<Lease> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT application_id, from_bucket, to_bucket, owner,"
          + " expires_at, token FROM usher_lease WHERE tenant_id = ? AND owner IS NOT NULL AND expires_at > ?"
          + " ORDER BY unit_key")) {
        ps.setString(1, tenantId);
        ps.setObject(2, JdbcStateStore.timestamp(now()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Lease(tenantId, new WorkUnit(rs.getString(1), rs.getInt(2), rs.getInt(3)),
                rs.getString(4), JdbcStateStore.instant(rs, 5), rs.getLong(6)));
          }
        }
      }
      return List.copyOf(out);
    });
  }

  private Instant now() {
    return store.clock().instant().truncatedTo(ChronoUnit.MICROS);
  }

  @Override
  public String toString() {
    return "WorkLeases[" + nodeId + ", " + store.database() + "]";
  }
}
