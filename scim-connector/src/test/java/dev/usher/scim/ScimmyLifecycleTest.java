package dev.usher.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usher.core.Usher;
import dev.usher.core.engine.ApplyResult;
import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.EntitlementType;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import dev.usher.core.policy.Condition;
import dev.usher.core.policy.CorrelationRule;
import dev.usher.core.policy.EntitlementRef;
import dev.usher.core.policy.EntitlementRule;
import dev.usher.core.policy.Policy;
import dev.usher.core.policy.Safety;
import dev.usher.core.policy.expr.Expression;
import dev.usher.core.store.InMemoryStateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Joiner, mover and leaver through the engine, against scimmy, a real third-party SCIM server. */
class ScimmyLifecycleTest {
  @RegisterExtension
  static final ScimmyServer SERVER = new ScimmyServer();

  private final List<User> users = new CopyOnWriteArrayList<>();
  private ScimConnector connector;
  private ScimClient client;
  private String eng;
  private String fin;

  @BeforeEach
  void setUp() throws Exception {
    SERVER.reset();
    client = SERVER.client();
    eng = client.createGroup(GroupResource.builder().displayName("Engineering").build()).id().orElseThrow();
    fin = client.createGroup(GroupResource.builder().displayName("Finance").build()).id().orElseThrow();
    connector = SERVER.connector();
  }

  @AfterEach
  void tearDown() {
    connector.close();
    client.close();
  }

  private Usher usher() {
    Policy policy = Policy.builder("scimmy")
        .map("userName", User::userName)
        .map("externalId", User::id)
        .map("title", User::title)
        .map("displayName", u -> u.givenName() + " " + u.familyName())
        .entitlementRule(EntitlementRule.builder("engineering")
            .when(Condition.of(u -> "Engineering".equals(u.department())))
            .grant(EntitlementRef.byName(EntitlementType.GROUP, "Engineering")).build())
        .entitlementRule(EntitlementRule.builder("finance")
            .when(Condition.of(u -> "Finance".equals(u.department())))
            .grant(EntitlementRef.byName(EntitlementType.GROUP, "Finance")).build())
        .correlation(CorrelationRule.of("externalId", Expression.of(User::id)))
        .safety(Safety.builder().maxDeprovisionCount(100).maxDeprovisionPercent(100).build())
        .build();
    return Usher.builder()
        .application("scimmy", connector, policy)
        .users(() -> new ArrayList<>(users))
        .stateStore(new InMemoryStateStore())
        .executor(Runnable::run)
        .build();
  }

  private static User alice() {
    return User.builder("E1001").userName("alice").givenName("Alice").familyName("Liddell")
        .email("alice@example.com").department("Engineering").title("SRE").build();
  }

  private Account aliceAccount() {
    List<Account> found = connector.find("externalId", AttributeValue.of("E1001"));
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static void succeeded(ApplyResult result) {
    assertThat(result.isSuccess()).as(result.summary()).isTrue();
  }

  @Test
  void joinerMoverLeaver() {
    Usher usher = usher();

    users.add(alice());
    succeeded(usher.reconcile());
    Account joined = aliceAccount();
    assertThat(joined.userName()).isEqualTo("alice");
    assertThat(joined.active()).isTrue();
    assertThat(joined.attribute("title")).contains(AttributeValue.of("SRE"));
    assertThat(joined.attribute("displayName")).contains(AttributeValue.of("Alice Liddell"));
    assertThat(connector.grantsOf(joined.id())).containsExactly(eng);
    assertThat(usher.plan().operations()).as("a second run has nothing to do").isEmpty();

    users.set(0, alice().toBuilder().department("Finance").title("Controller").build());
    succeeded(usher.reconcile());
    Account moved = aliceAccount();
    assertThat(moved.id()).isEqualTo(joined.id());
    assertThat(moved.attribute("title")).contains(AttributeValue.of("Controller"));
    assertThat(connector.grantsOf(moved.id())).containsExactly(fin);

    users.set(0, alice().toBuilder().department("Finance").status(UserStatus.TERMINATED).build());
    succeeded(usher.reconcile());
    Account left = aliceAccount();
    assertThat(left.active()).isFalse();
    assertThat(connector.grantsOf(left.id())).isEmpty();
    assertThat(client.getGroup(fin).orElseThrow().members()).isEmpty();
  }
}
