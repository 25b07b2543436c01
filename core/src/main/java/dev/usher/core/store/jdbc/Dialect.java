package dev.usher.core.store.jdbc;

import dev.usher.core.store.StateStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/** What differs between the databases the JDBC store runs on. */
enum Dialect {
  H2("H2") {
    @Override
    String upsert(String table, List<String> keys, List<String> columns) {
      return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY ("
          + String.join(", ", keys) + ") VALUES (" + marks(columns.size()) + ")";
    }

    @Override
    void lockForMigration(Connection c) {
      // An embedded H2 file belongs to one process; there is no other node to wait for.
    }
  },

  POSTGRESQL("PostgreSQL") {
    @Override
    String upsert(String table, List<String> keys, List<String> columns) {
      String updates = columns.stream().filter(c -> !keys.contains(c))
          .map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
      return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
          + marks(columns.size()) + ") ON CONFLICT (" + String.join(", ", keys) + ") DO UPDATE SET " + updates;
    }

    @Override
    void lockForMigration(Connection c) throws SQLException {
      // A transaction-scoped advisory lock: nodes starting together migrate one after another.
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        ps.setLong(1, MIGRATION_LOCK);
        ps.execute();
      }
    }
  };

  /** Key of the advisory lock taken while migrating ("usher" in ASCII, then 1). */
  static final long MIGRATION_LOCK = 0x7573686572_01L;

  private final String product;

  Dialect(String product) {
    this.product = product;
  }

  /** The database product's name, as people know it. */
  String product() {
    return product;
  }

  /** Inserts a row, or replaces the non-key columns of the row with the same key. */
  abstract String upsert(String table, List<String> keys, List<String> columns);

  /** Serialises concurrent migrations of the same database. */
  abstract void lockForMigration(Connection c) throws SQLException;

  static String marks(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  /** The dialect of the database behind this connection. */
  static Dialect of(Connection c) throws SQLException {
    String name = c.getMetaData().getDatabaseProductName();
    for (Dialect d : values()) {
      if (d.product.equalsIgnoreCase(name)) {
        return d;
      }
    }
    throw new StateStoreException("the JDBC state store runs on H2 and PostgreSQL; the data source is '"
        + name + "'");
  }
}
