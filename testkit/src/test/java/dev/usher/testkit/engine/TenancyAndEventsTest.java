package dev.usher.testkit.engine;

import static dev.usher.testkit.UsherAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.usher.core.Usher;
import dev.usher.core.engine.ApplyResult;
import dev.usher.core.events.AuditLog;
import dev.usher.core.events.ProvisioningEvent;
import dev.usher.core.model.User;
import dev.usher.core.spi.Connector;
import dev.usher.testkit.InMemoryConnector;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Tenants kept apart, the per-application concurrency limit, events and the audit log. */
class TenancyAndEventsTest {
  final Fixture f = new Fixture();

  @Test
  void twoTenantsShareAStoreAndAnExecutorWithoutSeeingEachOther() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      InMemoryConnector acmeSlack = Fixture.slackConnector().build();
      InMemoryConnector globexSlack = Fixture.slackConnector().build();
      Usher acme = f.usher().tenantId("acme").executor(pool)
          .application("slack", acmeSlack, Fixture.slackPolicy().build()).users(List.of(Fixture.alice())).build();
      Usher globex = f.usher().tenantId("globex").executor(pool)
          .application("slack", globexSlack, Fixture.slackPolicy().build()).users(List.of(Fixture.bob())).build();

      assertThat(acme.reconcile()).isSuccess();
      assertThat(globex.reconcile()).isSuccess();

      assertThat(f.store.link("acme", "slack", "alice")).isPresent();
      assertThat(f.store.link("globex", "slack", "alice")).isEmpty();
      assertThat(f.store.link("globex", "slack", "bob")).isPresent();
      assertThat(acmeSlack.accounts()).extracting(a -> a.userName()).containsExactly("alice");
      assertThat(globexSlack.accounts()).extracting(a -> a.userName()).containsExactly("bob");
      // globex's bob is not an acme orphan: each tenant plans against its own application only
      assertThat(acme.plan()).hasNoOperations();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void noMoreThanTheConcurrencyLimitOfOperationsRunAgainstOneApplication() {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      InMemoryConnector slack = Fixture.slackConnector().latency(Duration.ofMillis(5)).build();
      AtomicInteger inFlight = new AtomicInteger();
      AtomicInteger max = new AtomicInteger();
      Connector counting = (Connector) Proxy.newProxyInstance(Connector.class.getClassLoader(),
          new Class<?>[] {Connector.class}, (proxy, method, args) -> {
            boolean write = method.getName().equals("create") || method.getName().equals("grant");
            if (write) {
              max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            }
            try {
              return method.invoke(slack, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            } finally {
              if (write) {
                inFlight.decrementAndGet();
              }
            }
          });
      for (int i = 0; i < 16; i++) {
        f.users.add(User.builder("u" + i).userName("user" + i).department("Engineering").build());
      }
      Usher usher = f.usher().executor(pool).concurrencyPerApplication(2)
          .application("slack", counting, Fixture.slackPolicy().build()).build();

      ApplyResult result = usher.reconcile();
      assertThat(result).isSuccess();
      assertThat(result.outcomes()).hasSize(32);
      assertThat(max.get()).isBetween(1, 2);
      // each user's grant ran after that user's create
      List<InMemoryConnector.Call> calls = slack.calls();
      for (int i = 0; i < 16; i++) {
        String id = slack.accountByUserName("user" + i).orElseThrow().id();
        int grant = calls.indexOf(new InMemoryConnector.Call(InMemoryConnector.Operation.GRANT, id + " grp-eng"));
        assertThat(grant).isPositive();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void listenersHearThePlanEveryOperationAndTheEndOfTheRun() {
    List<ProvisioningEvent> events = new CopyOnWriteArrayList<>();
    InMemoryConnector slack = Fixture.slackConnector().build();
    Usher usher = f.usher().listener(events::add).listener(e -> {
      throw new IllegalStateException("a broken listener does not break the run");
    }).application("slack", slack, Fixture.slackPolicy().build()).build();
    f.users.add(Fixture.alice());

    assertThat(usher.reconcile()).isSuccess();
    assertThat(events).extracting(ProvisioningEvent::name).containsExactly(
        "plan.computed", "operation.started", "operation.succeeded", "operation.started",
        "operation.succeeded", "run.finished");
    ProvisioningEvent.RunFinished end = (ProvisioningEvent.RunFinished) events.get(events.size() - 1);
    assertThat(end.succeeded()).isEqualTo(2);
    assertThat(end.tenantId()).isEqualTo("acme");
  }

  @Test
  void theAuditLogWritesOneJsonLinePerEventWithAttributeNamesButNoValues() {
    StringWriter out = new StringWriter();
    AuditLog audit = AuditLog.jsonLines(out);
    InMemoryConnector slack = Fixture.slackConnector().build();
    slack.failNext(InMemoryConnector.Operation.GRANT, 1, origin -> new dev.usher.core.spi.ForbiddenException(
        origin, 403, "token lacks admin scope"));
    Usher usher = f.usher().listener(audit).application("slack", slack, Fixture.slackPolicy().build()).build();
    f.users.add(Fixture.alice().toBuilder().title("Agent 007 s3cr3t-title").build());

    usher.reconcile();
    String[] lines = out.toString().split("\n");
    assertThat(lines).hasSize(6);
    assertThat(lines[0]).startsWith("{\"event\":\"plan.computed\",\"tenantId\":\"acme\"");
    assertThat(lines[2]).contains("\"event\":\"operation.succeeded\"").contains("\"attributes\":[")
        .contains("\"title\"");
    assertThat(lines[4]).contains("\"event\":\"operation.failed\"").contains("token lacks admin scope");
    assertThat(out.toString()).doesNotContain("s3cr3t").doesNotContain("alice@example.com");
  }
}
