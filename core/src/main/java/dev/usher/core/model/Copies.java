package dev.usher.core.model;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Defensive, null-tolerant copies used by the model's compact constructors. */
final class Copies {
  private Copies() {}

  static <T> List<T> list(@Nullable Collection<? extends T> in, String name) {
    if (in == null) {
      return List.of();
    }
    int i = 0;
    for (T t : in) {
      if (t == null) {
        throw new NullPointerException(name + "[" + i + "] is null");
      }
      i++;
    }
    return List.copyOf(in);
  }

  /** A sorted, unmodifiable set, so that equal values print and serialise identically. */
  static Set<String> sortedSet(@Nullable Collection<String> in, String name) {
    if (in == null || in.isEmpty()) {
      return Set.of();
    }
    TreeSet<String> out = new TreeSet<>();
    for (String s : in) {
      out.add(Objects.requireNonNull(s, () -> name + " contains null"));
    }
    return Collections.unmodifiableSortedSet(out);
  }

  /** A map sorted by key, unmodifiable, rejecting null keys and values by name. */
  static Map<String, AttributeValue> attributes(
      @Nullable Map<String, AttributeValue> in, String name) {
    if (in == null || in.isEmpty()) {
      return Map.of();
    }
    TreeMap<String, AttributeValue> out = new TreeMap<>();
    for (Map.Entry<String, AttributeValue> e : in.entrySet()) {
      String key = Objects.requireNonNull(e.getKey(), () -> name + " has a null key");
      out.put(key, Objects.requireNonNull(e.getValue(), () -> name + "." + key + " is null"));
    }
    return Collections.unmodifiableSortedMap(out);
  }
}
