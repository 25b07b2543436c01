package dev.usher.core.source;

import dev.usher.core.model.User;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds user ids given by more than one row. Neither row can be trusted over the other, so
 * every row with a duplicated id is reported and none is loaded.
 */
final class DuplicateIds {
  private final String file;
  private final Map<String, Long> firstLine = new HashMap<>();
  private final Map<String, List<Long>> duplicated = new LinkedHashMap<>();

  DuplicateIds(String file) {
    this.file = file;
  }

  /** Records the id at this line; false when an earlier row had it already. */
  boolean accept(String id, long line) {
    Long first = firstLine.putIfAbsent(id, line);
    if (first == null) {
      return true;
    }
    duplicated.computeIfAbsent(id, k -> new ArrayList<>(List.of(first))).add(line);
    return false;
  }

  /** Removes duplicated ids from {@code users} and reports each of their rows. */
  void drainInto(Map<String, User> users, List<RowProblem> problems) {
    for (Map.Entry<String, List<Long>> e : duplicated.entrySet()) {
      users.remove(e.getKey());
      List<Long> lines = e.getValue();
      for (Long line : lines) {
        List<Long> others = new ArrayList<>(lines);
        others.remove(line);
        problems.add(new RowProblem(file, line, null,
            "duplicate user id '" + e.getKey() + "' (also on " + (others.size() == 1 ? "line " : "lines ")
                + join(others) + "); no row with this id is loaded", e.getKey()));
      }
    }
    problems.sort((a, b) -> Long.compare(a.line(), b.line()));
  }

  private static String join(List<Long> lines) {
    StringBuilder sb = new StringBuilder();
    for (Long l : lines) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(l);
    }
    return sb.toString();
  }
}
