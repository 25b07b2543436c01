package dev.usher.core.engine;

import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What the planner knows about an application's accounts: either a full listing indexed by
 * attribute values (a hash join), or the connector asked one question at a time.
 */
interface AccountView {
  /** The account with this id, or null when it does not exist (or is unknown). */
  @Nullable Account byId(String accountId);

  /** True when {@link #byId} returning null proves the account is gone. */
  boolean knowsAbsence();

  /** Accounts whose attribute equals the value (any element for multi-valued ones). */
  List<Account> candidates(String attribute, AttributeValue value);

  /** Whether an account other than {@code ownAccountId} holds this value. */
  boolean isTaken(String attribute, AttributeValue value, @Nullable String ownAccountId);

  /** The key under which a value is indexed: strings ignore case. */
  static void keys(@Nullable AttributeValue v, List<String> out) {
    if (v == null) {
      return;
    }
    if (v instanceof AttributeValue.StringValue s) {
      out.add(s.value().toLowerCase(Locale.ROOT));
    } else if (v instanceof AttributeValue.ListValue l) {
      for (AttributeValue e : l.values()) {
        keys(e, out);
      }
    } else if (v instanceof AttributeValue.ObjectValue o) {
      keys(o.fields().get("value"), out);
    } else {
      out.add(v.toString());
    }
  }

  /** A full listing, indexed lazily per attribute. Thread-safe for reading. */
  final class Indexed implements AccountView {
    private final List<Account> accounts;
    private final boolean complete;
    private final Map<String, Integer> positions;
    private final ConcurrentHashMap<String, Map<String, Object>> indexes = new ConcurrentHashMap<>();

    Indexed(List<Account> accounts, boolean complete) {
      this.accounts = accounts;
      this.complete = complete;
      this.positions = new HashMap<>(accounts.size() * 4 / 3 + 1);
      for (int i = 0; i < accounts.size(); i++) {
        String id = accounts.get(i).id();
        if (id != null) {
          positions.put(id, i);
        }
      }
    }

    List<Account> accounts() {
      return accounts;
    }

    boolean complete() {
      return complete;
    }

    @Override
    public @Nullable Account byId(String accountId) {
      Integer i = positions.get(accountId);
      return i == null ? null : accounts.get(i);
    }

    /** The account's position in {@link #accounts()}, or -1. */
    int position(String accountId) {
      Integer i = positions.get(accountId);
      return i == null ? -1 : i;
    }

    @Override
    public boolean knowsAbsence() {
      return complete;
    }

    /** Builds the index of an attribute (once; callers may prebuild from one thread). */
    Map<String, Object> index(String attribute) {
      Map<String, Object> idx = indexes.get(attribute);
      if (idx != null) {
        return idx;
      }
      return indexes.computeIfAbsent(attribute, this::build);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> build(String attribute) {
      Map<String, Object> idx = new HashMap<>(accounts.size() * 4 / 3 + 1);
      List<String> keys = new ArrayList<>(2);
      for (Account a : accounts) {
        keys.clear();
        keys(a.attribute(attribute).orElse(null), keys);
        for (String k : keys) {
          Object prev = idx.putIfAbsent(k, a);
          if (prev instanceof Account p && p != a) {
            List<Account> both = new ArrayList<>(2);
            both.add(p);
            both.add(a);
            idx.put(k, both);
          } else if (prev instanceof List<?> list && !list.contains(a)) {
            ((List<Account>) list).add(a);
          }
        }
      }
      return idx;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Account> candidates(String attribute, AttributeValue value) {
      Map<String, Object> idx = index(attribute);
      List<String> keys = new ArrayList<>(1);
      keys(value, keys);
      if (keys.size() == 1) {
        Object hit = idx.get(keys.get(0));
        if (hit == null) {
          return List.of();
        }
        return hit instanceof Account a ? List.of(a) : List.copyOf((List<Account>) hit);
      }
      Set<Account> out = new LinkedHashSet<>();
      for (String k : keys) {
        Object hit = idx.get(k);
        if (hit instanceof Account a) {
          out.add(a);
        } else if (hit != null) {
          out.addAll((List<Account>) hit);
        }
      }
      return List.copyOf(out);
    }

    @Override
    public boolean isTaken(String attribute, AttributeValue value, @Nullable String ownAccountId) {
      for (Account a : candidates(attribute, value)) {
        if (ownAccountId == null || !ownAccountId.equals(a.id())) {
          return true;
        }
      }
      return false;
    }
  }
}
