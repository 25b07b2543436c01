package dev.usher.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.plan.CorrelationKey;
import dev.usher.core.plan.Operation;
import dev.usher.core.plan.OperationType;
import dev.usher.core.plan.Reason;
import dev.usher.core.plan.Situation;
import dev.usher.core.plan.StagedOperation;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import dev.usher.core.source.ChangeDetector;
import dev.usher.core.source.ChangeSet;
import dev.usher.core.source.RememberedUsers;
import dev.usher.core.source.SnapshotStore;
import dev.usher.core.source.UserSnapshot;
import java.util.LinkedHashMap;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StateStore} (and its {@link WorkLeases}) must do. Subclasses open the store
 * under test; each test works in tenants of its own, so a shared database needs no cleaning.
 */
public abstract class StateStoreContractTest {

  protected static final Instant T0 = Instant.parse("2026-12-03T10:15:30.123456Z");
  protected final MutableClock clock = new MutableClock(T0);
  protected String tenant;
  protected String otherTenant;
  private StateStore store;

  /** A store over the same state each time it is called within one test, using {@link #clock}. */
  protected abstract StateStore openStore();

  /** Leases of one node, over the same lease table as every other node of this test, on {@link #clock}. */
  protected abstract WorkLeases leases(String nodeId, Duration duration);

  /**
   * The tenant's source snapshots, over the same state each time it is called within one
   * test (a durable store opens the database again: each call is a restart).
   */
  protected abstract SnapshotStore snapshots(String tenantId);

