package dev.usher.core.store.jdbc;

import dev.usher.core.store.Lease;
import dev.usher.core.store.Link;
import dev.usher.core.store.WorkLeases;
import dev.usher.core.store.WorkUnit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * One node of {@link TwoNodesShareWorkTest}, run in a JVM of its own: claims applications one
 * at a time through {@link WorkLeases} on PostgreSQL, "reconciles" each (writes links, renewing
 * its lease between steps), logs when it started and finished, until every application is done.
 *
 * <p>Arguments: schema, tenant, node id, number of applications, lease millis, step millis.
 */
public final class LeaseNode {
  public static void main(String[] args) throws Exception {
    String schema = args[0];
    String tenant = args[1];
    String node = args[2];
    int apps = Integer.parseInt(args[3]);
    Duration lease = Duration.ofMillis(Long.parseLong(args[4]));
    long stepMillis = Long.parseLong(args[5]);
    JdbcConnectionPool pool = PostgresTestDatabase.pool(schema, 4);
    JdbcStateStore store = JdbcStateStore.builder().dataSource(pool).build();
    WorkLeases leases = store.workLeases(node, lease);
    Clock clock = Clock.systemUTC();
    List<WorkUnit> all = new ArrayList<>();
    for (int i = 0; i < apps; i++) {
      all.add(WorkUnit.of(String.format("app-%02d", i)));
    }
    System.out.println("ready " + node);
    while (true) {
      Set<String> done = done(pool);
      List<WorkUnit> remaining = all.stream().filter(u -> !done.contains(u.applicationId())).toList();
      if (remaining.isEmpty()) {
        System.out.println("finished " + node);
        pool.dispose();
        return;
      }
      List<Lease> claimed = leases.claim(tenant, remaining, 1);
      if (claimed.isEmpty()) {
        Thread.sleep(100);
        continue;
      }
      Lease held = claimed.get(0);
      String app = held.unit().applicationId();
      if (done(pool).contains(app)) {   // finished by the other node just before our claim
        leases.release(held);
        continue;
      }
      long logId = logStart(pool, app, node, held.token(), clock);
      System.out.println("working " + app + " token " + held.token());
      boolean lost = false;
      for (int step = 0; step < 6 && !lost; step++) {
        for (int u = 0; u < 5; u++) {
          String user = "U" + step + u;
          store.saveLink(tenant, Link.of(app, user, node + "-" + user, clock.instant()));
        }
        Thread.sleep(stepMillis);
        Optional<Lease> renewed = leases.renew(held);
        if (renewed.isEmpty()) {
          lost = true;
        } else {
          held = renewed.get();
        }
      }
      if (lost) {
        System.out.println("lost " + app);
        continue;
      }
      logEnd(pool, logId, app, node, clock);
      leases.release(held);
      System.out.println("done " + app);
    }
  }

  static Set<String> done(DataSource ds) throws SQLException {
    Set<String> out = new HashSet<>();
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT app FROM work_done");
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  static long logStart(DataSource ds, String app, String node, long token, Clock clock) throws SQLException {
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement(
             "INSERT INTO work_log (app, node, token, started_at) VALUES (?, ?, ?, ?) RETURNING id")) {
      ps.setString(1, app);
      ps.setString(2, node);
      ps.setLong(3, token);
      ps.setObject(4, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static void logEnd(DataSource ds, long id, String app, String node, Clock clock) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("UPDATE work_log SET ended_at = ? WHERE id = ?");
           PreparedStatement done = c.prepareStatement("INSERT INTO work_done (app, node) VALUES (?, ?)")) {
        ps.setObject(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        ps.setLong(2, id);
        ps.executeUpdate();
        done.setString(1, app);
        done.setString(2, node);
        done.executeUpdate();
      }
      c.commit();
    }
  }
}
