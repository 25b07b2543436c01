package dev.usher.core.source;

import java.util.List;
import java.util.Objects;

/**
 * What changed since the previous snapshot: joiner, mover and leaver events, and warnings.
 *
 * <p>A {@linkplain #suspicious() suspicious} change set lost more people than the detector
 * allows: it holds no leavers (they are kept as they were, and come back as leavers once a
 * later snapshot confirms them or the loss is {@linkplain ChangeDetector#detect(UserSnapshot,
 * boolean) accepted}).
 *
 * @param events the events, leavers first, then joiners, then movers; each group by user id
 * @param warnings why leavers were held back, in words fit for an operator
 * @param suspicious true when leavers were held back because too many people would have left
 * @param heldLeavers how many leavers were held back
 */
public record ChangeSet(List<LifecycleEvent> events, List<String> warnings, boolean suspicious, int heldLeavers) {
  public ChangeSet {
    events = List.copyOf(Objects.requireNonNull(events, "events"));
    warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
  }

  public List<LifecycleEvent> joiners() {
    return of(LifecycleEvent.Type.JOINER);
  }

  public List<LifecycleEvent> movers() {
    return of(LifecycleEvent.Type.MOVER);
  }

  public List<LifecycleEvent> leavers() {
    return of(LifecycleEvent.Type.LEAVER);
  }

  public boolean isEmpty() {
    return events.isEmpty();
  }

  private List<LifecycleEvent> of(LifecycleEvent.Type type) {
    return events.stream().filter(e -> e.type() == type).toList();
  }
}
