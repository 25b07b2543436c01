package dev.usher.core.engine;

import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.Entitlement;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import dev.usher.core.plan.CorrelationKey;
import dev.usher.core.plan.Operation;
import dev.usher.core.plan.OperationType;
import dev.usher.core.plan.Plan;
import dev.usher.core.plan.Reason;
import dev.usher.core.plan.Situation;
import dev.usher.core.plan.StagedOperation;
import dev.usher.core.plan.ValueChange;
import dev.usher.core.plan.Warning;
import dev.usher.core.policy.AttributeMapping;
import dev.usher.core.policy.CorrelationRule;
import dev.usher.core.policy.Deprovisioning;
import dev.usher.core.policy.EntitlementRef;
import dev.usher.core.policy.EntitlementRule;
import dev.usher.core.policy.EvaluationContext;
import dev.usher.core.policy.Orphans;
import dev.usher.core.policy.Policy;
import dev.usher.core.policy.Safety;
import dev.usher.core.spi.Capabilities;
import dev.usher.core.spi.Capability;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorException;
import dev.usher.core.spi.Listing;
import dev.usher.core.spi.Pages;
import dev.usher.core.store.Link;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Computes plans. Per application: list (or, for single users, look up) accounts, index them
 * by correlation values once (a hash join), decide each user's situation and operations in
 * parallel chunks, then, in user order, plan creates (so {@code selectUnique} is deterministic),
 * resolve manager references, find orphans, and apply the safety rules.
 */
final class Planner {
  static final int PAGE_SIZE = 1000;
  private static final int CHUNK = 2048;
  private final Engine engine;

  Planner(Engine engine) {
    this.engine = engine;
  }

  /**
   * @param users the users to plan for
   * @param full true for a run over the whole source (listing, orphans, thresholds, shrink);
   *     false for on-demand planning of these users only (look-ups, no orphans, no thresholds)
   */
  Plan plan(List<User> users, boolean full) {
    Instant now = engine.clock.instant();
    List<Operation> ops = new ArrayList<>();
    List<StagedOperation> staged = new ArrayList<>();
    List<Warning> warnings = new ArrayList<>();
    Map<String, Map<Situation, Integer>> situations = new LinkedHashMap<>();
    Integer previous = full ? boxed(engine.store.lastSourceSize(engine.tenantId)) : null;
    for (Application app : engine.applications.values()) {
      AppPlan ap = new AppPlan(app, users, full, now, previous);
      ap.run();
      ops.addAll(ap.ops);
      staged.addAll(ap.staged);
      warnings.addAll(ap.warnings);
      situations.put(app.id(), ap.situations);
    }
    return new Plan(engine.tenantId, now, ops, staged, warnings, situations, full ? users.size() : null);
  }

  private static @Nullable Integer boxed(java.util.OptionalInt i) {
    return i.isPresent() ? i.getAsInt() : null;
  }

  /** What pass 1 decided for one user. */
  private static final class UserResult {
    final User user;
    Situation situation = Situation.UNMATCHED;
    @Nullable Account account;
    @Nullable Link link;
    List<Operation> ops = List.of();
    @Nullable Warning warning;
    boolean needsCreate;
    boolean touched;

    UserResult(User user) {
      this.user = user;
    }

    void add(Operation op) {
      if (ops.isEmpty()) {
        ops = new ArrayList<>(4);
      }
      ops.add(op);
    }
  }

  /** Plans one application. */
  private final class AppPlan {
    final Application app;
    final String appId;
    final Policy policy;
    final Connector connector;
    final Capabilities caps;
    final List<User> users;
    final boolean full;
    final Instant now;
    final @Nullable Integer previousSourceSize;

    final List<Operation> ops = new ArrayList<>();
    final List<StagedOperation> staged = new ArrayList<>();
    final List<Warning> warnings = new ArrayList<>();
    final Map<Situation, Integer> situations = new EnumMap<>(Situation.class);

    AccountView view;
    boolean listingComplete = true;
    Map<String, Link> links = Map.of();
    private volatile @Nullable Set<String> linkedAccountIds;
    final Map<String, Entitlement> entitlements = new LinkedHashMap<>();
    final Set<String> managedIds = new HashSet<>();
    final Map<String, Set<String>> extraGrants = new HashMap<>();
    List<List<Entitlement>> ruleEntitlements = List.of();
    final List<AttributeMapping> plainMappings = new ArrayList<>();
    final List<AttributeMapping> managerMappings = new ArrayList<>();
    int accountCount;

