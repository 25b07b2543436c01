package dev.usher.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.plan.OperationType;
import dev.usher.core.source.SnapshotStore;
import dev.usher.core.store.IncompatibleSchemaException;
import dev.usher.core.store.Link;
import dev.usher.core.store.PendingOperation;
import dev.usher.core.store.StateStore;
import dev.usher.core.store.StateStoreContractTest;
import dev.usher.core.store.StateStoreException;
import dev.usher.core.store.WorkLeases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The contract, plus what a database-backed store adds: schema, durability, lost connections. */
abstract class JdbcStateStoreContractTest extends StateStoreContractTest {
  private final List<JdbcStateStore> opened = new ArrayList<>();
  private JdbcStateStore leaseStore;

  /** The database this test class works in, shared by the stores a test opens. */
  protected abstract DataSource database();

  /** A database of its own, with no Usher tables yet, for schema tests. */
  protected abstract DataSource emptyDatabase();

  protected JdbcStateStore open(DataSource ds) {
    JdbcStateStore s = JdbcStateStore.builder().dataSource(ds).clock(clock).build();
    opened.add(s);
    return s;
  }

  @Override
  protected StateStore openStore() {
    return open(database());
  }

  @Override
  protected SnapshotStore snapshots(String tenantId) {
    return open(database()).snapshots(tenantId);
  }

  @Override
  protected WorkLeases leases(String nodeId, Duration duration) {
    if (leaseStore == null) {
      leaseStore = open(database());
    }
    return leaseStore.workLeases(nodeId, duration);
  }

  @AfterEach
  void closeStores() {
    opened.forEach(JdbcStateStore::close);
  }

