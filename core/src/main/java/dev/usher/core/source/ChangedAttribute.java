package dev.usher.core.source;

import dev.usher.core.model.AttributeValue;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One attribute of a mover that changed: a user field ({@code department}, {@code roles},
 * {@code emails}, ...) or a custom attribute written {@code attributes.<name>}.
 *
 * @param name the field or {@code attributes.<name>}
 * @param before the old value; null when it was absent
 * @param after the new value; null when it is absent now
 */
public record ChangedAttribute(String name, @Nullable AttributeValue before, @Nullable AttributeValue after) {
  public ChangedAttribute {
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String toString() {
    return name + ": " + before + " -> " + after;
  }
}