    AppPlan(Application app, List<User> users, boolean full, Instant now,
        @Nullable Integer previousSourceSize) {
      this.app = app;
      this.appId = app.id();
      this.policy = app.policy();
      this.connector = app.connector();
      Capabilities c = connector.capabilities();
      this.caps = c == null ? Capabilities.of() : c;
      this.users = users;
      this.full = full;
      this.now = now;
      this.previousSourceSize = previousSourceSize;
      for (AttributeMapping m : policy.mappings()) {
        (m.isManagerReference() ? managerMappings : plainMappings).add(m);
      }
    }

    ConnectorException.Origin origin(String op) {
      return new ConnectorException.Origin("usher", appId, op);
    }

    void run() {
      try {
        readEntitlements();
        if (full) {
          Listing<dev.usher.core.model.Account> listing = Pages.readAll(connector::listAccounts,
              caps.maxPageSize() > 0 ? Math.min(PAGE_SIZE, caps.maxPageSize()) : PAGE_SIZE, origin("listAccounts"));
          listingComplete = listing.complete();
          accountCount = listing.items().size();
          view = new AccountView.Indexed(listing.items(), listing.complete());
          if (!listing.complete()) {
            warnings.add(new Warning(Warning.Kind.INCOMPLETE_LISTING, appId, null, null,
                "the account listing was incomplete (" + listing.items().size() + " accounts read"
                    + listing.failureCause().map(f -> "; " + f.getMessage()).orElse("")
                    + "): no delete or disable is planned from it"));
          }
          readMembers();
        } else {
          view = new Live();
        }
      } catch (ConnectorException e) {
        warnings.add(new Warning(Warning.Kind.LISTING_FAILED, appId, null, null,
            "application left out of the plan: " + e.getMessage()));
        return;
      }
      links = engine.store.links(engine.tenantId, appId);

      UserResult[] results = pass1();
      resolveDisputes(results);
      pass2(results);
      int[] counts = new int[Situation.values().length];
      for (UserResult r : results) {
        counts[r.situation.ordinal()]++;
        if (r.warning != null) {
          warnings.add(r.warning);
        }
        ops.addAll(r.ops);
      }
      for (Situation s : Situation.values()) {
        if (counts[s.ordinal()] > 0) {
          situations.put(s, counts[s.ordinal()]);
        }
      }
      if (full) {
        orphans(results);
      }
      safety();
    }

    // ------------------------------------------------------------ inputs

    void readEntitlements() {
      if (caps.supports(Capability.LIST_ENTITLEMENTS)) {
        Listing<Entitlement> listing = Pages.readAll(connector::listEntitlements, PAGE_SIZE, origin("listEntitlements"));
        for (Entitlement e : listing.items()) {
          entitlements.put(e.id(), e);
          if (policy.managed().manages(e)) {
            managedIds.add(e.id());
          }
        }
      }
      List<List<Entitlement>> resolved = new ArrayList<>();
      for (EntitlementRule rule : policy.entitlementRules()) {
        List<Entitlement> found = new ArrayList<>();
        for (EntitlementRef ref : rule.entitlements()) {
          Entitlement hit = null;
          for (Entitlement e : entitlements.values()) {
            if (ref.matches(e)) {
              hit = e;
              break;
            }
          }
          if (hit == null) {
            warnings.add(new Warning(Warning.Kind.UNKNOWN_ENTITLEMENT, appId, null, null,
                "rule " + rule.id() + " names entitlement " + ref + ", which the application does not offer"
                    + (caps.supports(Capability.LIST_ENTITLEMENTS) ? "" : " (it cannot list entitlements)")));
          } else if (!found.contains(hit)) {
            found.add(hit);
          }
        }
        resolved.add(List.copyOf(found));
      }
      ruleEntitlements = resolved;
    }

    /** When the application lists members, grants the account listing left out are added. */
    void readMembers() {
      if (!caps.supports(Capability.LIST_MEMBERS)) {
        return;
      }
      Set<String> relevant = new LinkedHashSet<>(managedIds);
      ruleEntitlements.forEach(l -> l.forEach(e -> relevant.add(e.id())));
      for (String entitlementId : relevant) {
        Listing<String> members = Pages.readAll(r -> connector.members(entitlementId, r), PAGE_SIZE, origin("members"));
        for (String accountId : members.items()) {
          extraGrants.computeIfAbsent(accountId, k -> new HashSet<>()).add(entitlementId);
        }
      }
    }