  static void execute(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  @Test
  void createsItsSchemaAndRecordsTheVersion() {
    JdbcStateStore s = open(emptyDatabase());

    assertThat(s.schemaVersion()).isEqualTo(JdbcStateStore.SCHEMA_VERSION).isEqualTo(2);
  }

  @Test
  void openingAgainLeavesTheSchemaAndTheStateAlone() {
    DataSource ds = emptyDatabase();
    open(ds).saveLink(tenant, Link.of("github", "E1", "a1", T0));

    JdbcStateStore again = open(ds);

    assertThat(again.schemaVersion()).isEqualTo(2);
    assertThat(again.link(tenant, "github", "E1")).isPresent();
  }

  @Test
  void aVersion1DatabaseIsUpgradedKeepingItsStateAndGainsSourceSnapshots() throws SQLException {
    DataSource ds = emptyDatabase();
    try (Connection c = ds.getConnection()) {
      Migrations.migrate(c, Dialect.of(c), T0, Migrations.SCRIPTS.subList(0, 1), "test");
    }
    execute(ds, "INSERT INTO usher_tenant (tenant_id, last_source_size, updated_at)"
        + " VALUES ('" + tenant + "', 41, CURRENT_TIMESTAMP)");

    JdbcStateStore upgraded = open(ds);

    assertThat(upgraded.schemaVersion()).isEqualTo(2);
    assertThat(upgraded.lastSourceSize(tenant)).hasValue(41);
    upgraded.snapshots(tenant).save("hr", new dev.usher.core.source.RememberedUsers(T0, java.util.Map.of(), "t"));
    assertThat(open(ds).snapshots(tenant).load("hr")).get().extracting(r -> r.changeToken()).isEqualTo("t");
  }

  @Test
  void refusesASchemaWrittenByANewerUsher() throws SQLException {
    DataSource ds = emptyDatabase();
    open(ds);
    execute(ds, "INSERT INTO usher_schema_version (version, description, applied_at)"
        + " VALUES (7, 'from the future', CURRENT_TIMESTAMP)");

    assertThatThrownBy(() -> open(ds))
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessageContaining("schema")
        .hasMessageContaining("version 7")
        .hasMessageContaining("newer than this Usher knows (up to version 2)")
        .satisfies(e -> {
          assertThat(((IncompatibleSchemaException) e).foundVersion()).isEqualTo(7);
          assertThat(((IncompatibleSchemaException) e).supportedVersion()).isEqualTo(2);
        });
  }

  @Test
  void stateSurvivesANewStoreOverTheSameDatabase() {
    store().saveLink(tenant, richLink("github", "E1", "a1"));
    PendingOperation p = new PendingOperation("run/1", "github", "github/E2/create", OperationType.CREATE,
        "E2", null, T0);
    store().beginPending(tenant, p);

    StateStore next = openStore();

    assertThat(next.link(tenant, "github", "E1")).contains(richLink("github", "E1", "a1"));
    assertThat(next.pending(tenant)).containsExactly(p);
  }

  @Test
  void refusesABlankTenantNamingTheField() {
    assertThatThrownBy(() -> store().link(" ", "github", "E1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenantId");
  }

  @Test
  void aLostConnectionIsAClearErrorAndLeavesTheJournalConsistent() {
    CuttableDataSource ds = new CuttableDataSource(database());
    JdbcStateStore s = open(ds);
    PendingOperation written = new PendingOperation("run/1", "github", "github/E1/create", OperationType.CREATE,
        "E1", null, T0);
    PendingOperation refused = new PendingOperation("run/2", "github", "github/E2/create", OperationType.CREATE,
        "E2", null, T0);
    s.beginPending(tenant, written);

    ds.cut();
    assertThatThrownBy(() -> s.beginPending(tenant, refused))
        .isInstanceOfSatisfying(StateStoreException.class, e -> {
          assertThat(e.connectionLost()).isTrue();
          assertThat(e.sqlState()).isEqualTo("08006");
        })
        .hasMessageContaining("lost the connection to the database")
        .hasMessageContaining("journal entry 'run/2'")
        .hasMessageContaining("tenant '" + tenant + "'");
    assertThatThrownBy(() -> s.completePending(tenant, "run/1"))
        .isInstanceOf(StateStoreException.class).hasMessageContaining("complete journal entry 'run/1'");

    ds.restore();
    assertThat(s.pending(tenant)).containsExactly(written);
  }

  @Test
  void aConnectionLostBeforeCommitRollsTheWholeCallBack() {
    CuttableDataSource ds = new CuttableDataSource(database());
    JdbcStateStore s = open(ds);
    var ops = List.of(
        new dev.usher.core.plan.StagedOperation(delete("github", "E1", "a1"), "safety.maxDeletes"),
        new dev.usher.core.plan.StagedOperation(delete("github", "E2", "a2"), "safety.maxDeletes"),
        new dev.usher.core.plan.StagedOperation(delete("github", "E3", "a3"), "safety.maxDeletes"));

    ds.cutAfter(3);   // connection and both statements work, every row is written, then the commit fails
    assertThatThrownBy(() -> s.saveStaged(tenant, ops))
        .isInstanceOf(StateStoreException.class).hasMessageContaining("stage 3 operation(s)");

    ds.restore();
    assertThat(s.staged(tenant)).isEmpty();
  }

  @Test
  void prunesCompletedJournalEntriesButNeverPendingOnes() {
    JdbcStateStore s = open(database());
    s.beginPending(tenant, new PendingOperation("old", "github", "github/E1/create", OperationType.CREATE,
        "E1", null, T0));
    s.beginPending(tenant, new PendingOperation("open", "github", "github/E2/create", OperationType.CREATE,
        "E2", null, T0));
    s.completePending(tenant, "old");
    clock.advance(Duration.ofDays(31));

    int pruned = s.pruneJournal(clock.instant().minus(Duration.ofDays(30)));

    assertThat(pruned).isGreaterThanOrEqualTo(1);
    assertThat(s.pending(tenant)).extracting(PendingOperation::id).containsExactly("open");
  }
}
