package dev.usher.core.store.jdbc;

import dev.usher.core.store.StateStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * An embedded H2 file database with a connection pool, owned by the store that opened it.
 * Loaded only when {@link JdbcStateStore#embedded} is used, after checking that H2 is on the
 * class path, so H2 stays an optional dependency.
 */
final class EmbeddedH2 implements AutoCloseable {
  static final String FILE_NAME = "usher-state";

  private final Path file;
  private final JdbcConnectionPool pool;

  private EmbeddedH2(Path file, JdbcConnectionPool pool) {
    this.file = file;
    this.pool = pool;
  }

  static EmbeddedH2 open(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StateStoreException("could not create the state store directory " + dir + ": " + e, e);
    }
    Path file = dir.resolve(FILE_NAME);
    // WRITE_DELAY=0: a commit reaches the file before the call returns, so a journal entry
    // survives the process being killed right after it was written (H2 defaults to 500 ms).
    String url = "jdbc:h2:file:" + file + ";WRITE_DELAY=0";
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
    pool.setMaxConnections(32);
    try (Connection c = pool.getConnection()) {
      c.isValid(1);
    } catch (SQLException e) {
      pool.dispose();
      String hint = e.getErrorCode() == 90020
          ? " (another process has it open: an embedded database serves one process; nodes that share"
              + " state use PostgreSQL)"
          : "";
      throw new StateStoreException("could not open the embedded state store " + file + ".mv.db" + hint
          + ": " + e.getMessage(), e.getSQLState(), JdbcStateStore.isConnectionLost(e), e);
    }
    return new EmbeddedH2(file, pool);
  }

  DataSource dataSource() {
    return pool;
  }

  Path file() {
    return file;
  }

  @Override
  public void close() {
    pool.dispose();
  }
}