  @BeforeEach
  void openAndPickTenants() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    tenant = "acme-" + run;
    otherTenant = "globex-" + run;
    store = openStore();
  }

  protected StateStore store() {
    return store;
  }

  protected static Link richLink(String app, String user, String account) {
    return Link.of(app, user, account, T0).withLastApplied(Map.of(
        "email", AttributeValue.of(user.toLowerCase() + "@example.com"),
        "level", AttributeValue.of(7),
        "cost", AttributeValue.from(new BigDecimal("12.50")),
        "vip", AttributeValue.of(true),
        "start", AttributeValue.from(LocalDate.parse("2026-01-05")),
        "seen", AttributeValue.from(Instant.parse("2026-12-01T08:00:00Z")),
        "tags", AttributeValue.from(List.of("oncall", "sre")),
        "address", AttributeValue.from(Map.of("city", "Lyon", "zip", "69001"))));
  }

  protected static Operation create(String app, String user) {
    Account account = Account.builder(app).userName(user.toLowerCase()).externalId(user)
        .attribute("email", user.toLowerCase() + "@example.com").build();
    return Operation.create(app, user, account,
        List.of(new CorrelationKey("externalId", AttributeValue.of(user))),
        new Reason(Situation.UNMATCHED, "scope", "in scope, no account"));
  }

  protected static Operation delete(String app, String user, String account) {
    return Operation.delete(app, user, account, OperationType.DISABLE,
        new Reason(Situation.LINKED, "deprovisioning.onTerminated", "terminated"));
  }

  // ------------------------------------------------------------------ links

  @Test
  void readsBackASavedLinkWithEveryKindOfLastAppliedValue() {
    Link link = richLink("github", "E1001", "42").withDisabledAt(T0.plusSeconds(60));
    store.saveLink(tenant, link);

    assertThat(store.link(tenant, "github", "E1001")).contains(link);
    assertThat(store.link(tenant, "github", "E1002")).isEmpty();
    assertThat(store.link(tenant, "slack", "E1001")).isEmpty();
  }

  @Test
  void savingALinkAgainReplacesIt() {
    store.saveLink(tenant, richLink("github", "E1001", "42"));
    Link replaced = Link.of("github", "E1001", "43", T0.plusSeconds(5));
    store.saveLink(tenant, replaced);

    assertThat(store.link(tenant, "github", "E1001")).contains(replaced);
    assertThat(store.links(tenant, "github")).containsOnlyKeys("E1001");
    assertThat(store.linkOfAccount(tenant, "github", "43")).contains(replaced);
    assertThat(store.linkOfAccount(tenant, "github", "42")).isEmpty();
  }

  @Test
  void listsTheLinksOfOneApplicationByUser() {
    store.saveLink(tenant, Link.of("github", "E1", "a1", T0));
    store.saveLink(tenant, Link.of("github", "E2", "a2", T0));
    store.saveLink(tenant, Link.of("slack", "E1", "s1", T0));

    Map<String, Link> links = store.links(tenant, "github");

    assertThat(links).containsOnlyKeys("E1", "E2");
    assertThat(links.get("E2").accountId()).isEqualTo("a2");
    assertThat(store.links(tenant, "zoom")).isEmpty();
  }

  @Test
  void findsTheLinkThatNamesAnAccount() {
    store.saveLink(tenant, Link.of("github", "E1", "a1", T0));
    store.saveLink(tenant, Link.of("slack", "E2", "a1", T0));

    assertThat(store.linkOfAccount(tenant, "github", "a1")).map(Link::userId).contains("E1");
    assertThat(store.linkOfAccount(tenant, "slack", "a1")).map(Link::userId).contains("E2");
    assertThat(store.linkOfAccount(tenant, "github", "nope")).isEmpty();
  }

  @Test
  void removingALinkForgetsOnlyThatLink() {
    store.saveLink(tenant, Link.of("github", "E1", "a1", T0));
    store.saveLink(tenant, Link.of("github", "E2", "a2", T0));

    store.removeLink(tenant, "github", "E1");
    store.removeLink(tenant, "github", "missing");

    assertThat(store.links(tenant, "github")).containsOnlyKeys("E2");
    assertThat(store.linkOfAccount(tenant, "github", "a1")).isEmpty();
  }

  @Test
  void keepsLinksSavedFromManyThreadsAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 25; i++) {
            store.saveLink(tenant, Link.of("github", "E" + thread + "-" + i, "a" + thread + "-" + i, T0));
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.links(tenant, "github")).hasSize(200);
  }

  // ------------------------------------------------------------------ tenants

  @Test
  void oneTenantNeverSeesAnothersState() {
    store.saveLink(tenant, Link.of("github", "E1", "a1", T0));
    store.saveStaged(tenant, List.of(new StagedOperation(delete("github", "E1", "a1"), "safety.maxDeletes")));
    store.beginPending(tenant, new PendingOperation("run1/op", "github", "github/E1/create",
        OperationType.CREATE, "E1", null, T0));
    store.saveSourceSize(tenant, 10);

    assertThat(store.link(otherTenant, "github", "E1")).isEmpty();
    assertThat(store.links(otherTenant, "github")).isEmpty();
    assertThat(store.linkOfAccount(otherTenant, "github", "a1")).isEmpty();
    assertThat(store.staged(otherTenant)).isEmpty();
    assertThat(store.pending(otherTenant)).isEmpty();
    assertThat(store.lastSourceSize(otherTenant)).isEmpty();

    store.removeLink(otherTenant, "github", "E1");
    store.completePending(otherTenant, "run1/op");
    store.removeStaged(otherTenant, List.of("github/E1/delete"));
    assertThat(store.link(tenant, "github", "E1")).isPresent();
    assertThat(store.pending(tenant)).hasSize(1);
    assertThat(store.staged(tenant)).hasSize(1);
  }

  // ------------------------------------------------------------------ staged

  @Test
  void keepsStagedOperationsInTheOrderStagedAndReplacesThemById() {
    StagedOperation first = new StagedOperation(delete("github", "E1", "a1"), "safety.maxDeletes");
    StagedOperation second = new StagedOperation(create("github", "E2"), "safety.maxCreates");
    StagedOperation third = new StagedOperation(delete("github", "E3", "a3"), "safety.maxDeletes");
    store.saveStaged(tenant, List.of(first, second));
    store.saveStaged(tenant, List.of(third));
    StagedOperation firstAgain = new StagedOperation(first.operation(), "safety.maxDeletePercent");
    store.saveStaged(tenant, List.of(firstAgain));

    assertThat(store.staged(tenant)).containsExactly(firstAgain, second, third);
  }

  @Test
  void dropsStagedOperationsById() {
    StagedOperation a = new StagedOperation(delete("github", "E1", "a1"), "safety.maxDeletes");
    StagedOperation b = new StagedOperation(delete("github", "E2", "a2"), "safety.maxDeletes");
    store.saveStaged(tenant, List.of(a, b));

    store.removeStaged(tenant, List.of(a.id(), "unknown"));

    assertThat(store.staged(tenant)).containsExactly(b);
  }

  // ------------------------------------------------------------------ journal

  @Test
  void listsPendingJournalEntriesOldestFirstUntilCompleted() {
    PendingOperation later = new PendingOperation("run1/b", "github", "github/E2/create",
        OperationType.CREATE, "E2", null, T0.plusSeconds(2));
    PendingOperation earlier = new PendingOperation("run1/a", "github", "github/E1/delete",
        OperationType.DELETE, "E1", "a1", T0.plusSeconds(1));
    store.beginPending(tenant, later);
    store.beginPending(tenant, earlier);

    assertThat(store.pending(tenant)).containsExactly(earlier, later);

    store.completePending(tenant, "run1/a");
    store.completePending(tenant, "never-written");
    assertThat(store.pending(tenant)).containsExactly(later);

    store.completePending(tenant, "run1/b");
    assertThat(store.pending(tenant)).isEmpty();
  }

  @Test
  void keepsAnEntryForAnOrphanAccountWithoutUser() {
    PendingOperation orphan = new PendingOperation("run1/x", "github", "github/account:77/delete",
        OperationType.DELETE, null, "77", T0);
    store.beginPending(tenant, orphan);

    assertThat(store.pending(tenant)).containsExactly(orphan);
  }

  // ------------------------------------------------------------------ source size

  @Test
  void remembersTheLastSourceSize() {
    assertThat(store.lastSourceSize(tenant)).isEmpty();
    store.saveSourceSize(tenant, 1200);
    store.saveSourceSize(tenant, 1250);

    assertThat(store.lastSourceSize(tenant)).isEqualTo(OptionalInt.of(1250));
    assertThatThrownBy(() -> store.saveSourceSize(tenant, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
  }

  @Test
  void refusesANullTenantNamingIt() {
    assertThatThrownBy(() -> store.links(null, "github"))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("tenantId");
  }

  // ------------------------------------------------------------------ leases

  @Test
  void aUnitIsHeldByOneNodeAtATime() {
    WorkLeases a = leases("node-a", Duration.ofSeconds(30));
    WorkLeases b = leases("node-b", Duration.ofSeconds(30));
    List<WorkUnit> units = List.of(WorkUnit.of("github"), WorkUnit.of("slack"));

    List<Lease> first = a.claim(tenant, units, 1);
    List<Lease> second = b.claim(tenant, units, 2);
    List<Lease> third = a.claim(tenant, units, 2);

    assertThat(first).extracting(Lease::unit).containsExactly(WorkUnit.of("github"));
    assertThat(second).extracting(Lease::unit).containsExactly(WorkUnit.of("slack"));
    assertThat(third).extracting(Lease::unit).containsExactly(WorkUnit.of("github"));
    assertThat(first.get(0).owner()).isEqualTo("node-a");
    assertThat(first.get(0).expiresAt()).isEqualTo(T0.plusSeconds(30));
  }

  @Test
  void anotherNodeTakesAUnitOverOnlyAfterItsLeaseRanOut() {
    WorkLeases a = leases("node-a", Duration.ofSeconds(30));
    WorkLeases b = leases("node-b", Duration.ofSeconds(30));
    Lease held = a.claim(tenant, List.of(WorkUnit.of("github")), 1).get(0);

    clock.advance(Duration.ofSeconds(29));
    assertThat(b.claim(tenant, List.of(WorkUnit.of("github")), 1)).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    List<Lease> taken = b.claim(tenant, List.of(WorkUnit.of("github")), 1);
    assertThat(taken).singleElement().satisfies(l -> {
      assertThat(l.owner()).isEqualTo("node-b");
      assertThat(l.token()).isGreaterThan(held.token());
    });
    assertThat(a.renew(held)).isEmpty();
    a.release(held);
    assertThat(a.leases(tenant)).extracting(Lease::owner).containsExactly("node-b");
  }

  @Test
  void renewingExtendsALeaseAndKeepsItsToken() {
    WorkLeases a = leases("node-a", Duration.ofSeconds(30));
    WorkLeases b = leases("node-b", Duration.ofSeconds(30));
    Lease held = a.claim(tenant, List.of(WorkUnit.of("github")), 1).get(0);

    clock.advance(Duration.ofSeconds(20));
    Lease renewed = a.renew(held).orElseThrow();
    clock.advance(Duration.ofSeconds(20));

    assertThat(renewed.expiresAt()).isEqualTo(T0.plusSeconds(50));
    assertThat(renewed.token()).isEqualTo(held.token());
    assertThat(b.claim(tenant, List.of(WorkUnit.of("github")), 1)).isEmpty();
    assertThat(b.renew(renewed)).isEmpty();
  }

  @Test
  void aReleasedUnitIsFreeAtOnce() {
    WorkLeases a = leases("node-a", Duration.ofSeconds(30));
    WorkLeases b = leases("node-b", Duration.ofSeconds(30));
    Lease held = a.claim(tenant, List.of(WorkUnit.of("github")), 1).get(0);

    a.release(held);

    assertThat(b.claim(tenant, List.of(WorkUnit.of("github")), 1)).extracting(Lease::owner).containsExactly("node-b");
    assertThat(a.renew(held)).isEmpty();
  }

  @Test
  void aClaimRenewsWhatTheNodeHoldsBeforeTakingMore() {
    WorkLeases a = leases("node-a", Duration.ofSeconds(30));
    List<WorkUnit> ranges = WorkUnit.split("google", 4);
    a.claim(tenant, List.of(ranges.get(3)), 1);
    clock.advance(Duration.ofSeconds(10));

    List<Lease> now = a.claim(tenant, ranges, 2);

    assertThat(now).extracting(Lease::unit).containsExactly(ranges.get(0), ranges.get(3));
    assertThat(now).allSatisfy(l -> assertThat(l.expiresAt()).isEqualTo(T0.plusSeconds(40)));
  }

  @Test
  void splitsAnApplicationByUserIdHashAndRefusesOverlappingUnits() {
    WorkLeases a = leases("node-a", Duration.ofSeconds(30));
    List<WorkUnit> ranges = WorkUnit.split("google", 4);

    assertThat(ranges).hasSize(4);
    assertThat(ranges.stream().filter(u -> u.covers("E1001")).count()).isEqualTo(1);
    assertThatThrownBy(() -> a.claim(tenant, List.of(WorkUnit.of("google"), ranges.get(1)), 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap");
  }

  @Test
  void nodesClaimingAtTheSameMomentNeverGetTheSameUnit() throws Exception {
    List<WorkUnit> units = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      units.add(WorkUnit.of("app-" + i));
    }
    List<WorkLeases> nodes = new ArrayList<>();
    for (int n = 0; n < 8; n++) {
      nodes.add(leases("node-" + n, Duration.ofSeconds(30)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Lease> all = new ArrayList<>();
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<Future<List<Lease>>> futures = new ArrayList<>();
      for (WorkLeases node : nodes) {
        futures.add(pool.submit(() -> {
          start.await();
          return node.claim(tenant, units, 3);
        }));
      }
      start.countDown();
      for (Future<List<Lease>> f : futures) {
        all.addAll(f.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(all).extracting(Lease::unit).doesNotHaveDuplicates();
    assertThat(all).hasSizeBetween(3, 20);
    assertThat(nodes.get(0).leases(tenant)).hasSameSizeAs(all);
  }

  @Test
  void leasesOfOneTenantDoNotBlockAnother() {
    WorkLeases a = leases("node-a", Duration.ofSeconds(30));
    WorkLeases b = leases("node-b", Duration.ofSeconds(30));
    a.claim(tenant, List.of(WorkUnit.of("github")), 1);

    assertThat(b.claim(otherTenant, List.of(WorkUnit.of("github")), 1)).hasSize(1);
    assertThat(a.leases(otherTenant)).extracting(Lease::owner).containsExactly("node-b");
  }

  // ---------------------------------------------------------------- source snapshots

  private static User person(String id) {
    return User.builder(id).userName(id.toLowerCase()).givenName("Given " + id).familyName("Family")
        .email(id.toLowerCase() + "@example.com").department("Engineering").title("Engineer")
        .role("eng").attribute("level", 3).attribute("start", LocalDate.of(2024, 2, 29))
        .attribute("tags", List.of("a", "b")).build();
  }

  @Test
  void aSourceNeverSavedHasNoSnapshot() {
    assertThat(snapshots(tenant).load("hr")).isEmpty();
  }

  @Test
  void aSavedSnapshotReadsBackEqualAfterAReopen() {
    Map<String, User> users = new LinkedHashMap<>();
    users.put("E1", person("E1"));
    users.put("E2", person("E2").toBuilder().status(UserStatus.SUSPENDED).attribute("remote", true).build());
    RememberedUsers saved = new RememberedUsers(T0, users, "token-42");

    snapshots(tenant).save("hr", saved);

    assertThat(snapshots(tenant).load("hr")).contains(saved);
  }

  @Test
  void savingAgainReplacesTheSnapshotAndTheTokenMayBeAbsent() {
    snapshots(tenant).save("hr", new RememberedUsers(T0, Map.of("E1", person("E1")), "t1"));
    RememberedUsers later = new RememberedUsers(T0.plusSeconds(60), Map.of("E2", person("E2")), null);

    snapshots(tenant).save("hr", later);

    assertThat(snapshots(tenant).load("hr")).contains(later);
  }

  @Test
  void snapshotsAreKeptApartByTenantAndSource() {
    snapshots(tenant).save("hr", new RememberedUsers(T0, Map.of("E1", person("E1")), null));

    assertThat(snapshots(otherTenant).load("hr")).isEmpty();
    assertThat(snapshots(tenant).load("directory")).isEmpty();
  }

  @Test
  void aLargeSnapshotReadsBackWhole() {
    Map<String, User> users = new LinkedHashMap<>();
    for (int i = 0; i < 6_000; i++) {
      users.put("E" + i, person("E" + i)); // 1.9 MB of JSON: more than an H2 VARCHAR holds
    }
    snapshots(tenant).save("hr", new RememberedUsers(T0, users, null));

    assertThat(snapshots(tenant).load("hr")).get().satisfies(r -> {
      assertThat(r.activeUsers()).hasSize(6_000);
      assertThat(r.activeUsers().get("E5999")).isEqualTo(person("E5999"));
    });
  }

  @Test
  void theFirstDetectionAfterARestartComparesWithTheLastOne() {
    UserSnapshot hr = UserSnapshot.of("hr", List.of(person("E1"), person("E2")));
    ChangeDetector.builder(snapshots(tenant)).clock(clock).build().detect(hr);

    ChangeDetector afterRestart = ChangeDetector.builder(snapshots(tenant)).clock(clock).build();
    ChangeSet changes = afterRestart.detect(UserSnapshot.of("hr", List.of(person("E1"),
        person("E2").toBuilder().department("Finance").build(), person("E3"))));

    assertThat(changes.joiners()).extracting(e -> e.userId()).containsExactly("E3");
    assertThat(changes.movers()).extracting(e -> e.userId()).containsExactly("E2");
    assertThat(changes.leavers()).isEmpty();
  }
}
