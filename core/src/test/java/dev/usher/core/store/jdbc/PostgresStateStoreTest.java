package dev.usher.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.plan.OperationType;
import dev.usher.core.store.PendingOperation;
import dev.usher.core.store.StateStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a real PostgreSQL server ({@code USHER_TEST_PG_URL}); skipped with a
 * message when none is configured, failed when {@code CI=true}.
 */
class PostgresStateStoreTest extends JdbcStateStoreContractTest {
  private static String schema;
  private static JdbcConnectionPool shared;
  private final List<String> schemas = new ArrayList<>();
  private final List<JdbcConnectionPool> pools = new ArrayList<>();

  @BeforeAll
  static void connect() {
    PostgresTestDatabase.require();
    schema = PostgresTestDatabase.newSchema("usher_contract");
    shared = PostgresTestDatabase.pool(schema, 16);
  }

  @AfterAll
  static void dropShared() {
    if (shared != null) {
      shared.dispose();
      PostgresTestDatabase.dropSchema(schema);
    }
  }

  @Override
  protected DataSource database() {
    return shared;
  }

  @Override
  protected DataSource emptyDatabase() {
    String s = PostgresTestDatabase.newSchema("usher_empty");
    schemas.add(s);
    JdbcConnectionPool p = PostgresTestDatabase.pool(s, 4);
    pools.add(p);
    return p;
  }

  @AfterEach
  void dropEmpty() {
    pools.forEach(JdbcConnectionPool::dispose);
    schemas.forEach(PostgresTestDatabase::dropSchema);
  }

  @Test
  void aServerThatKillsTheSessionSurfacesAsALostConnection() throws Exception {
    // One connection, so the session the server kills is the store's.
    JdbcConnectionPool single = PostgresTestDatabase.pool(schema, 1);
    pools.add(single);
    JdbcStateStore s = open(single);
    PendingOperation first = new PendingOperation("run/1", "github", "github/E1/create", OperationType.CREATE,
        "E1", null, T0);
    s.beginPending(tenant, first);
    int pid;
    try (Connection c = single.getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      pid = rs.getInt(1);
    }
    try (Connection admin = shared.getConnection();
         PreparedStatement ps = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
      ps.setInt(1, pid);
      ps.execute();
    }

    assertThatThrownBy(() -> s.beginPending(tenant, new PendingOperation("run/2", "github", "github/E2/create",
        OperationType.CREATE, "E2", null, T0)))
        .isInstanceOfSatisfying(StateStoreException.class, e -> assertThat(e.connectionLost()).isTrue())
        .hasMessageContaining("lost the connection to the database while trying to write journal entry 'run/2'");

    JdbcStateStore fresh = open(shared);
    assertThat(fresh.pending(tenant)).containsExactly(first);
  }
}
