package dev.usher.core.store.jdbc;

import dev.usher.core.Usher;
import dev.usher.core.engine.ApplyResult;
import dev.usher.core.model.User;
import dev.usher.core.plan.Plan;
import dev.usher.core.policy.Policy;
import dev.usher.core.store.JournalRecovery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The process {@link CrashRecoveryTest} kills: reconciles N users into a {@link LedgerConnector}
 * with the state in an embedded H2 store, through the real {@link Usher} facade.
 *
 * <p>Arguments: the store ({@code h2:<directory>} for the embedded store, {@code pg:<schema>}
 * for PostgreSQL at {@code USHER_TEST_PG_URL}), ledger file, number of users.
 */
public final class CrashNode {
  static final String TENANT = "acme";
  static final String APP = "ledger";

  public static void main(String[] args) throws Exception {
    String storeSpec = args[0];
    Path ledger = Path.of(args[1]);
    int count = Integer.parseInt(args[2]);
    List<User> users = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      String id = String.format("E%05d", i);
      users.add(User.builder(id).userName("user" + id.toLowerCase()).givenName("Given" + i).familyName("Family" + i)
          .email(id.toLowerCase() + "@example.com").build());
    }
    Policy policy = Policy.builder(APP)
        .map("userName", User::userName)
        .map("externalId", User::id)
        .correlate("externalId", "user.id")
        .build();
    try (JdbcStateStore store = open(storeSpec);
         LedgerConnector connector = new LedgerConnector(APP, ledger)) {
      JournalRecovery.Report recovered = JournalRecovery.resolve(store, TENANT, Map.of(APP, connector));
      System.out.println("recovered " + recovered.resolved().size() + " kept " + recovered.stillPending().size());
      Usher usher = Usher.builder().tenantId(TENANT).stateStore(store).users(users)
          .application(APP, connector, policy).build();
      Plan plan = usher.plan();
      System.out.println("plan " + plan.operations().size() + " operations");
      ApplyResult result = usher.apply(plan);
      System.out.println("applied " + result.counts());
      // What this run resolved by linking instead of creating is complete now; the next start would find the same.
      JournalRecovery.resolve(store, TENANT, Map.of(APP, connector));
      System.out.println("pending after " + store.pending(TENANT).size());
    }
  }

  /** The store a spec names: {@code h2:<directory>} or {@code pg:<schema>}. */
  static JdbcStateStore open(String spec) {
    if (spec.startsWith("h2:")) {
      return JdbcStateStore.embedded(Path.of(spec.substring(3)));
    }
    org.h2.jdbcx.JdbcConnectionPool pool = PostgresTestDatabase.pool(spec.substring(3), 8);
    JdbcStateStore store = JdbcStateStore.builder().dataSource(pool).build();
    Runtime.getRuntime().addShutdownHook(new Thread(pool::dispose));
    return store;
  }
}
