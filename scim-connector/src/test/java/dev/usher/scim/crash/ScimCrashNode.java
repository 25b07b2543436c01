package dev.usher.scim.crash;

import dev.usher.core.Usher;
import dev.usher.core.engine.ApplyResult;
import dev.usher.core.model.Secret;
import dev.usher.core.model.User;
import dev.usher.core.plan.Plan;
import dev.usher.core.policy.Policy;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.store.JournalRecovery;
import dev.usher.core.store.jdbc.JdbcStateStore;
import dev.usher.scim.ScimConfig;
import dev.usher.scim.ScimConnector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The process {@link ScimCrashRecoveryTest} kills: reconciles N users into the fake SCIM server
 * (which runs in the test's JVM and so outlives this one) through the {@link Usher} facade, with
 * the state in PostgreSQL.
 *
 * <p>Arguments: SCIM base URL, bearer token, PostgreSQL URL, user, schema, number of users.
 */
public final class ScimCrashNode {
  static final String TENANT = "acme";
  static final String APP = "scim-app";

  public static void main(String[] args) throws Exception {
    String baseUrl = args[0];
    Secret token = Secret.of(args[1]);
    int count = Integer.parseInt(args[5]);
    List<User> users = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      String id = String.format("E%05d", i);
      users.add(User.builder(id).userName("user" + id.toLowerCase()).givenName("Given" + i)
          .familyName("Family" + i).email(id.toLowerCase() + "@example.com").build());
    }
    Policy policy = Policy.builder(APP)
        .map("userName", User::userName)
        .map("externalId", User::id)
        .correlate("externalId", "user.id")
        .build();
    JdbcConnectionPool pool = pool(args[2], args[3], args[4]);
    try (JdbcStateStore store = JdbcStateStore.builder().dataSource(pool).build();
         ScimConnector scim = ScimConnector.open(ScimConfig.of(baseUrl, ScimConfig.Auth.bearer(token)),
             ConnectorContext.of(APP))) {
      JournalRecovery.Report recovered = JournalRecovery.resolve(store, TENANT, Map.of(APP, scim));
      System.out.println("recovered " + recovered.resolved().size() + " kept " + recovered.stillPending().size());
      Usher usher = Usher.builder().tenantId(TENANT).stateStore(store).users(users)
          .application(APP, scim, policy).build();
      Plan plan = usher.plan();
      System.out.println("plan " + plan.operations().size() + " operations");
      ApplyResult result = usher.apply(plan);
      System.out.println("applied " + result.counts());
      JournalRecovery.resolve(store, TENANT, Map.of(APP, scim));
      System.out.println("pending after " + store.pending(TENANT).size());
    } finally {
      pool.dispose();
    }
  }

  static JdbcConnectionPool pool(String url, String user, String schema) {
    PGConnectionPoolDataSource ds = new PGConnectionPoolDataSource();
    ds.setURL(url);
    ds.setUser(user);
    ds.setCurrentSchema(schema);
    JdbcConnectionPool pool = JdbcConnectionPool.create(ds);
    pool.setMaxConnections(8);
    return pool;
  }
}
