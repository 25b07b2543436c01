package dev.usher.core.source;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where one column (or JSON field) of a file goes in a {@link dev.usher.core.model.User}.
 *
 * <p>The target is a user field ({@code id}, {@code userName}, {@code givenName},
 * {@code familyName}, {@code displayName}, {@code email}, {@code phoneNumber},
 * {@code department}, {@code title}, {@code roles}, {@code managerId}, {@code status},
 * {@code startDate}, {@code endDate}) or a custom attribute written {@code attributes.<name>}.
 * In configuration a plain string is the target alone:
 *
 * <pre>{@code
 * columns:
 *   EmployeeId: id
 *   Groups: { target: roles, separator: "|" }
 *   Level: { target: attributes.level, type: number }
 *   Hired: { target: startDate, dateFormat: dd.MM.yyyy }
 * }</pre>
 *
 * @param target the user field or {@code attributes.<name>}
 * @param type how a custom attribute's text is read; default string (JSON values keep their JSON type)
 * @param separator splits the cell into several values; {@code email}, {@code phoneNumber}
 *     and {@code roles} always split, by the source's separator unless this one is set
 * @param dateFormat a {@link java.time.format.DateTimeFormatter} pattern for this column's dates
 */
public record ColumnSpec(
    String target, @Nullable AttributeType type, @Nullable String separator, @Nullable String dateFormat) {

  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public ColumnSpec(
      @JsonProperty("target") String target,
      @JsonProperty("type") @Nullable AttributeType type,
      @JsonProperty("separator") @Nullable String separator,
      @JsonProperty("dateFormat") @Nullable String dateFormat) {
    if (target == null || target.isBlank()) {
      throw new IllegalArgumentException("target is required: a user field or attributes.<name>");
    }
    if (separator != null && separator.isEmpty()) {
      throw new IllegalArgumentException("separator of '" + target + "' is empty");
    }
    this.target = target.trim();
    this.type = type;
    this.separator = separator;
    this.dateFormat = dateFormat;
  }

  /** The column goes to this target as is. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ColumnSpec to(String target) {
    return new ColumnSpec(Objects.requireNonNull(target, "target"), null, null, null);
  }

  /** A custom attribute of this type. */
  public static ColumnSpec attribute(String name, AttributeType type) {
    return new ColumnSpec("attributes." + Objects.requireNonNull(name, "name"), Objects.requireNonNull(type, "type"), null, null);
  }

  /** This spec, splitting cells at {@code separator}. */
  public ColumnSpec splitBy(String separator) {
    return new ColumnSpec(target, type, Objects.requireNonNull(separator, "separator"), dateFormat);
  }

  /** This spec, reading dates with this pattern. */
  public ColumnSpec dateFormat(String pattern) {
    return new ColumnSpec(target, type, separator, Objects.requireNonNull(pattern, "pattern"));
  }
}
