package dev.usher.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usher.core.store.Link;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store survives SIGKILL: a process applying creates through the {@link
 * dev.usher.core.Usher} facade, with its state in an H2 file, is killed in the middle; a new
 * process resumes from the store's journal and links and converges: every user has exactly one
 * account, none twice, none missing, and the journal is empty.
 *
 * <p>The target is {@link LedgerConnector}, an append-only file that survives the process. The
 * 5,000-operation crash test against the testkit's fake SCIM server, on PostgreSQL, is
 * {@code dev.usher.scim.crash.ScimCrashRecoveryTest} in the scim-connector module (core's tests
 * cannot depend on the testkit).
 */
class CrashRecoveryTest {
  @TempDir Path dir;

  /** 500 operations: each H2 commit is written through to the file (a few hundred operations a second here). */
  @Test
  void aProcessKilledMidRunOnTheEmbeddedStoreIsResumedWithoutDuplicatesOrLoss() throws Exception {
    killMidRunThenResume("h2:" + dir.resolve("state"), 500);
  }

  private void killMidRunThenResume(String store, int users) throws Exception {
    Path ledger = dir.resolve("ledger.tsv");
    Files.createFile(ledger);

    try (ChildJvm first = ChildJvm.start("first", CrashNode.class, store, ledger.toString(), String.valueOf(users))) {
      first.awaitLine(l -> l.startsWith("plan "), Duration.ofSeconds(60));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (Files.size(ledger) < users / 5 * 50L && System.nanoTime() < deadline) {   // about a fifth created
        Thread.sleep(1);
      }
      first.kill();
      assertThat(first.lines()).as("killed before it finished:\n" + first.output())
          .noneMatch(l -> l.startsWith("applied "));
    }
    int createdBeforeKill = LedgerConnector.read(ledger).size();
    assertThat(createdBeforeKill).isBetween(1, users - 1);

    try (ChildJvm second = ChildJvm.start("second", CrashNode.class, store, ledger.toString(), String.valueOf(users))) {
      assertThat(second.awaitExit(Duration.ofSeconds(90))).as(second.output()).isZero();
      assertThat(second.lines()).as(second.output()).contains("pending after 0");
    }

    List<String[]> accounts = LedgerConnector.read(ledger);
    Map<String, Long> perUser = accounts.stream().collect(Collectors.groupingBy(a -> a[2], Collectors.counting()));
    assertThat(accounts).as("one account per user, each created once").hasSize(users);
    assertThat(perUser).hasSize(users).allSatisfy((user, n) -> assertThat(n).as(user).isEqualTo(1));

    Map<String, String> accountIdByUser = new HashMap<>();
    accounts.forEach(a -> accountIdByUser.put(a[2], a[0]));
    try (JdbcStateStore s = CrashNode.open(store)) {
      Map<String, Link> links = s.links(CrashNode.TENANT, CrashNode.APP);
      assertThat(links.values().stream().collect(Collectors.toMap(Link::userId, Link::accountId)))
          .as("every user linked to the one account created for them").isEqualTo(accountIdByUser);
      assertThat(s.pending(CrashNode.TENANT)).isEmpty();
    }
  }
}
