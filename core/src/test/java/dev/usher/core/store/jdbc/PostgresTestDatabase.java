package dev.usher.core.store.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The PostgreSQL server the tests use: {@code USHER_TEST_PG_URL} and {@code USHER_TEST_PG_USER}
 * (as exported by {@code . .ci/postgres.sh}). Without them the tests are skipped, except in CI
 * ({@code CI=true}), where they fail: CI must run them. Each test class works in a schema of
 * its own.
 */
public final class PostgresTestDatabase {
  public static final String URL = "USHER_TEST_PG_URL";
  public static final String USER = "USHER_TEST_PG_USER";

  private PostgresTestDatabase() {}

  /** Skips (or in CI fails) the calling test when no PostgreSQL is configured. */
  public static void require() {
    String url = System.getenv(URL);
    if (url != null && !url.isBlank()) {
      return;
    }
    String why = "no PostgreSQL configured: set " + URL + " and " + USER
        + " (`. .ci/postgres.sh` starts a throw-away server and exports them)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI=true but " + why);
    }
    Assumptions.abort(why);
  }

  public static String url() {
    return System.getenv(URL);
  }

  public static String user() {
    String user = System.getenv(USER);
    return user == null || user.isBlank() ? "postgres" : user;
  }

  /** A new, empty schema with a unique name. */
  public static String newSchema(String prefix) {
    String schema = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(url(), user(), "");
         Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create schema " + schema + " in " + url() + ": " + e, e);
    }
    return schema;
  }

  /** A connection pool whose connections work in this schema. */
  public static JdbcConnectionPool pool(String schema, int maxConnections) {
    PGConnectionPoolDataSource ds = new PGConnectionPoolDataSource();
    ds.setURL(url());
    ds.setUser(user());
    ds.setCurrentSchema(schema);
    JdbcConnectionPool pool = JdbcConnectionPool.create(ds);
    pool.setMaxConnections(maxConnections);
    return pool;
  }

  /** Drops the schema and everything in it. */
  public static void dropSchema(String schema) {
    try (Connection c = DriverManager.getConnection(url(), user(), "");
         Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop schema " + schema + ": " + e, e);
    }
  }
}
