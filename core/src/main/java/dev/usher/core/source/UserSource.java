package dev.usher.core.source;

import dev.usher.core.model.User;
import dev.usher.core.spi.Page;
import dev.usher.core.spi.PageRequest;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where Usher learns who works here: an HR export, an HR system, an identity provider.
 *
 * <p>A source gives a full {@linkplain #snapshot() snapshot} of the people it knows, and may
 * offer a {@linkplain #changeFeed() change feed} for cheap polling between snapshots. A
 * snapshot that could not be read to the end is marked incomplete rather than thrown, so that
 * nobody is mistaken for a leaver because a file was cut short.
 *
 * <pre>{@code
 * UserSource hr = CsvUserSource.of(FileSourceConfig.builder(Path.of("hr.csv"))
 *     .column("EmployeeId", "id").column("Mail", "email").build());
 * UserSnapshot snapshot = hr.snapshot();
 * snapshot.problems().forEach(System.out::println);   // bad rows, with file, line and column
 * }</pre>
 *
 * <p>Implementations are thread-safe: a scheduler may poll while a caller takes a snapshot.
 */
public interface UserSource {

  /** A short name for messages and for remembering this source's last snapshot ({@code "hr.csv"}). */
  String name();

  /**
   * Every person the source knows, read now. Never throws for bad data or I/O: the snapshot is
   * then marked incomplete and carries the failure. A source configured strict throws
   * {@link UserSourceException} listing every bad row instead of loading the good ones.
   */
  UserSnapshot snapshot();

  /** The change feed, when this source can report changes since a point in time. */
  default Optional<ChangeFeed> changeFeed() {
    return Optional.empty();
  }

  /**
   * A source read page by page, for HR systems and directories with paged APIs. The snapshot
   * walks every page; a page that fails or says it is truncated ends the walk and marks the
   * snapshot incomplete.
   *
   * <pre>{@code
   * UserSource directory = UserSource.paged("bamboohr", request -> api.employees(request));
   * }</pre>
   *
   * @param pages reads one page; may throw any runtime exception, which marks the snapshot incomplete
   */
  static UserSource paged(String name, Function<PageRequest, Page<User>> pages) {
    return new PagedUserSource(Objects.requireNonNull(name, "name"), Objects.requireNonNull(pages, "pages"),
        PageRequest.DEFAULT_SIZE);
  }
}