    Set<String> held(Account a) {
      Set<String> extra = a.id() == null ? null : extraGrants.get(a.id());
      if (extra == null || a.entitlementIds().containsAll(extra)) {
        return a.entitlementIds();
      }
      Set<String> all = new LinkedHashSet<>(a.entitlementIds());
      all.addAll(extra);
      return all;
    }

    // ------------------------------------------------------------ pass 1: situations and existing accounts

    UserResult[] pass1() {
      UserResult[] results = new UserResult[users.size()];
      int parallelism = Math.max(1, Math.min(engine.planParallelism, (users.size() + CHUNK - 1) / CHUNK));
      if (parallelism == 1) {
        for (int i = 0; i < results.length; i++) {
          results[i] = planExisting(users.get(i));
        }
        return results;
      }
      AtomicInteger next = new AtomicInteger();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      CountDownLatch done = new CountDownLatch(parallelism);
      Runnable worker = () -> {
        try {
          int chunk;
          while (failure.get() == null && (chunk = next.getAndIncrement()) * CHUNK < results.length) {
            int end = Math.min(results.length, (chunk + 1) * CHUNK);
            for (int i = chunk * CHUNK; i < end; i++) {
              results[i] = planExisting(users.get(i));
            }
          }
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        } finally {
          done.countDown();
        }
      };
      // the calling thread works too: parallelism p uses p - 1 executor tasks
      for (int w = 1; w < parallelism; w++) {
        engine.executor.execute(worker);
      }
      worker.run();
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new dev.usher.core.ProvisioningException("interrupted while planning '" + appId + "'", e);
      }
      Throwable t = failure.get();
      if (t instanceof RuntimeException re) {
        throw re;
      } else if (t != null) {
        throw new dev.usher.core.ProvisioningException("planning '" + appId + "' failed: " + t, t);
      }
      return results;
    }

    UserResult planExisting(User u) {
      UserResult r = new UserResult(u);
      Link link = links.get(u.id());
      r.link = link;
      Account account = null;
      if (link != null) {
        account = view.byId(link.accountId());
        if (account != null) {
          r.situation = Situation.LINKED;
        } else if (view.knowsAbsence()) {
          r.situation = Situation.DELETED;
        } else {
          // The listing may just have missed it: leave it alone this run.
          r.situation = Situation.LINKED;
          return r;
        }
      }
      List<CorrelationKey> matchedBy = List.of();
      String matchedRule = null;
      if (link == null) {
        for (CorrelationRule rule : policy.correlation()) {
          AttributeValue v = rule.valueFor(u);
          if (v == null) {
            continue;
          }
          List<Account> candidates = unclaimed(view.candidates(rule.targetAttribute(), v));
          if (candidates.isEmpty()) {
            continue;
          }
          if (candidates.size() > 1) {
            r.situation = Situation.DISPUTED;
            r.warning = new Warning(Warning.Kind.DISPUTED, appId, u.id(), null,
                candidates.size() + " accounts match by " + rule.targetAttribute() + " (rule " + rule.id() + "): "
                    + ids(candidates) + "; nothing is done until one is linked by hand or the data is fixed");
            return r;
          }
          account = candidates.get(0);
          matchedBy = List.of(new CorrelationKey(rule.targetAttribute(), v));
          matchedRule = rule.id();
          r.situation = Situation.UNLINKED;
          break;
        }
      }
      boolean inScope = policy.inScope(u);
      if (account == null) {
        if (r.situation == Situation.DELETED) {
          if (inScope && u.status() == UserStatus.ACTIVE) {
            r.needsCreate = true;
          } else {
            r.add(Operation.unlink(appId, u.id(), link.accountId(),
                new Reason(Situation.DELETED, null, "the linked account is gone and the user needs none")));
          }
        } else {
          r.needsCreate = inScope && u.status() == UserStatus.ACTIVE;
        }
        return r;
      }
      r.account = account;
      if (policy.orphans().excludes(account)) {
        return r;
      }
      if (r.situation == Situation.UNLINKED) {
        r.add(Operation.link(appId, u.id(), account.requireId(), matchedBy,
            new Reason(Situation.UNLINKED, matchedRule, "correlated by " + matchedBy.get(0).attribute())));
      }
      if (!inScope || u.status() == UserStatus.TERMINATED) {
        deprovision(r, u, account, link, inScope);
        return r;
      }
      reconcile(r, u, account, link);
      return r;
    }

