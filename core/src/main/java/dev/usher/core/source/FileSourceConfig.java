package dev.usher.core.source;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.usher.core.model.UserStatus;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to read a CSV, JSON or JSON Lines file of people. Bound from configuration (the keys
 * are the component names) or built in code:
 *
 * <pre>{@code
 * FileSourceConfig config = FileSourceConfig.builder(Path.of("hr.csv"))
 *     .column("EmployeeId", "id")
 *     .column("Mail", "email")
 *     .column("Groups", ColumnSpec.to("roles").splitBy("|"))
 *     .column("Level", ColumnSpec.attribute("level", AttributeType.NUMBER))
 *     .dateFormat("dd.MM.yyyy")
 *     .statusValue("Left", UserStatus.TERMINATED)
 *     .build();
 * }</pre>
 *
 * @param path the file
 * @param name the source's name in messages and change detection; default the file name
 * @param columns column header (or JSON field) to target; empty maps each column whose header
 *     is a user field name to that field and every other column to a string custom attribute
 * @param dateFormat the date pattern for every date column without its own; default ISO {@code yyyy-MM-dd}
 * @param separator splits multi-valued cells; default {@code ;}
 * @param delimiter the CSV column delimiter, one character; default {@code ,} (CSV only)
 * @param statusValues the source's words for statuses ({@code "Left": TERMINATED}); the names
 *     ACTIVE, SUSPENDED and TERMINATED are always understood, in any case
 * @param strict when true, one bad row fails the whole read; when false, good rows load and
 *     bad ones are reported
 */
public record FileSourceConfig(
    Path path,
    @Nullable String name,
    Map<String, ColumnSpec> columns,
    @Nullable String dateFormat,
    @Nullable String separator,
    @Nullable String delimiter,
    Map<String, UserStatus> statusValues,
    boolean strict) {

  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public FileSourceConfig(
      @JsonProperty(value = "path", required = true) Path path,
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("columns") @Nullable Map<String, ColumnSpec> columns,
      @JsonProperty("dateFormat") @Nullable String dateFormat,
      @JsonProperty("separator") @Nullable String separator,
      @JsonProperty("delimiter") @Nullable String delimiter,
      @JsonProperty("statusValues") @Nullable Map<String, UserStatus> statusValues,
      @JsonProperty("strict") boolean strict) {
    this.path = Objects.requireNonNull(path, "path");
    this.name = name;
    this.columns = columns == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    this.columns.forEach((k, v) -> Objects.requireNonNull(v, () -> "columns." + k));
    this.dateFormat = dateFormat;
    if (separator != null && separator.isEmpty()) {
      throw new IllegalArgumentException("separator is empty");
    }
    this.separator = separator;
    if (delimiter != null && delimiter.length() != 1) {
      throw new IllegalArgumentException("delimiter must be one character, was '" + delimiter + "'");
    }
    this.delimiter = delimiter;
    this.statusValues = statusValues == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(statusValues));
    this.strict = strict;
  }

  public static Builder builder(Path path) {
    return new Builder(Objects.requireNonNull(path, "path"));
  }

  public Builder toBuilder() {
    Builder b = new Builder(path);
    b.name = name;
    b.columns.putAll(columns);
    b.dateFormat = dateFormat;
    b.separator = separator;
    b.delimiter = delimiter;
    b.statusValues.putAll(statusValues);
    b.strict = strict;
    return b;
  }

  /** The name used in messages: the configured name, else the file name. */
  public String sourceName() {
    if (name != null && !name.isBlank()) {
      return name;
    }
    Path file = path.getFileName();
    return file == null ? path.toString() : file.toString();
  }

  /** Builds {@link FileSourceConfig}s; not thread-safe. */
  public static final class Builder {
    private final Path path;
    private @Nullable String name;
    private final Map<String, ColumnSpec> columns = new LinkedHashMap<>();
    private @Nullable String dateFormat;
    private @Nullable String separator;
    private @Nullable String delimiter;
    private final Map<String, UserStatus> statusValues = new LinkedHashMap<>();
    private boolean strict;

    private Builder(Path path) {
      this.path = path;
    }

    public Builder name(@Nullable String name) {
      this.name = name;
      return this;
    }

    /** Maps a column to a user field or {@code attributes.<name>}. */
    public Builder column(String column, String target) {
      return column(column, ColumnSpec.to(target));
    }

    public Builder column(String column, ColumnSpec spec) {
      columns.put(Objects.requireNonNull(column, "column"), Objects.requireNonNull(spec, "spec"));
      return this;
    }

    public Builder dateFormat(@Nullable String pattern) {
      this.dateFormat = pattern;
      return this;
    }

    public Builder separator(@Nullable String separator) {
      this.separator = separator;
      return this;
    }

    public Builder delimiter(char delimiter) {
      this.delimiter = String.valueOf(delimiter);
      return this;
    }

    public Builder statusValue(String sourceValue, UserStatus status) {
      statusValues.put(Objects.requireNonNull(sourceValue, "sourceValue"), Objects.requireNonNull(status, "status"));
      return this;
    }

    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    public FileSourceConfig build() {
      return new FileSourceConfig(path, name, columns, dateFormat, separator, delimiter, statusValues, strict);
    }
  }
}
