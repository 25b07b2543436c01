package dev.usher.core.spi;

import dev.usher.core.model.AttributeValue;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One change to one attribute of an account. Multi-valued attributes change element by
 * element ({@link Op#ADD} / {@link Op#REMOVE}), so values someone else added are kept.
 *
 * <pre>{@code
 * connector.update(id, List.of(
 *     AttributeChange.replace("title", AttributeValue.of("SRE")),
 *     AttributeChange.add("emails", AttributeValue.of("alice@new.example.com")),
 *     AttributeChange.remove("nickName")));
 * }</pre>
 *
 * @param op what to do
 * @param attribute the attribute name; {@code userName} and {@code externalId} address those fields
 * @param value the value to add, remove or set; null for REMOVE of the whole attribute
 */
public record AttributeChange(Op op, String attribute, @Nullable AttributeValue value) {
  /** The kind of change. */
  public enum Op {
    /** Add the value (to a multi-valued attribute, or set it when absent). */
    ADD,
    /** Remove the value from a multi-valued attribute, or the whole attribute when value is null. */
    REMOVE,
    /** Set the attribute to exactly this value. */
    REPLACE
  }

  public AttributeChange {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(attribute, "attribute");
    if (attribute.isBlank()) {
      throw new IllegalArgumentException("attribute name is blank");
    }
    if (op != Op.REMOVE && value == null) {
      throw new IllegalArgumentException(op + " of '" + attribute + "' needs a value");
    }
  }

  public static AttributeChange replace(String attribute, AttributeValue value) {
    return new AttributeChange(Op.REPLACE, attribute, value);
  }

  public static AttributeChange add(String attribute, AttributeValue value) {
    return new AttributeChange(Op.ADD, attribute, value);
  }

  public static AttributeChange remove(String attribute, AttributeValue value) {
    return new AttributeChange(Op.REMOVE, attribute, value);
  }

  /** Removes the whole attribute. */
  public static AttributeChange remove(String attribute) {
    return new AttributeChange(Op.REMOVE, attribute, null);
  }
}