    List<Account> unclaimed(List<Account> candidates) {
      if (candidates.isEmpty()) {
        return candidates;
      }
      List<Account> out = new ArrayList<>(candidates.size());
      for (Account a : candidates) {
        if (a.id() == null || policy.orphans().excludes(a)) {
          continue;
        }
        boolean linked = full ? linkedAccountIds().contains(a.id())
            : engine.store.linkOfAccount(engine.tenantId, appId, a.id()).isPresent();
        if (!linked) {
          out.add(a);
        }
      }
      return out;
    }

    /** Accounts linked to some user; built on first need (a steady-state run never needs it). */
    Set<String> linkedAccountIds() {
      Set<String> ids = linkedAccountIds;
      if (ids == null) {
        synchronized (this) {
          ids = linkedAccountIds;
          if (ids == null) {
            ids = new HashSet<>(links.size() * 4 / 3 + 1);
            for (Link l : links.values()) {
              ids.add(l.accountId());
            }
            linkedAccountIds = ids;
          }
        }
      }
      return ids;
    }

    /** An in-scope user with an account: attributes, enablement, entitlements. */
    void reconcile(UserResult r, User u, Account account, @Nullable Link link) {
      Situation s = r.situation;
      String accountId = account.requireId();
      List<ValueChange> changes = diff(u, account, link);
      if (!changes.isEmpty()) {
        r.add(Operation.update(appId, u.id(), accountId, changes, new Reason(s, changes.size() == 1
            ? ruleOf(changes.get(0).attribute()) : null, "attributes differ from the policy's values")));
      }
      Deprovisioning d = policy.deprovisioning();
      if (u.status() == UserStatus.ACTIVE && !account.active() && d.enableOnReactivation()) {
        r.add(Operation.enable(appId, u.id(), accountId,
            new Reason(s, "deprovisioning.enableOnReactivation", "the user is active again")));
      } else if (u.status() == UserStatus.SUSPENDED && account.active()
          && d.onSuspended() == Deprovisioning.SuspendedAction.DISABLE) {
        r.add(Operation.disable(appId, u.id(), accountId, null,
            new Reason(s, "deprovisioning.onSuspended", "the user is suspended")));
      }
      Map<String, String> desired = desiredEntitlements(u);
      Set<String> held = held(account);
      for (Map.Entry<String, String> e : desired.entrySet()) {
        if (!held.contains(e.getKey())) {
          r.add(Operation.grant(appId, u.id(), accountId, e.getKey(), nameOf(e.getKey()),
              new Reason(s, e.getValue(), "a rule grants it")));
        }
      }
      for (String h : held) {
        if (managedIds.contains(h) && !desired.containsKey(h)) {
          r.add(Operation.revoke(appId, u.id(), accountId, h, nameOf(h),
              new Reason(s, "managed", "managed entitlement no rule grants any more")));
        }
      }
    }

    @Nullable String ruleOf(String attribute) {
      for (AttributeMapping m : policy.mappings()) {
        if (m.target().equals(attribute)) {
          return m.id();
        }
      }
      return null;
    }

    List<ValueChange> diff(User u, Account account, @Nullable Link link) {
      List<ValueChange> changes = null;
      String ownId = account.id();
      EvaluationContext ctx = (attr, candidate) -> view.isTaken(attr, candidate, ownId);
      for (AttributeMapping m : plainMappings) {
        if (m.applies() == AttributeMapping.Applies.ON_CREATE) {
          continue;
        }
        String target = m.target();
        AttributeValue want = m.evaluate(u, ctx);
        AttributeValue have = account.attribute(target).orElse(null);
        if (want == null) {
          if (have != null && link != null && link.lastApplied().containsKey(target)) {
            changes = addTo(changes, ValueChange.of(target, have, null));
          }
        } else if (!want.equals(have)) {
          changes = addTo(changes, ValueChange.of(target, have, want));
        }
      }
      return changes == null ? List.of() : changes;
    }

    Map<String, String> desiredEntitlements(User u) {
      List<EntitlementRule> rules = policy.entitlementRules();
      if (rules.isEmpty()) {
        return Map.of();
      }
      Map<String, String> desired = null;
      for (int i = 0; i < rules.size(); i++) {
        List<Entitlement> es = ruleEntitlements.get(i);
        if (es.isEmpty() || !rules.get(i).matches(u)) {
          continue;
        }
        if (desired == null) {
          desired = new LinkedHashMap<>();
        }
        for (Entitlement e : es) {
          desired.putIfAbsent(e.id(), rules.get(i).id());
        }
      }
      return desired == null ? Map.of() : desired;
    }

