package dev.usher.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes reconcile the same 20 applications (60 users each, through the {@link
 * dev.usher.core.Usher} facade, into an append-only ledger per application) sharing work
 * through leases on a real PostgreSQL: no application is worked on by both at once, and when
 * one process is killed (SIGKILL) in the middle of an application, the other takes it over once
 * the lease has run out and finishes it without duplicating an account.
 */
class TwoNodesShareWorkTest {
  @TempDir static Path ledgers;

  private static final int APPS = 20;
  private static final int USERS = 60;
  private static final long LEASE_MILLIS = 2_000;
  private static String schema;
  private static JdbcConnectionPool pool;

  @BeforeAll
  static void prepare() throws Exception {
    PostgresTestDatabase.require();
    schema = PostgresTestDatabase.newSchema("usher_nodes");
    pool = PostgresTestDatabase.pool(schema, 4);
    JdbcStateStore.of(pool).close();   // schema migrated once, before the nodes race
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE work_log (id BIGSERIAL PRIMARY KEY, app VARCHAR(50) NOT NULL,"
          + " node VARCHAR(50) NOT NULL, token BIGINT NOT NULL, started_at TIMESTAMPTZ NOT NULL, ended_at TIMESTAMPTZ)");
      st.execute("CREATE TABLE work_done (app VARCHAR(50) PRIMARY KEY, node VARCHAR(50) NOT NULL)");
    }
  }

  @AfterAll
  static void drop() {
    if (pool != null) {
      pool.dispose();
      PostgresTestDatabase.dropSchema(schema);
    }
  }

  record Interval(String app, String node, long token, Instant start, Instant end, boolean finished) {}

  @Test
  void twoProcessesNeverWorkOnOneApplicationAtOnceAndASurvivorTakesOverAKilledOnesWork() throws Exception {
    String tenant = "acme";
    String[] common = {schema, tenant};
    try (ChildJvm a = ChildJvm.start("node-a", LeaseNode.class, common[0], common[1], "node-a",
             String.valueOf(APPS), String.valueOf(LEASE_MILLIS), ledgers.toString(), String.valueOf(USERS));
         ChildJvm b = ChildJvm.start("node-b", LeaseNode.class, common[0], common[1], "node-b",
             String.valueOf(APPS), String.valueOf(LEASE_MILLIS), ledgers.toString(), String.valueOf(USERS))) {
      // Let node-a finish two applications, then kill it in the middle of its third.
      a.awaitLine(l -> l.startsWith("working "), Duration.ofSeconds(30));
      a.awaitLine(l -> l.startsWith("done "), Duration.ofSeconds(30));
      a.awaitLine(l -> l.startsWith("done "), Duration.ofSeconds(30));
      String third = a.awaitLine(l -> l.startsWith("working "), Duration.ofSeconds(30));
      String abandoned = third.split(" ")[1];
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      Path abandonedLedger = ledgers.resolve(third.split(" ")[1] + ".tsv");
      while ((!Files.exists(abandonedLedger) || Files.size(abandonedLedger) == 0) && System.nanoTime() < deadline) {
        Thread.sleep(1);   // until node-a has created the first accounts of its third application
      }
      a.kill();
      Instant killedAt = Instant.now();

      assertThat(b.awaitExit(Duration.ofSeconds(45))).as(b.output()).isZero();
      assertThat(b.lines()).contains("finished node-b", "done " + abandoned);

      List<Interval> log = log(killedAt);
      Map<String, String> done = done();
      assertThat(done).as("every application finished once").hasSize(APPS);
      assertThat(done.get(abandoned)).isEqualTo("node-b");
      assertThat(log).filteredOn(i -> i.node().equals("node-a") && i.finished()).hasSizeGreaterThanOrEqualTo(2);
      assertThat(log).filteredOn(i -> i.node().equals("node-b") && i.finished()).isNotEmpty();

      // The killed node's work on the abandoned application, and the survivor's after it.
      Interval killed = log.stream().filter(i -> i.app().equals(abandoned) && i.node().equals("node-a"))
          .findFirst().orElseThrow();
      Interval takeover = log.stream().filter(i -> i.app().equals(abandoned) && i.node().equals("node-b"))
          .findFirst().orElseThrow();
      assertThat(killed.finished()).isFalse();
      assertThat(takeover.start()).as("node-b waited for node-a's lease to run out").isAfter(killedAt);
      assertThat(takeover.token()).isGreaterThan(killed.token());

      // Every application converged: one account per user, created once, linked, journal empty.
      try (JdbcStateStore store = JdbcStateStore.of(pool)) {
        for (int i = 0; i < APPS; i++) {
          String app = String.format("app-%02d", i);
          List<String[]> accounts = LedgerConnector.read(ledgers.resolve(app + ".tsv"));
          assertThat(accounts).as(app).hasSize(USERS);
          assertThat(accounts.stream().map(x -> x[2]).distinct().count()).as(app).isEqualTo(USERS);
          assertThat(store.links(tenant, app)).as(app).hasSize(USERS);
        }
        assertThat(store.pending(tenant)).isEmpty();
      }

      // No application in the hands of two nodes at once.
      Map<String, List<Interval>> byApp = new HashMap<>();
      log.forEach(i -> byApp.computeIfAbsent(i.app(), k -> new ArrayList<>()).add(i));
      byApp.forEach((app, intervals) -> {
        intervals.sort(Comparator.comparing(Interval::start));
        for (int k = 1; k < intervals.size(); k++) {
          assertThat(intervals.get(k).start()).as("%s: %s overlaps %s", app, intervals.get(k), intervals.get(k - 1))
              .isAfterOrEqualTo(intervals.get(k - 1).end());
        }
      });
    }
  }

  private static List<Interval> log(Instant killedAt) throws Exception {
    List<Interval> out = new ArrayList<>();
    try (Connection c = pool.getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT app, node, token, started_at, ended_at FROM work_log")) {
      while (rs.next()) {
        OffsetDateTime end = rs.getObject(5, OffsetDateTime.class);
        out.add(new Interval(rs.getString(1), rs.getString(2), rs.getLong(3),
            rs.getObject(4, OffsetDateTime.class).toInstant(), end == null ? killedAt : end.toInstant(), end != null));
      }
    }
    return out;
  }

  private static Map<String, String> done() throws Exception {
    Map<String, String> out = new HashMap<>();
    try (Connection c = pool.getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT app, node FROM work_done")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
    }
    return out;
  }
}
