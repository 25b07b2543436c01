package dev.usher.core.source;

import dev.usher.core.model.User;
import dev.usher.core.spi.Page;
import dev.usher.core.spi.PageRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Walks the pages of a paged source into one snapshot. */
final class PagedUserSource implements UserSource {
  private final String name;
  private final Function<PageRequest, Page<User>> pages;
  private final int pageSize;

  PagedUserSource(String name, Function<PageRequest, Page<User>> pages, int pageSize) {
    this.name = name;
    this.pages = pages;
    this.pageSize = pageSize;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public UserSnapshot snapshot() {
    Map<String, User> users = new LinkedHashMap<>();
    List<RowProblem> problems = new ArrayList<>();
    DuplicateIds duplicates = new DuplicateIds(name);
    PageRequest request = PageRequest.first(pageSize);
    long index = 0;
    for (int pageNo = 1; ; pageNo++) {
      Page<User> page;
      try {
        page = pages.apply(request);
      } catch (RuntimeException e) {
        return partial(users, problems, duplicates,
            new UserSourceException(name + ": page " + pageNo + " could not be read: " + e.getMessage(), e));
      }
      if (page == null) {
        return partial(users, problems, duplicates,
            new UserSourceException(name + ": page " + pageNo + " was null"));
      }
      for (User u : page.items()) {
        index++;
        if (duplicates.accept(u.id(), index)) {
          users.put(u.id(), u);
        }
      }
      if (!page.complete()) {
        return partial(users, problems, duplicates,
            new UserSourceException(name + ": page " + pageNo + " was truncated by the source"));
      }
      if (page.isLast()) {
        break;
      }
      request = request.next(page.nextToken());
    }
    duplicates.drainInto(users, problems);
    return new UserSnapshot(name, new ArrayList<>(users.values()), problems, true, null, null);
  }

  private UserSnapshot partial(Map<String, User> users, List<RowProblem> problems, DuplicateIds duplicates,
      UserSourceException failure) {
    duplicates.drainInto(users, problems);
    return new UserSnapshot(name, new ArrayList<>(users.values()), problems, false, failure, null);
  }

  @Override
  public String toString() {
    return "PagedUserSource[" + name + "]";
  }
}