    @Nullable String nameOf(String entitlementId) {
      Entitlement e = entitlements.get(entitlementId);
      return e == null ? null : e.displayName();
    }

    /** A terminated user, or one who left the scope: revoke managed grants, then disable or delete. */
    void deprovision(UserResult r, User u, Account account, @Nullable Link link, boolean inScope) {
      Situation s = r.situation;
      String accountId = account.requireId();
      String why = u.status() == UserStatus.TERMINATED ? "the user is terminated" : "the user left the scope";
      Reason reason = new Reason(s, "deprovisioning.onTerminated", why);
      for (String h : held(account)) {
        if (managedIds.contains(h)) {
          r.add(Operation.revoke(appId, u.id(), accountId, h, nameOf(h), reason));
        }
      }
      Deprovisioning d = policy.deprovisioning();
      switch (d.onTerminated()) {
        case DISABLE -> {
          if (account.active()) {
            r.add(Operation.disable(appId, u.id(), accountId, null, reason));
          }
        }
        case DELETE -> r.add(Operation.delete(appId, u.id(), accountId, OperationType.DISABLE, reason));
        case DISABLE_THEN_DELETE -> {
          if (account.active()) {
            r.add(Operation.disable(appId, u.id(), accountId, OperationType.DELETE, reason));
            break;
          }
          Instant since = link != null ? link.disabledAt() : null;
          if (since == null && u.endDate() != null) {
            since = u.endDate().atStartOfDay(ZoneOffset.UTC).toInstant();
          }
          if (since == null) {
            r.add(Operation.disable(appId, u.id(), accountId, null, new Reason(s, "deprovisioning.gracePeriod",
                "already disabled; recording when the grace period of " + d.gracePeriod() + " starts")));
          } else if (!now.isBefore(since.plus(d.gracePeriod()))) {
            r.add(Operation.delete(appId, u.id(), accountId, null, new Reason(s, "deprovisioning.gracePeriod",
                "disabled since " + since + ", the grace period of " + d.gracePeriod() + " is over")));
          }
        }
      }
    }

    // ------------------------------------------------------------ disputes across users

    void resolveDisputes(UserResult[] results) {
      Map<String, List<UserResult>> claims = new HashMap<>();
      for (UserResult r : results) {
        if (r.situation == Situation.UNLINKED && r.account != null) {
          claims.computeIfAbsent(r.account.id(), k -> new ArrayList<>(1)).add(r);
        }
      }
      for (Map.Entry<String, List<UserResult>> e : claims.entrySet()) {
        if (e.getValue().size() < 2) {
          continue;
        }
        List<String> userIds = e.getValue().stream().map(x -> x.user.id()).toList();
        for (UserResult r : e.getValue()) {
          r.situation = Situation.DISPUTED;
          r.ops = List.of();
          r.needsCreate = false;
          r.warning = new Warning(Warning.Kind.DISPUTED, appId, r.user.id(), e.getKey(),
              "account " + e.getKey() + " matches several users " + userIds + "; nothing is done");
        }
      }
    }

    // ------------------------------------------------------------ pass 2: creates and manager references

    void pass2(UserResult[] results) {
      Map<String, Set<String>> allocated = new HashMap<>();
      Set<String> creating = new HashSet<>();
      for (UserResult r : results) {
        if (r.needsCreate) {
          creating.add(r.user.id());
        }
      }
      Map<String, String> accountOfUser = new HashMap<>();
      if (!managerMappings.isEmpty()) {
        for (UserResult r : results) {
          if (r.account != null && (r.situation == Situation.LINKED || r.situation == Situation.UNLINKED)) {
            accountOfUser.put(r.user.id(), r.account.requireId());
          }
        }
      }
      for (UserResult r : results) {
        if (r.needsCreate) {
          planCreate(r, allocated, creating, accountOfUser);
        }
      }
      if (managerMappings.isEmpty()) {
        return;
      }
      for (UserResult r : results) {
        if (r.account == null || !(r.situation == Situation.LINKED || r.situation == Situation.UNLINKED)
            || !policy.inScope(r.user) || r.user.status() == UserStatus.TERMINATED
            || policy.orphans().excludes(r.account)) {
          continue;
        }
        List<ValueChange> now = new ArrayList<>();
        List<ValueChange> later = new ArrayList<>();
        for (AttributeMapping m : managerMappings) {
          if (m.applies() == AttributeMapping.Applies.ON_CREATE) {
            continue;
          }
          AttributeValue have = r.account.attribute(m.target()).orElse(null);
          String managerId = r.user.managerId();
          if (managerId == null) {
            if (have != null && r.link != null && r.link.lastApplied().containsKey(m.target())) {
              now.add(ValueChange.of(m.target(), have, null));
            }
            continue;
          }
          String managerAccount = managerAccount(managerId, accountOfUser);
          if (managerAccount != null) {
            AttributeValue want = AttributeValue.of(managerAccount);
            if (!want.equals(have)) {
              now.add(ValueChange.of(m.target(), have, want));
            }
          } else if (creating.contains(managerId)) {
            later.add(new ValueChange(m.target(), have, null, managerId));
          } else {
            r.warning = r.warning != null ? r.warning : new Warning(Warning.Kind.UNRESOLVED_MANAGER, appId, r.user.id(),
                r.account.id(), "manager " + managerId + " has no account in " + appId + "; " + m.target() + " is left as is");
          }
        }
        mergeManagerChanges(r, r.account.requireId(), now, later);
      }
    }

