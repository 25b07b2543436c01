package dev.usher.core.source;

import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.Email;
import dev.usher.core.model.PhoneNumber;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import dev.usher.core.source.LifecycleEvent.LeaverReason;
import dev.usher.core.source.LifecycleEvent.Type;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds joiners, movers and leavers by comparing a source's snapshot (or change feed batch)
 * with what it said last time, which a {@link SnapshotStore} remembers.
 *
 * <p>A person is <em>active</em> unless their status is TERMINATED or their end date has
 * passed (by the injected clock, in its zone: the end date is the last working day). A person
 * active now and not before is a JOINER; active before and not now a LEAVER (TERMINATED,
 * END_DATE_PASSED, or DISAPPEARED from the snapshot); active both times with changed
 * attributes a MOVER. Since the end date is checked against the clock, detecting again with
 * an unchanged snapshot after someone's last day yields their leaver event.
 *
 * <p>Safety: a snapshot that is incomplete, or has a bad row without a readable id, makes
 * nobody a leaver by disappearance; a bad row with a readable id keeps that person as they
 * were. A snapshot that would make more than {@code maxLossShare} of the active people
 * leavers is suspicious: it yields no leavers, keeps them as they were, and warns, until a
 * later snapshot no longer loses them or the loss is accepted with
 * {@link #detect(UserSnapshot, boolean) detect(snapshot, true)}.
 *
 * <pre>{@code
 * ChangeDetector detector = ChangeDetector.builder(new InMemorySnapshotStore())
 *     .clock(clock)
 *     .maxLossShare(0.1)
 *     .build();
 * ChangeSet changes = detector.detect(source.snapshot());
 * changes.leavers().forEach(e -> usher.offboard(e.userId()));
 * }</pre>
 *
 * <p>Thread-safe: detections for one source run one at a time.
 */
public final class ChangeDetector {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeDetector.class);

  private final SnapshotStore store;
  private final Clock clock;
  private final double maxLossShare;

  private ChangeDetector(Builder b) {
    this.store = b.store;
    this.clock = b.clock;
    this.maxLossShare = b.maxLossShare;
  }

  public static Builder builder(SnapshotStore store) {
    return new Builder(Objects.requireNonNull(store, "store"));
  }

  public double maxLossShare() {
    return maxLossShare;
  }

  /** The changes since the last detection for this snapshot's source; remembers this snapshot. */
  public ChangeSet detect(UserSnapshot snapshot) {
    return detect(snapshot, false);
  }

  /**
   * The changes since the last detection for this snapshot's source.
   *
   * @param acceptLoss true to let a snapshot that loses more than the allowed share of people
   *     yield its leavers (an operator confirmed the loss is real)
   */
  public synchronized ChangeSet detect(UserSnapshot snapshot, boolean acceptLoss) {
    Objects.requireNonNull(snapshot, "snapshot");
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, clock.getZone());
    Map<String, User> before = store.load(snapshot.source()).map(RememberedUsers::activeUsers).orElse(Map.of());
    Map<String, User> next = new LinkedHashMap<>();
    List<LifecycleEvent> joiners = new ArrayList<>();
    List<LifecycleEvent> movers = new ArrayList<>();
    List<LifecycleEvent> leavers = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();

    for (User now1 : snapshot.users()) {
      seen.add(now1.id());
      User prev = before.get(now1.id());
      LeaverReason inactive = inactiveReason(now1, today);
      if (inactive == null) {
        next.put(now1.id(), now1);
        if (prev == null) {
          joiners.add(event(Type.JOINER, now1.id(), null, now1, List.of(), null, now));
        } else {
          List<ChangedAttribute> changes = diff(prev, now1);
          if (!changes.isEmpty()) {
            movers.add(event(Type.MOVER, now1.id(), prev, now1, changes, null, now));
          }
        }
      } else if (prev != null) {
        leavers.add(event(Type.LEAVER, now1.id(), prev, now1, List.of(), inactive, now));
      }
    }

    List<String> warnings = new ArrayList<>();
    Set<String> held = snapshot.heldIds();
    boolean disappearanceTrusted = snapshot.complete() && !snapshot.hasUnidentifiedRows();
    int keptAsWere = 0;
    for (Map.Entry<String, User> e : before.entrySet()) {
      String id = e.getKey();
      if (seen.contains(id)) {
        continue;
      }
      if (disappearanceTrusted && !held.contains(id)) {
        leavers.add(event(Type.LEAVER, id, e.getValue(), null, List.of(), LeaverReason.DISAPPEARED, now));
      } else {
        next.put(id, e.getValue());
        keptAsWere++;
      }
    }
    if (keptAsWere > 0) {
      warnings.add(snapshot.source() + ": " + keptAsWere + " people missing from the snapshot are kept as they were, "
          + "because " + (!snapshot.complete() ? "the snapshot is incomplete"
              : "their rows are bad or some bad row has no readable id"));
    }

    boolean suspicious = false;
    int heldLeavers = 0;
    if (!leavers.isEmpty() && !before.isEmpty()) {
      double share = (double) leavers.size() / before.size();
      if (share > maxLossShare && !acceptLoss) {
        suspicious = true;
        heldLeavers = leavers.size();
        for (LifecycleEvent l : leavers) {
          next.put(l.userId(), Objects.requireNonNull(l.before()));
        }
        leavers.clear();
        warnings.add(String.format(java.util.Locale.ROOT,
            "%s: suspicious snapshot: %d of %d active people (%.1f%%) would leave, more than the allowed %.1f%%;"
                + " no leavers were produced (accept the loss to let them go)",
            snapshot.source(), heldLeavers, before.size(), share * 100, maxLossShare * 100));
      }
    }
    warnings.forEach(w -> LOG.warn(w));
    store.save(snapshot.source(), new RememberedUsers(now, next, snapshot.changeToken()));

    Comparator<LifecycleEvent> byId = Comparator.comparing(LifecycleEvent::userId);
    leavers.sort(byId);
    joiners.sort(byId);
    movers.sort(byId);
    List<LifecycleEvent> events = new ArrayList<>(leavers);
    events.addAll(joiners);
    events.addAll(movers);
    return new ChangeSet(events, warnings, suspicious, heldLeavers);
  }

  /**
   * The events of a change feed batch for this source, in the order the changes happened;
   * remembers the result and the batch's next token. A removal of an active person is a
   * DISAPPEARED leaver: a feed names removals explicitly, so no loss threshold applies.
   */
  public synchronized ChangeSet apply(String sourceName, ChangeBatch batch) {
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(batch, "batch");
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, clock.getZone());
    Map<String, User> active = new LinkedHashMap<>(
        store.load(sourceName).map(RememberedUsers::activeUsers).orElse(Map.of()));
    List<LifecycleEvent> events = new ArrayList<>();
    for (SourceChange change : batch.changes()) {
      User prev = active.get(change.userId());
      User current = change.user();
      if (current == null) {
        if (prev != null) {
          active.remove(change.userId());
          events.add(event(Type.LEAVER, change.userId(), prev, null, List.of(), LeaverReason.DISAPPEARED, now));
        }
        continue;
      }
      LeaverReason inactive = inactiveReason(current, today);
      if (inactive != null) {
        if (prev != null) {
          active.remove(current.id());
          events.add(event(Type.LEAVER, current.id(), prev, current, List.of(), inactive, now));
        }
      } else {
        active.put(current.id(), current);
        if (prev == null) {
          events.add(event(Type.JOINER, current.id(), null, current, List.of(), null, now));
        } else {
          List<ChangedAttribute> changes = diff(prev, current);
          if (!changes.isEmpty()) {
            events.add(event(Type.MOVER, current.id(), prev, current, changes, null, now));
          }
        }
      }
    }
    store.save(sourceName, new RememberedUsers(now, active, batch.nextToken()));
    return new ChangeSet(events, List.of(), false, 0);
  }

  /** The remembered change feed position of this source, if any. */
  public java.util.Optional<String> changeToken(String sourceName) {
    return store.load(sourceName).map(RememberedUsers::changeToken);
  }

  private static @Nullable LeaverReason inactiveReason(User u, LocalDate today) {
    if (u.status() == UserStatus.TERMINATED) {
      return LeaverReason.TERMINATED;
    }
    if (u.endDate() != null && today.isAfter(u.endDate())) {
      return LeaverReason.END_DATE_PASSED;
    }
    return null;
  }

  private static LifecycleEvent event(Type type, String id, @Nullable User before, @Nullable User after,
      List<ChangedAttribute> changes, @Nullable LeaverReason reason, Instant at) {
    return new LifecycleEvent(type, id, before, after, changes, reason, at);
  }

  private static final Map<String, Function<User, @Nullable AttributeValue>> FIELDS = fields();

  private static Map<String, Function<User, @Nullable AttributeValue>> fields() {
    Map<String, Function<User, @Nullable AttributeValue>> f = new LinkedHashMap<>();
    f.put("userName", u -> text(u.userName()));
    f.put("givenName", u -> text(u.givenName()));
    f.put("familyName", u -> text(u.familyName()));
    f.put("displayName", u -> text(u.displayName()));
    f.put("emails", u -> u.emails().isEmpty() ? null
        : AttributeValue.from(u.emails().stream().map(Email::value).toList()));
    f.put("phoneNumbers", u -> u.phoneNumbers().isEmpty() ? null
        : AttributeValue.from(u.phoneNumbers().stream().map(PhoneNumber::value).toList()));
    f.put("department", u -> text(u.department()));
    f.put("title", u -> text(u.title()));
    f.put("roles", u -> u.roles().isEmpty() ? null : AttributeValue.from(List.copyOf(u.roles())));
    f.put("managerId", u -> text(u.managerId()));
    f.put("status", u -> AttributeValue.of(u.status().name()));
    f.put("startDate", u -> u.startDate() == null ? null : AttributeValue.of(u.startDate()));
    f.put("endDate", u -> u.endDate() == null ? null : AttributeValue.of(u.endDate()));
    return java.util.Collections.unmodifiableMap(f);
  }

  private static @Nullable AttributeValue text(@Nullable String s) {
    return s == null ? null : AttributeValue.of(s);
  }

  /** The attributes that differ, user fields first, then custom attributes by name. */
  static List<ChangedAttribute> diff(User before, User after) {
    List<ChangedAttribute> out = new ArrayList<>();
    for (Map.Entry<String, Function<User, @Nullable AttributeValue>> f : FIELDS.entrySet()) {
      AttributeValue a = f.getValue().apply(before);
      AttributeValue b = f.getValue().apply(after);
      if (!Objects.equals(a, b)) {
        out.add(new ChangedAttribute(f.getKey(), a, b));
      }
    }
    Set<String> names = new TreeSet<>(before.attributes().keySet());
    names.addAll(after.attributes().keySet());
    for (String n : names) {
      AttributeValue a = before.attributes().get(n);
      AttributeValue b = after.attributes().get(n);
      if (!Objects.equals(a, b)) {
        out.add(new ChangedAttribute("attributes." + n, a, b));
      }
    }
    return out;
  }

  /** Configures a {@link ChangeDetector}. */
  public static final class Builder {
    private final SnapshotStore store;
    private Clock clock = Clock.systemUTC();
    private double maxLossShare = 0.25;

    private Builder(SnapshotStore store) {
      this.store = store;
    }

    /** The clock that decides whether an end date has passed; its zone decides what day it is. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The largest share of the previously active people (0 to 1) one snapshot may turn into
     * leavers before it is held as suspicious; default 0.25. With few people, set it higher:
     * with 4 people, one leaver is already 25%.
     */
    public Builder maxLossShare(double share) {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("maxLossShare must be between 0 and 1, was " + share);
      }
      this.maxLossShare = share;
      return this;
    }

    public ChangeDetector build() {
      return new ChangeDetector(this);
    }
  }
}
