package dev.usher.core.source;

import dev.usher.core.model.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Gathers the users and bad rows of one read of a file and turns them into a snapshot. */
final class RowCollector {
  private static final Logger LOG = LoggerFactory.getLogger(RowCollector.class);

  private final String file;
  private final Map<String, User> users = new LinkedHashMap<>();
  private final List<RowProblem> problems = new ArrayList<>();
  private final DuplicateIds duplicates;

  RowCollector(String file) {
    this.file = file;
    this.duplicates = new DuplicateIds(file);
  }

  void user(User user, long line) {
    if (duplicates.accept(user.id(), line)) {
      users.put(user.id(), user);
    }
  }

  List<RowProblem> problems() {
    return problems;
  }

  void problem(long line, @Nullable String column, String reason, @Nullable String userId) {
    problems.add(new RowProblem(file, line, column, reason, userId));
  }

  /**
   * The snapshot of what was read.
   *
   * @param failure why reading stopped early, or null when the file was read to its end
   * @throws UserSourceException listing every bad row when {@code strict} and there is one
   */
  UserSnapshot finish(boolean strict, @Nullable UserSourceException failure) {
    duplicates.drainInto(users, problems);
    if (strict && !problems.isEmpty()) {
      throw new UserSourceException(file, problems);
    }
    if (!problems.isEmpty()) {
      LOG.warn("{}: {} bad rows not loaded; first: {}", file, problems.size(), problems.get(0));
    }
    if (failure != null) {
      LOG.warn("{}: read stopped early: {}", file, failure.getMessage());
    }
    return new UserSnapshot(file, new ArrayList<>(users.values()), problems, failure == null, failure, null);
  }
}