    @Nullable String managerAccount(String managerId, Map<String, String> accountOfUser) {
      String id = accountOfUser.get(managerId);
      if (id != null) {
        return id;
      }
      if (!full) {
        return engine.store.link(engine.tenantId, appId, managerId).map(Link::accountId).orElse(null);
      }
      return null;
    }

    void mergeManagerChanges(UserResult r, @Nullable String accountId, List<ValueChange> now, List<ValueChange> later) {
      Reason reason = new Reason(r.situation, managerMappings.get(0).id(), "manager reference");
      if (!now.isEmpty()) {
        Operation existing = null;
        for (Operation o : r.ops) {
          if (o.type() == OperationType.UPDATE && !o.deferred()) {
            existing = o;
          }
        }
        if (existing != null) {
          List<ValueChange> all = new ArrayList<>(existing.changes());
          all.addAll(now);
          List<Operation> ops = new ArrayList<>(r.ops);
          ops.set(ops.indexOf(existing), Operation.update(appId, r.user.id(), existing.accountId(), all, existing.reason()));
          r.ops = ops;
        } else {
          r.add(Operation.update(appId, r.user.id(), accountId, now, reason));
        }
      }
      if (!later.isEmpty()) {
        r.add(Operation.update(appId, r.user.id(), accountId, later,
            new Reason(r.situation, managerMappings.get(0).id(), "manager reference to an account created in this run"))
            .asDeferred());
      }
    }

    void planCreate(UserResult r, Map<String, Set<String>> allocated, Set<String> creating,
        Map<String, String> accountOfUser) {
      User u = r.user;
      EvaluationContext ctx = (attr, candidate) -> {
        Set<String> mine = allocated.get(attr);
        if (mine != null && mine.contains(key(candidate))) {
          return true;
        }
        return view.isTaken(attr, candidate, null);
      };
      Account.Builder b = Account.builder(appId);
      for (AttributeMapping m : plainMappings) {
        AttributeValue v = m.evaluate(u, ctx);
        if (v == null) {
          continue;
        }
        setAttribute(b, m.target(), v);
        allocated.computeIfAbsent(m.target(), k -> new HashSet<>()).add(key(v));
      }
      List<ValueChange> later = new ArrayList<>();
      for (AttributeMapping m : managerMappings) {
        String managerId = u.managerId();
        if (managerId == null) {
          continue;
        }
        String managerAccount = managerAccount(managerId, accountOfUser);
        if (managerAccount != null) {
          b.attribute(m.target(), AttributeValue.of(managerAccount));
        } else if (creating.contains(managerId)) {
          later.add(new ValueChange(m.target(), null, null, managerId));
        } else {
          r.warning = new Warning(Warning.Kind.UNRESOLVED_MANAGER, appId, u.id(), null,
              "manager " + managerId + " has no account in " + appId + "; " + m.target() + " is left out");
        }
      }
      List<CorrelationKey> keys = new ArrayList<>();
      for (CorrelationRule rule : policy.correlation()) {
        AttributeValue v = rule.valueFor(u);
        if (v != null) {
          keys.add(new CorrelationKey(rule.targetAttribute(), v));
        }
      }
      Situation s = r.situation;
      List<Operation> ops = new ArrayList<>(r.ops);
      ops.add(Operation.create(appId, u.id(), b.build(), keys, new Reason(s, "scope",
          s == Situation.DELETED ? "the linked account is gone; the user is still in scope" : "in scope, no account")));
      r.ops = ops;
      for (Map.Entry<String, String> e : desiredEntitlements(u).entrySet()) {
        r.add(Operation.grant(appId, u.id(), null, e.getKey(), nameOf(e.getKey()), new Reason(s, e.getValue(), "a rule grants it")));
      }
      if (!later.isEmpty()) {
        r.add(Operation.update(appId, u.id(), null, later,
            new Reason(s, managerMappings.get(0).id(), "manager reference to an account created in this run")).asDeferred());
      }
    }

