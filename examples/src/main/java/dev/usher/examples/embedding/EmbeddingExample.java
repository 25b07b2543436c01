package dev.usher.examples.embedding;

import dev.usher.core.Usher;
import dev.usher.core.engine.ApplyResult;
import dev.usher.core.engine.OperationOutcome;
import dev.usher.core.events.ProvisioningEvent;
import dev.usher.core.model.Entitlement;
import dev.usher.core.model.EntitlementType;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import dev.usher.core.policy.Deprovisioning;
import dev.usher.core.policy.Policy;
import dev.usher.core.policy.Scope;
import dev.usher.core.spi.Capability;
import dev.usher.core.store.InMemoryStateStore;
import dev.usher.testkit.InMemoryConnector;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Embedding Usher in a service: the builder with every collaborator injected (clock, executor,
 * state store, listeners), a listener that feeds metrics, a scheduled reconciliation, and
 * HR events handled at once.
 *
 * <p>The applications here are the testkit's in-memory connectors so that the example runs
 * anywhere; in a service they come from {@code ConnectorRegistry.discover().open(type, config)}
 * and the store is {@code JdbcStateStore.embedded(dir)} or one on PostgreSQL.
 */
public final class EmbeddingExample {
  private EmbeddingExample() {}

  public static void main(String[] args) throws InterruptedException {
    InMemoryConnector wiki = InMemoryConnector.builder("wiki")
        .entitlement(Entitlement.of(EntitlementType.GROUP, "g-staff", "Staff"))
        .entitlement(Entitlement.of(EntitlementType.GROUP, "g-eng", "Engineering"))
        .build();
    InMemoryConnector vpn = InMemoryConnector.builder("vpn").without(Capability.DISABLE_ACCOUNT).build();

    Policy wikiPolicy = Policy.builder("wiki")
        .map("userName", "user.email")
        .map("externalId", "user.id")
        .map("displayName", "\"{user.givenName} {user.familyName}\"")
        .build();
    Policy vpnPolicy = Policy.builder("vpn")
        .scope(Scope.builder().group("user.status == \"ACTIVE\" and user.department == \"Engineering\"").build())
        .map("userName", "lower(first(split(user.email, \"@\")))")
        .map("externalId", "user.id")
        .deprovisioning(Deprovisioning.builder().onTerminated(Deprovisioning.Action.DELETE).build()) // no disable in vpn
        .build();

    List<User> hr = new CopyOnWriteArrayList<>(List.of(
        person("E1", "Ada", "Lovelace", "Engineering"),
        person("E2", "Alan", "Turing", "Engineering"),
        person("E3", "Grace", "Hopper", "Finance")));

    // Metrics from the event stream: a listener must be quick and thread-safe.
    Map<String, AtomicInteger> metrics = new ConcurrentHashMap<>();
    CountDownLatch threeRuns = new CountDownLatch(3);
    ExecutorService workers = Executors.newFixedThreadPool(4);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    Usher usher = Usher.builder()
        .tenantId("acme")
        .application("wiki", wiki, wikiPolicy)
        .application("vpn", vpn, vpnPolicy)
        .users(() -> List.copyOf(hr))                 // asked at every run
        .stateStore(new InMemoryStateStore())
        .clock(Clock.systemUTC())
        .executor(workers)                            // applies run here, several at once
        .concurrencyPerApplication(4)
        .listener(event -> metrics.computeIfAbsent(event.name(), k -> new AtomicInteger()).incrementAndGet())
        .listener(event -> {
          if (event instanceof ProvisioningEvent.OperationFailed f) {
            System.out.println("ALERT " + f.operation().operationId() + ": " + f.error());
          }
          if (event instanceof ProvisioningEvent.RunFinished) {
            threeRuns.countDown();
          }
        })
        .build();

    try (ProvisioningService service = new ProvisioningService(usher, result ->
        System.out.println("scheduled run: " + result.counts().getOrDefault(OperationOutcome.Status.SUCCEEDED, 0)
            + " operations succeeded"))) {
      service.start(scheduler, Duration.ofMillis(100));
      if (!threeRuns.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the scheduled runs did not finish in 30 s");
      }
      service.close();
      System.out.println("wiki accounts: " + wiki.accounts().size() + ", vpn accounts: " + vpn.accounts().size());

      User joiner = person("E4", "Katherine", "Johnson", "Engineering");
      hr.add(joiner);
      System.out.println("joiner E4: " + service.onJoinerOrMover(joiner).summary().lines().findFirst().orElse(""));
      System.out.println("wiki accounts: " + wiki.accounts().size() + ", vpn accounts: " + vpn.accounts().size());

      hr.replaceAll(u -> u.id().equals("E2") ? u.toBuilder().status(UserStatus.TERMINATED).build() : u);
      ApplyResult leaver = service.onLeaver("E2");
      System.out.println("leaver E2: " + leaver.summary().lines().findFirst().orElse(""));
      leaver.outcomes().forEach(o -> System.out.println("  " + o));
      System.out.println("vpn still has alan.turing: " + vpn.accountByUserName("alan.turing").isPresent()
          + "; wiki account of E2 active: " + wiki.accountByUserName("alan.turing@example.com").map(a -> a.active()).orElse(null));
    } finally {
      scheduler.shutdownNow();
      workers.shutdownNow();
    }
    System.out.println("events: " + new TreeMap<>(Map.copyOf(metrics)));
  }

  private static User person(String id, String given, String family, String department) {
    return User.builder(id).givenName(given).familyName(family)
        .email(given.toLowerCase(Locale.ROOT) + "." + family.toLowerCase(Locale.ROOT) + "@example.com")
        .department(department).build();
  }
}
