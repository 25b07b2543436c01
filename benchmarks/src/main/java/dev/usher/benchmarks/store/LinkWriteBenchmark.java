package dev.usher.benchmarks.store;

import dev.usher.core.model.AttributeValue;
import dev.usher.core.store.Link;
import dev.usher.core.store.jdbc.JdbcStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcConnectionPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * Links written per second by {@link JdbcStateStore#saveLink}: each call is one committed
 * upsert of a new link with four last-applied values, as the engine writes after a create.
 *
 * <p>{@code database=h2}: the embedded file store ({@link JdbcStateStore#embedded}), which
 * writes every commit through to its file. {@code database=postgresql}: the server at
 * {@code USHER_BENCH_PG_URL} (or {@code USHER_TEST_PG_URL}), user {@code USHER_BENCH_PG_USER}
 * (or {@code USHER_TEST_PG_USER}), through a small connection pool; {@code . .ci/postgres.sh}
 * starts one (with fsync off: it measures Usher's path, not the disk). Run with
 * {@code -t 4} to see several threads writing at once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LinkWriteBenchmark {

  @Param({"h2", "postgresql"})
  public String database;

  private JdbcStateStore store;
  private JdbcConnectionPool pool;
  private Path dir;
  private String tenant;
  private final AtomicLong next = new AtomicLong();
  private final Instant now = Instant.parse("2026-12-03T10:00:00Z");
  private final Map<String, AttributeValue> applied = Map.of(
      "email", AttributeValue.of("someone@example.com"),
      "title", AttributeValue.of("Site Reliability Engineer"),
      "department", AttributeValue.of("Engineering"),
      "level", AttributeValue.of(7));

  @Setup(Level.Trial)
  public void open() throws IOException {
    tenant = "bench-" + UUID.randomUUID();
    if (database.equals("h2")) {
      dir = Files.createTempDirectory("usher-bench-h2");
      store = JdbcStateStore.embedded(dir);
      return;
    }
    String url = env("USHER_BENCH_PG_URL", "USHER_TEST_PG_URL");
    if (url == null) {
      throw new IllegalStateException("database=postgresql needs USHER_BENCH_PG_URL or USHER_TEST_PG_URL"
          + " (`. .ci/postgres.sh` starts a server and exports USHER_TEST_PG_URL)");
    }
    String user = env("USHER_BENCH_PG_USER", "USHER_TEST_PG_USER");
    PGConnectionPoolDataSource ds = new PGConnectionPoolDataSource();
    ds.setURL(url);
    ds.setUser(user == null ? "postgres" : user);
    pool = JdbcConnectionPool.create(ds);
    pool.setMaxConnections(16);
    store = JdbcStateStore.builder().dataSource(pool).build();
  }

  private static String env(String first, String second) {
    String v = System.getenv(first);
    return v != null && !v.isBlank() ? v : System.getenv(second);
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    store.close();
    if (pool != null) {
      pool.dispose();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Benchmark
  public void saveLink() {
    long n = next.incrementAndGet();
    store.saveLink(tenant, Link.of("github", "E" + n, "acct-" + n, now).withLastApplied(applied));
  }
}