    // ------------------------------------------------------------ orphans and safety

    void orphans(UserResult[] results) {
      AccountView.Indexed listed = (AccountView.Indexed) view;
      boolean[] owned = new boolean[listed.accounts().size()];
      for (UserResult r : results) {
        if (r.account != null && r.account.id() != null) {
          int pos = listed.position(r.account.id());
          if (pos >= 0) {
            owned[pos] = true;
          }
        }
      }
      Set<String> disputed = new HashSet<>();
      for (UserResult r : results) {
        if (r.situation == Situation.DISPUTED) {
          for (CorrelationRule rule : policy.correlation()) {
            AttributeValue v = rule.valueFor(r.user);
            if (v != null) {
              for (Account a : view.candidates(rule.targetAttribute(), v)) {
                disputed.add(a.id());
              }
            }
          }
        }
      }
      Map<String, String> vanishedUserOf = new HashMap<>();
      // every link of a user in the source made that user LINKED or DELETED: any other link is a vanished user's
      if (links.size() != countOf(Situation.LINKED) + countOf(Situation.DELETED)) {
        Set<String> present = new HashSet<>(results.length * 4 / 3 + 1);
        for (UserResult r : results) {
          present.add(r.user.id());
        }
        for (Link l : links.values()) {
          if (!present.contains(l.userId())) {
            vanishedUserOf.put(l.accountId(), l.userId());
          }
        }
      }
      Orphans o = policy.orphans();
      List<Account> all = listed.accounts();
      for (int i = 0; i < owned.length; i++) {
        if (owned[i]) {
          continue;
        }
        Account a = all.get(i);
        if (a.id() == null || disputed.contains(a.id()) || o.excludes(a)) {
          continue;
        }
        situations.merge(Situation.ORPHAN, 1, Integer::sum);
        String gone = vanishedUserOf.get(a.id());
        String why = gone != null ? "linked user " + gone + " is no longer in the source" : "no user owns this account";
        Reason reason = new Reason(Situation.ORPHAN, "orphans.action", why);
        switch (o.action()) {
          case IGNORE -> { }
          case REPORT -> warnings.add(new Warning(Warning.Kind.ORPHAN, appId, gone, a.id(),
              why + (a.userName() != null ? " (userName " + a.userName() + ")" : "")));
          case DISABLE -> {
            if (a.active()) {
              ops.add(Operation.disable(appId, null, a.id(), null, reason));
            }
          }
          case DELETE -> ops.add(Operation.delete(appId, null, a.id(), OperationType.DISABLE, reason));
        }
      }
    }

    int countOf(Situation s) {
      Integer n = situations.get(s);
      return n == null ? 0 : n;
    }

    void safety() {
      if (!listingComplete) {
        List<Operation> kept = new ArrayList<>(ops.size());
        for (Operation op : ops) {
          if (op.type().isDeprovisioning()) {
            warnings.add(new Warning(Warning.Kind.INCOMPLETE_LISTING, appId, op.userId(), op.accountId(),
                op.type().label() + " not planned: the account listing was incomplete"));
          } else {
            kept.add(op);
          }
        }
        ops.clear();
        ops.addAll(kept);
      }
      if (!full) {
        return;
      }
      Safety safety = policy.safety();
      int users = this.users.size();
      if (previousSourceSize != null && previousSourceSize > 0 && users < previousSourceSize) {
        double shrink = (previousSourceSize - users) * 100.0 / previousSourceSize;
        if (shrink > safety.maxSourceShrinkPercent()) {
          String why = String.format(java.util.Locale.ROOT,
              "the user source shrank by %.1f%% (%d -> %d users), more than the policy's %.1f%%",
              shrink, previousSourceSize, users, safety.maxSourceShrinkPercent());
          int n = stage(op -> op.reason().situation() == Situation.ORPHAN && op.type().isDeprovisioning(), why);
          if (n > 0) {
            warnings.add(new Warning(Warning.Kind.SOURCE_SHRINK, appId, null, null, why + ": " + n + " operations staged"));
          }
        }
      }
      int count = 0;
      for (Operation op : ops) {
        if (op.type().isDeprovisioning()) {
          count++;
        }
      }
      if (count == 0) {
        return;
      }
      double percent = accountCount == 0 ? 100.0 : count * 100.0 / accountCount;
      if (count > safety.maxDeprovisionCount() || percent > safety.maxDeprovisionPercent()) {
        String why = String.format(java.util.Locale.ROOT,
            "%d deletes and disables (%.1f%% of %d accounts) exceed the policy's limit of %d or %.1f%%",
            count, percent, accountCount, safety.maxDeprovisionCount(), safety.maxDeprovisionPercent());
        Set<String> subjects = new HashSet<>();
        for (Operation op : ops) {
          if (op.type().isDeprovisioning()) {
            subjects.add(op.subject());
          }
        }
        int n = stage(op -> op.type().isDeprovisioning() || (op.type() == OperationType.REVOKE
            && subjects.contains(op.subject()) && "deprovisioning.onTerminated".equals(op.reason().ruleId())), why);
        warnings.add(new Warning(Warning.Kind.THRESHOLD, appId, null, null, why + ": " + n + " operations staged"));
      }
    }

