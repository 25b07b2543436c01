package dev.usher.testkit;

import dev.usher.core.Usher;
import dev.usher.core.engine.ApplyResult;
import dev.usher.core.engine.QuarantinePolicy;
import dev.usher.core.model.Entitlement;
import dev.usher.core.model.EntitlementType;
import dev.usher.core.model.User;
import dev.usher.core.plan.Plan;
import dev.usher.core.policy.EntitlementRef;
import dev.usher.core.policy.EntitlementRule;
import dev.usher.core.policy.Policy;
import dev.usher.core.store.InMemoryStateStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Usher wired for a rule author's test: every policy gets an {@link InMemoryConnector} that
 * already offers each entitlement its rules name by id, a {@link TestClock}, an in-memory state
 * store, operations on the calling thread and retries that wait without sleeping.
 *
 * <pre>{@code
 * UsherTestKit kit = UsherTestKit.withApplications(githubPolicy).users(alice);
 * assertThat(kit.plan()).creates("github", "alice").grants("github", "alice", "team:eng").hasNoDeletes();
 * kit.reconcile();
 * kit.clock().advance(Duration.ofDays(31));
 * }</pre>
 *
 * <p>A test fixture: mutable and not thread-safe. The {@link Usher} is built on first use;
 * seed accounts through {@link #connector(String)} at any time.
 */
public final class UsherTestKit {
  private final Map<String, Policy> policies = new LinkedHashMap<>();
  private final Map<String, InMemoryConnector> connectors = new LinkedHashMap<>();
  private final List<User> users = new ArrayList<>();
  private final TestClock clock = TestClock.at("2026-01-05T09:00:00Z");
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final List<Duration> waits = new ArrayList<>();
  private Usher usher;

  private UsherTestKit() {}

  /**
   * A kit with one in-memory application per policy, named by the policy's application id.
   *
   * @throws IllegalArgumentException when two policies name the same application
   */
  public static UsherTestKit withApplications(Policy... policies) {
    UsherTestKit kit = new UsherTestKit();
    for (Policy p : policies) {
      Objects.requireNonNull(p, "policy");
      if (kit.policies.put(p.applicationId(), p) != null) {
        throw new IllegalArgumentException("two policies for application '" + p.applicationId() + "'");
      }
      InMemoryConnector.Builder c = InMemoryConnector.builder(p.applicationId());
      for (EntitlementRule rule : p.entitlementRules()) {
        for (EntitlementRef ref : rule.entitlements()) {
          if (ref.id() != null) {
            c.entitlement(Entitlement.of(ref.type() != null ? ref.type() : EntitlementType.GROUP, ref.id(),
                ref.displayName() != null ? ref.displayName() : ref.id()));
          }
        }
      }
      kit.connectors.put(p.applicationId(), c.build());
    }
    return kit;
  }

  /** Replaces the users of the source. */
  public UsherTestKit users(User... users) {
    this.users.clear();
    this.users.addAll(Arrays.asList(users));
    return this;
  }

  /** Adds a user, or replaces the one with the same id (a mover, a leaver). */
  public UsherTestKit user(User user) {
    Objects.requireNonNull(user, "user");
    users.removeIf(u -> u.id().equals(user.id()));
    users.add(user);
    return this;
  }

  /** The in-memory application with this id: seed accounts and entitlements, inspect calls. */
  public InMemoryConnector connector(String applicationId) {
    InMemoryConnector c = connectors.get(applicationId);
    if (c == null) {
      throw new IllegalArgumentException("no application '" + applicationId + "'; the kit has " + connectors.keySet());
    }
    return c;
  }

  public TestClock clock() {
    return clock;
  }

  public InMemoryStateStore stateStore() {
    return store;
  }

  /** The waits retries asked for (the kit's sleeper records them and advances the clock). */
  public List<Duration> retryWaits() {
    return List.copyOf(waits);
  }

  /** The Usher instance (tenant {@code test}), built on first use. */
  public Usher usher() {
    if (usher == null) {
      Usher.Builder b = Usher.builder().tenantId("test").users(() -> List.copyOf(users)).stateStore(store)
          .clock(clock).executor(Runnable::run).jitter(() -> 0.5)
          .sleeper(d -> {
            waits.add(d);
            clock.advance(d);
          })
          .quarantinePolicy(QuarantinePolicy.never());
      policies.forEach((id, p) -> b.application(id, connectors.get(id), p));
      usher = b.build();
    }
    return usher;
  }

  public Plan plan() {
    return usher().plan();
  }

  public ApplyResult reconcile() {
    return usher().reconcile();
  }
}
