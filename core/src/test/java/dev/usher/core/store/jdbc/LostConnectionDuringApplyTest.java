package dev.usher.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.Usher;
import dev.usher.core.model.User;
import dev.usher.core.plan.Plan;
import dev.usher.core.policy.Policy;
import dev.usher.core.store.JournalRecovery;
import dev.usher.core.store.Link;
import dev.usher.core.store.PendingOperation;
import dev.usher.core.store.StateStoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database connection breaks in the middle of an apply: the apply fails with the store's
 * clear error, the journal holds only whole entries, and the next run (after journal recovery)
 * converges without duplicates.
 */
class LostConnectionDuringApplyTest {
  @TempDir Path dir;

  @Test
  void aConnectionLostMidApplyFailsTheRunClearlyAndTheNextRunConverges() throws Exception {
    JdbcConnectionPool h2 = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("state") + ";WRITE_DELAY=0", "sa", "");
    CuttableDataSource ds = new CuttableDataSource(h2);
    List<User> users = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      users.add(User.builder("E" + i).userName("user" + i).build());
    }
    Policy policy = Policy.builder("ledger").map("userName", User::userName).map("externalId", User::id)
        .correlate("externalId", "user.id").build();
    try (JdbcStateStore store = JdbcStateStore.builder().dataSource(ds).build();
         LedgerConnector ledger = new LedgerConnector("ledger", dir.resolve("ledger.tsv"))) {
      Usher usher = Usher.builder().tenantId("acme").stateStore(store).users(users)
          .application("ledger", ledger, policy).executor(Runnable::run).build();
      Plan plan = usher.plan();

      ds.cutAfter(30);   // about ten operations in: each takes a few statements
      assertThatThrownBy(() -> usher.apply(plan))
          .satisfies(e -> assertThat(causes(e)).anySatisfy(c -> {
            assertThat(c).isInstanceOf(StateStoreException.class)
                .hasMessageContaining("lost the connection to the database")
                .hasMessageContaining("tenant 'acme'");
            assertThat(((StateStoreException) c).connectionLost()).isTrue();
          }));

      ds.restore();
      List<PendingOperation> left = store.pending("acme");
      assertThat(left).allSatisfy(p -> {
        assertThat(p.applicationId()).isEqualTo("ledger");
        assertThat(p.userId()).startsWith("E");
      });
      int createdBefore = LedgerConnector.read(dir.resolve("ledger.tsv")).size();
      assertThat(createdBefore).isBetween(1, 39);

      JournalRecovery.resolve(store, "acme", Map.of("ledger", ledger));
      assertThat(usher.apply(usher.plan()).isSuccess()).isTrue();
      JournalRecovery.resolve(store, "acme", Map.of("ledger", ledger));

      List<String[]> accounts = LedgerConnector.read(dir.resolve("ledger.tsv"));
      Set<String> externalIds = accounts.stream().map(a -> a[2]).collect(Collectors.toSet());
      assertThat(accounts).hasSize(40);
      assertThat(externalIds).hasSize(40);
      assertThat(store.links("acme", "ledger").values()).extracting(Link::userId).hasSize(40);
      assertThat(store.pending("acme")).isEmpty();
    } finally {
      h2.dispose();
    }
  }

  private static List<Throwable> causes(Throwable e) {
    List<Throwable> out = new ArrayList<>();
    for (Throwable t = e; t != null && !out.contains(t); t = t.getCause()) {
      out.add(t);
      for (Throwable s : t.getSuppressed()) {
        out.add(s);
      }
    }
    return out;
  }
}