    int stage(java.util.function.Predicate<Operation> which, String why) {
      int n = 0;
      List<Operation> kept = new ArrayList<>(ops.size());
      for (Operation op : ops) {
        if (which.test(op)) {
          staged.add(new StagedOperation(op, why));
          n++;
        } else {
          kept.add(op);
        }
      }
      ops.clear();
      ops.addAll(kept);
      return n;
    }

    /** Asks the connector, one user at a time (for on-demand plans). */
    final class Live implements AccountView {
      @Override
      public @Nullable Account byId(String accountId) {
        if (!caps.supports(Capability.GET_ACCOUNT)) {
          return null;
        }
        Optional<Account> a = connector.get(accountId);
        if (a.isEmpty() || a.get().id() == null) {
          return null;
        }
        Account account = a.get();
        if (caps.supports(Capability.LIST_ACCOUNT_GRANTS)) {
          Set<String> grants = connector.grantsOf(account.id());
          if (!account.entitlementIds().containsAll(grants)) {
            extraGrantsFor(account.id(), grants);
          }
        }
        return account;
      }

      @Override
      public boolean knowsAbsence() {
        return caps.supports(Capability.GET_ACCOUNT);
      }

      @Override
      public List<Account> candidates(String attribute, AttributeValue value) {
        if (!caps.supports(Capability.FIND_ACCOUNT)) {
          return List.of();
        }
        List<Account> found = connector.find(attribute, value);
        if (caps.supports(Capability.LIST_ACCOUNT_GRANTS) && found.size() == 1 && found.get(0).id() != null) {
          extraGrantsFor(found.get(0).id(), connector.grantsOf(found.get(0).id()));
        }
        return found;
      }

      @Override
      public boolean isTaken(String attribute, AttributeValue value, @Nullable String ownAccountId) {
        if (!caps.supports(Capability.FIND_ACCOUNT)) {
          return false;
        }
        for (Account a : connector.find(attribute, value)) {
          if (ownAccountId == null || !ownAccountId.equals(a.id())) {
            return true;
          }
        }
        return false;
      }
    }

    synchronized void extraGrantsFor(String accountId, Set<String> grants) {
      extraGrants.computeIfAbsent(accountId, k -> Collections.synchronizedSet(new HashSet<>())).addAll(grants);
    }
  }

  static String key(AttributeValue v) {
    List<String> keys = new ArrayList<>(1);
    AccountView.keys(v, keys);
    return keys.isEmpty() ? "" : String.join("\u0000", keys);
  }

  static void setAttribute(Account.Builder b, String target, AttributeValue v) {
    if (Account.USER_NAME.equals(target) || Account.EXTERNAL_ID.equals(target)) {
      b.attribute(target, v.asText().orElse(v.toString()));
    } else if (Account.ACTIVE.equals(target) && v instanceof AttributeValue.BooleanValue bool) {
      b.active(bool.value());
    } else {
      b.attribute(target, v);
    }
  }

  private static <T> List<T> addTo(@Nullable List<T> list, T item) {
    List<T> l = list == null ? new ArrayList<>(2) : list;
    l.add(item);
    return l;
  }

  private static String ids(List<Account> accounts) {
    List<String> ids = new ArrayList<>();
    for (Account a : accounts) {
      ids.add(String.valueOf(a.id()));
    }
    return String.join(", ", ids);
  }
}
