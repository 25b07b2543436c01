package dev.usher.core.store.jdbc;

import dev.usher.core.Usher;
import dev.usher.core.engine.ApplyResult;
import dev.usher.core.model.User;
import dev.usher.core.policy.Policy;
import dev.usher.core.store.JournalRecovery;
import dev.usher.core.store.Lease;
import dev.usher.core.store.WorkLeases;
import dev.usher.core.store.WorkUnit;
import java.nio.file.Path;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * One node of {@link TwoNodesShareWorkTest}, run in a JVM of its own: claims applications one
 * at a time through {@link WorkLeases} on PostgreSQL and reconciles each through the
 * {@link Usher} facade into the application's {@link LedgerConnector} file (renewing its lease
 * meanwhile), logging when it started and finished, until every application is done.
 *
 * <p>Arguments: schema, tenant, node id, number of applications, lease millis, ledger
 * directory, users per application.
 */
public final class LeaseNode {
  public static void main(String[] args) throws Exception {
    String schema = args[0];
    String tenant = args[1];
    String node = args[2];
    int apps = Integer.parseInt(args[3]);
    Duration leaseDuration = Duration.ofMillis(Long.parseLong(args[4]));
    Path ledgers = Path.of(args[5]);
    int userCount = Integer.parseInt(args[6]);
    JdbcConnectionPool pool = PostgresTestDatabase.pool(schema, 8);
    JdbcStateStore store = JdbcStateStore.builder().dataSource(pool).build();
    WorkLeases leases = store.workLeases(node, leaseDuration);
    Clock clock = Clock.systemUTC();
    List<User> users = new ArrayList<>();
    for (int i = 1; i <= userCount; i++) {
      users.add(User.builder(String.format("E%03d", i)).userName("user" + i).build());
    }
    List<WorkUnit> all = new ArrayList<>();
    for (int i = 0; i < apps; i++) {
      all.add(WorkUnit.of(String.format("app-%02d", i)));
    }
    ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "renewer");
      t.setDaemon(true);
      return t;
    });
    System.out.println("ready " + node);
    while (true) {
      Set<String> done = done(pool);
      List<WorkUnit> remaining = all.stream().filter(u -> !done.contains(u.applicationId())).toList();
      if (remaining.isEmpty()) {
        System.out.println("finished " + node);
        renewer.shutdownNow();
        pool.dispose();
        return;
      }
      List<Lease> claimed = leases.claim(tenant, remaining, 1);
      if (claimed.isEmpty()) {
        Thread.sleep(100);
        continue;
      }
      String app = claimed.get(0).unit().applicationId();
      if (done(pool).contains(app)) {   // finished by the other node just before our claim
        leases.release(claimed.get(0));
        continue;
      }
      AtomicReference<Lease> held = new AtomicReference<>(claimed.get(0));
      AtomicBoolean lost = new AtomicBoolean();
      var renewing = renewer.scheduleAtFixedRate(() -> leases.renew(held.get()).ifPresentOrElse(held::set,
          () -> lost.set(true)), leaseDuration.toMillis() / 4, leaseDuration.toMillis() / 4, TimeUnit.MILLISECONDS);
      long logId = logStart(pool, app, node, held.get().token(), clock);
      System.out.println("working " + app + " token " + held.get().token());
      try (LedgerConnector ledger = new LedgerConnector(app, ledgers.resolve(app + ".tsv"))) {
        // Only this application's entries: the other node's in-flight entries are not ours to judge.
        JournalRecovery.resolve(store, tenant, Map.of(app, ledger));
        Policy policy = Policy.builder(app).map("userName", User::userName).map("externalId", User::id)
            .correlate("externalId", "user.id").build();
        Usher usher = Usher.builder().tenantId(tenant).stateStore(store).users(users)
            .application(app, ledger, policy).build();
        ApplyResult result = usher.reconcile();
        JournalRecovery.resolve(store, tenant, Map.of(app, ledger));
        if (!result.isSuccess()) {
          System.out.println("failed " + app + ": " + result.summary());
          continue;
        }
      } finally {
        renewing.cancel(false);
      }
      if (lost.get()) {
        System.out.println("lost " + app);
        continue;
      }
      logEnd(pool, logId, app, node, clock);
      leases.release(held.get());
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
