package dev.usher.core.policy;

import dev.usher.core.model.Account;
import dev.usher.core.policy.expr.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What happens to accounts that belong to no user, and which accounts Usher must never touch
 * (break-glass admins, service accounts).
 *
 * <pre>{@code
 * Orphans orphans = Orphans.builder()
 *     .action(Orphans.Action.DISABLE)
 *     .exclude("account.userName startsWith \"svc-\"")
 *     .exclude(account -> "breakglass".equals(account.userName()))
 *     .build();
 * }</pre>
 */
public final class Orphans {
  /** What to do with an orphan account. */
  public enum Action { IGNORE, REPORT, DISABLE, DELETE }

  private static final Orphans DEFAULTS = builder().build();

  private final Action action;
  private final List<Predicate<Account>> exclusions;

  private Orphans(Action action, List<Predicate<Account>> exclusions) {
    this.action = action;
    this.exclusions = exclusions;
  }

  /** REPORT, no exclusions. */
  public static Orphans defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder().action(action);
    b.exclusions.addAll(exclusions);
    return b;
  }

  /** IGNORE, REPORT (default), DISABLE or DELETE. */
  public Action action() {
    return action;
  }

  /**
   * Whether an exclusion rule covers this account: Usher never disables, deletes, updates or
   * revokes anything on it. A rule that throws counts as excluding (the safe side).
   */
  public boolean excludes(Account account) {
    Objects.requireNonNull(account, "account");
    for (Predicate<Account> p : exclusions) {
      try {
        if (p.test(account)) {
          return true;
        }
      } catch (RuntimeException e) {
        return true;
      }
    }
    return false;
  }

  public List<Predicate<Account>> exclusions() {
    return exclusions;
  }

  @Override
  public String toString() {
    return "Orphans[action=" + action + ", exclusions=" + exclusions + "]";
  }

  /** Builds {@link Orphans}; not thread-safe. */
  public static final class Builder {
    private Action action = Action.REPORT;
    private final List<Predicate<Account>> exclusions = new ArrayList<>();

    private Builder() {}

    public Builder action(Action action) {
      this.action = Objects.requireNonNull(action, "action");
      return this;
    }

    /** An exclusion rule in the expression syntax over {@code account.*}. */
    public Builder exclude(String accountCondition) {
      Expression e = Expression.parseAccountCondition(accountCondition);
      exclusions.add(new Predicate<>() {
        @Override
        public boolean test(Account a) {
          return e.test(a);
        }

        @Override
        public String toString() {
          return e.source();
        }
      });
      return this;
    }

    public Builder exclude(Predicate<Account> rule) {
      exclusions.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    public Orphans build() {
      return new Orphans(action, List.copyOf(exclusions));
    }
  }
}
