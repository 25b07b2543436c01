package dev.usher.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The kind of an entitlement: {@link #GROUP}, {@link #ROLE}, {@link #LICENSE}, {@link #TEAM},
 * {@link #PERMISSION}, or a custom name an application uses ({@code EntitlementType.of("seat")}).
 * Names are lower case; JSON holds the bare name.
 */
public record EntitlementType(String name) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

  public static final EntitlementType GROUP = new EntitlementType("group");
  public static final EntitlementType ROLE = new EntitlementType("role");
  public static final EntitlementType LICENSE = new EntitlementType("license");
  public static final EntitlementType TEAM = new EntitlementType("team");
  public static final EntitlementType PERMISSION = new EntitlementType("permission");

  public EntitlementType {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "entitlement type '" + name + "' is not valid: expected a lower-case name of letters,"
              + " digits, '-' or '_' starting with a letter (e.g. group, role, license, team)");
    }
  }

  /** The type with this name; case is ignored. */
  @JsonCreator
  public static EntitlementType of(String name) {
    Objects.requireNonNull(name, "name");
    return new EntitlementType(name.trim().toLowerCase(Locale.ROOT));
  }

  @JsonValue
  @Override
  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return name;
  }
}
