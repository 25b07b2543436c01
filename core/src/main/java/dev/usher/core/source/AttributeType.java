package dev.usher.core.source;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The type a column's text is read as when it becomes a custom attribute. */
public enum AttributeType {
  /** Text as it stands. */
  STRING,
  /** A decimal number ({@code 42}, {@code -1.5}). */
  NUMBER,
  /** {@code true/false}, {@code yes/no} or {@code 1/0}, any case. */
  BOOLEAN,
  /** A calendar date in the column's (or the source's) date format. */
  DATE,
  /** An ISO-8601 instant with offset ({@code 2026-12-03T10:15:30Z}). */
  TIMESTAMP;

  /** Reads the configuration name, any case. */
  @JsonCreator
  public static AttributeType of(String name) {
    for (AttributeType t : values()) {
      if (t.name().equalsIgnoreCase(name.trim())) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown attribute type '" + name + "'; expected one of "
        + Arrays.stream(values()).map(AttributeType::configName).collect(Collectors.joining(", ")));
  }

  /** The name used in configuration: {@code string}, {@code number}, ... */
  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
