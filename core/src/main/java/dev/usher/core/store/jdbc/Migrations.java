package dev.usher.core.store.jdbc;

import dev.usher.core.store.IncompatibleSchemaException;
import dev.usher.core.store.StateStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates and upgrades the store's schema from versioned SQL scripts on the class path
 * ({@code V<n>__<name>.sql} beside this class), recording each applied version in
 * {@code usher_schema_version}. A database whose version is newer than the newest script is
 * refused.
 */
final class Migrations {

  /** One script: its version, description and resource name. */
  record Script(int version, String description, String resource) {}

  /** Every script, oldest first. A new schema version adds a line here and a file beside this class. */
  static final List<Script> SCRIPTS = List.of(
      new Script(1, "links, staged operations, journal, tenants, work leases", "V1__state_store.sql"),
      new Script(2, "source snapshots for change detection", "V2__source_snapshots.sql"));

  static final int LATEST = SCRIPTS.get(SCRIPTS.size() - 1).version();

  private Migrations() {}

  /**
   * Brings the schema to {@link #LATEST} in one transaction (on PostgreSQL, under an advisory
   * lock, so nodes that start together do not race) and returns the version found before.
   */
  static int migrate(Connection c, Dialect dialect, Instant now, List<Script> scripts, String where)
      throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      dialect.lockForMigration(c);
      try (Statement st = c.createStatement()) {
        st.execute("CREATE TABLE IF NOT EXISTS usher_schema_version ("
            + " version INTEGER NOT NULL PRIMARY KEY,"
            + " description VARCHAR(200) NOT NULL,"
            + " applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
      }
      int found = currentVersion(c);
      int latest = scripts.get(scripts.size() - 1).version();
      if (found > latest) {
        throw new IncompatibleSchemaException("the state store schema in " + where + " is version "
            + found + ", newer than this Usher knows (up to version " + latest + "): it was written by "
            + "a newer Usher. Upgrade Usher on this node, or point it at another database.", found, latest);
      }
      for (Script s : scripts) {
        if (s.version() <= found) {
          continue;
        }
        for (String sql : statements(read(s.resource()))) {
          try (Statement st = c.createStatement()) {
            st.execute(sql);
          } catch (SQLException e) {
            throw new SQLException("schema script " + s.resource() + " failed at: "
                + sql.lines().findFirst().orElse(sql) + " ... : " + e.getMessage(), e.getSQLState(), e);
          }
        }
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO usher_schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
          ps.setInt(1, s.version());
          ps.setString(2, s.description());
          ps.setObject(3, JdbcStateStore.timestamp(now));
          ps.executeUpdate();
        }
      }
      c.commit();
      return found;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** The highest version recorded, 0 for a fresh database. */
  static int currentVersion(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT MAX(version) FROM usher_schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String read(String resource) {
    try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new StateStoreException("schema script " + resource + " is missing from the class path "
            + "(next to " + Migrations.class.getName() + "): the usher-core jar is incomplete");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StateStoreException("could not read schema script " + resource + ": " + e.getMessage(), e);
    }
  }

  /** Splits a script at semicolons that end a line; drops {@code --} comment lines. */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("--") || trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.endsWith(";")) {
        current.append(trimmed, 0, trimmed.length() - 1);
        out.add(current.toString().strip());
        current.setLength(0);
      } else {
        current.append(trimmed).append('\n');
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }
}
