package dev.usher.scim.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.usher.core.store.Link;
import dev.usher.core.store.jdbc.JdbcStateStore;
import dev.usher.testkit.scim.FakeScimServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A child JVM applying 5,000 creates to the testkit's fake SCIM server through the SCIM
 * connector, with its state in PostgreSQL, is killed with SIGKILL mid-run; a new process
 * resumes from the journal and links and converges: one SCIM user per person, none created
 * twice, none missing, every one linked, the journal empty.
 *
 * <p>Needs {@code USHER_TEST_PG_URL} / {@code USHER_TEST_PG_USER} ({@code . .ci/postgres.sh});
 * skipped without them, failed without them when {@code CI=true}.
 */
class ScimCrashRecoveryTest {
  private static final int USERS = 5_000;
  private static final String TOKEN = "crash-test-token";

  @Test
  void aProcessKilledMidRunIsResumedWithoutDuplicateOrMissingScimUsers() throws Exception {
    String url = System.getenv("USHER_TEST_PG_URL");
    if (url == null || url.isBlank()) {
      String why = "no PostgreSQL configured: set USHER_TEST_PG_URL and USHER_TEST_PG_USER"
          + " (`. .ci/postgres.sh` starts a throw-away server and exports them)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("CI=true but " + why);
      }
      Assumptions.abort(why);
    }
    String user = System.getenv().getOrDefault("USHER_TEST_PG_USER", "postgres");
    String schema = "usher_scim_crash_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    sql(url, user, "CREATE SCHEMA " + schema);
    try (FakeScimServer server = FakeScimServer.builder().bearerToken(TOKEN).start()) {
      String[] args = {server.baseUrl(), TOKEN, url, user, schema, String.valueOf(USERS)};

      Process first = start(args);
      List<String> firstOut = collect(first);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (server.users().size() < USERS / 5 && System.nanoTime() < deadline && first.isAlive()) {
        Thread.sleep(2);
      }
      first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      int createdBeforeKill = server.users().size();
      assertThat(firstOut).as("killed mid-run: %s", firstOut).noneMatch(l -> l.startsWith("applied "));
      assertThat(createdBeforeKill).isBetween(1, USERS - 1);

      Process second = start(args);
      List<String> secondOut = collect(second);
      assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("second run finished: %s", secondOut).isTrue();
      Thread.sleep(200);   // the reader thread drains the last lines
      assertThat(second.exitValue()).as(String.join("\n", secondOut)).isZero();
      assertThat(secondOut).as(String.join("\n", secondOut)).contains("pending after 0");

      List<ObjectNode> scimUsers = server.users();
      Map<String, Long> perExternalId = scimUsers.stream()
          .collect(Collectors.groupingBy(u -> u.path("externalId").asText(), Collectors.counting()));
      assertThat(scimUsers).as("one SCIM user per person").hasSize(USERS);
      assertThat(perExternalId).hasSize(USERS).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
      long posts = server.requests().stream()
          .filter(r -> r.method().equals("POST") && r.path().endsWith("/Users")).count();
      assertThat(posts).as("no user was POSTed twice").isEqualTo(USERS);

      Map<String, String> idByExternalId = scimUsers.stream()
          .collect(Collectors.toMap(u -> u.path("externalId").asText(), u -> u.path("id").asText()));
      JdbcConnectionPool pool = ScimCrashNode.pool(url, user, schema);
      try (JdbcStateStore store = JdbcStateStore.builder().dataSource(pool).build()) {
        Map<String, Link> links = store.links(ScimCrashNode.TENANT, ScimCrashNode.APP);
        assertThat(links.values().stream().collect(Collectors.toMap(Link::userId, Link::accountId)))
            .as("every person linked to their one SCIM user").isEqualTo(idByExternalId);
        assertThat(store.pending(ScimCrashNode.TENANT)).isEmpty();
      } finally {
        pool.dispose();
      }
    } finally {
      sql(url, user, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private static Process start(String[] args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        ScimCrashNode.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  private static List<String> collect(Process p) {
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (java.io.IOException ignored) {
        // the process died
      }
    });
    t.setDaemon(true);
    t.start();
    return lines;
  }

  private static void sql(String url, String user, String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, ""); Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }

}
