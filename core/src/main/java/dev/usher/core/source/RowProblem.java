package dev.usher.core.source;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One bad row (or record) of a source: where it is and what is wrong with it.
 *
 * <pre>
 * hr.csv line 12, column 'StartDate': expected a date as yyyy-MM-dd, was '31/12/2026'
 * hr.jsonl line 4: not valid JSON: Unexpected character ('}' ...) at column 17
 * </pre>
 *
 * @param file the file (or source name) the row came from
 * @param line the 1-based line where the row starts; 0 when the source has no lines
 * @param column the column header or JSON field at fault; null when the whole row is at fault
 * @param reason what is wrong and what was expected
 * @param userId the row's user id when it could be read, so change detection can keep that
 *     person as they were instead of mistaking them for a leaver
 */
public record RowProblem(String file, long line, @Nullable String column, String reason, @Nullable String userId) {
  public RowProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(reason, "reason");
  }

  public Optional<String> columnName() {
    return Optional.ofNullable(column);
  }

  public Optional<String> user() {
    return Optional.ofNullable(userId);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(" line ").append(line);
    }
    if (column != null) {
      sb.append(", column '").append(column).append('\'');
    }
    return sb.append(": ").append(reason).toString();
  }
}
