package dev.usher.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A typed attribute value: string, boolean, number, date, timestamp, list or nested object.
 *
 * <p>Custom attributes of users and accounts hold these values, so a policy can compare a
 * number as a number and a date as a date. In JSON a value is written as its natural JSON
 * form; dates and timestamps, which JSON lacks, are written as single-key objects
 * {@code {"$date": "2026-12-03"}} and {@code {"$timestamp": "2026-12-03T10:15:30Z"}} so that
 * they read back as the same type.
 *
 * <pre>{@code
 * AttributeValue cost = AttributeValue.of("CC-1042");
 * AttributeValue level = AttributeValue.of(7);
 * AttributeValue tags = AttributeValue.from(List.of("oncall", "sre"));
 * }</pre>
 */
@JsonSerialize(using = AttributeValueJson.Serializer.class)
@JsonDeserialize(using = AttributeValueJson.Deserializer.class)
public sealed interface AttributeValue {

  /** The name of this value's type as used in error messages: {@code string}, {@code number}, ... */
  String typeName();

  /** This value as plain Java: String, Boolean, BigDecimal, LocalDate, Instant, List or Map. */
  Object toJava();

  /** The text of a string value, or the canonical text of any other scalar; lists and objects give empty. */
  default Optional<String> asText() {
    return Optional.empty();
  }

  /** A text value. */
  record StringValue(String value) implements AttributeValue {
    public StringValue {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String typeName() {
      return "string";
    }

    @Override
    public Object toJava() {
      return value;
    }

    @Override
    public Optional<String> asText() {
      return Optional.of(value);
    }

    @Override
    public String toString() {
      return value;
    }
  }

  /** A boolean value. */
  record BooleanValue(boolean value) implements AttributeValue {
    @Override
    public String typeName() {
      return "boolean";
    }

    @Override
    public Object toJava() {
      return value;
    }

    @Override
    public Optional<String> asText() {
      return Optional.of(Boolean.toString(value));
    }

    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  /**
   * A number, kept exactly. Equality ignores trailing zeros: {@code 1.0} equals {@code 1}.
   */
  record NumberValue(BigDecimal value) implements AttributeValue {
    public NumberValue {
      Objects.requireNonNull(value, "value");
      value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    @Override
    public String typeName() {
      return "number";
    }

    @Override
    public Object toJava() {
      return value;
    }

    @Override
    public Optional<String> asText() {
      return Optional.of(value.toPlainString());
    }

    @Override
    public String toString() {
      return value.toPlainString();
    }
  }

  /** A calendar date without time or zone (a start date, an end date). */
  record DateValue(LocalDate value) implements AttributeValue {
    public DateValue {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String typeName() {
      return "date";
    }

    @Override
    public Object toJava() {
      return value;
    }

    @Override
    public Optional<String> asText() {
      return Optional.of(value.toString());
    }

    @Override
    public String toString() {
      return value.toString();
    }
  }

  /** An instant on the time line (a last login, a contract end at midnight UTC). */
  record TimestampValue(Instant value) implements AttributeValue {
    public TimestampValue {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String typeName() {
      return "timestamp";
    }

    @Override
    public Object toJava() {
      return value;
    }

    @Override
    public Optional<String> asText() {
      return Optional.of(value.toString());
    }

    @Override
    public String toString() {
      return value.toString();
    }
  }

  /** An ordered list of values (a multi-valued attribute). */
  record ListValue(List<AttributeValue> values) implements AttributeValue {
    public ListValue {
      values = List.copyOf(Objects.requireNonNull(values, "values"));
    }

    @Override
    public String typeName() {
      return "list";
    }

    @Override
    public Object toJava() {
      List<Object> out = new ArrayList<>(values.size());
      for (AttributeValue v : values) {
        out.add(v.toJava());
      }
      return List.copyOf(out);
    }

    @Override
    public String toString() {
      return values.toString();
    }
  }

  /** A nested object: named values, in insertion order. */
  record ObjectValue(Map<String, AttributeValue> fields) implements AttributeValue {
    public ObjectValue {
      Objects.requireNonNull(fields, "fields");
      fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
      for (Map.Entry<String, AttributeValue> e : fields.entrySet()) {
        Objects.requireNonNull(e.getKey(), "field name");
        Objects.requireNonNull(e.getValue(), () -> "value of field " + e.getKey());
      }
    }

    @Override
    public String typeName() {
      return "object";
    }

    @Override
    public Object toJava() {
      Map<String, Object> out = new LinkedHashMap<>();
      fields.forEach((k, v) -> out.put(k, v.toJava()));
      return java.util.Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
      return fields.toString();
    }
  }

  /** A string value. */
  static AttributeValue of(String value) {
    return new StringValue(value);
  }

  /** A boolean value. */
  static AttributeValue of(boolean value) {
    return new BooleanValue(value);
  }

  /** A whole number. */
  static AttributeValue of(long value) {
    return new NumberValue(BigDecimal.valueOf(value));
  }

  /** A decimal number. */
  static AttributeValue of(BigDecimal value) {
    return new NumberValue(value);
  }

  /** A date. */
  static AttributeValue of(LocalDate value) {
    return new DateValue(value);
  }

  /** A timestamp. */
  static AttributeValue of(Instant value) {
    return new TimestampValue(value);
  }

  /** A list of values. */
  static AttributeValue list(List<AttributeValue> values) {
    return new ListValue(values);
  }

  /** A nested object. */
  static AttributeValue object(Map<String, AttributeValue> fields) {
    return new ObjectValue(fields);
  }

  /**
   * Converts a plain Java value: String, Boolean, any Number, LocalDate, Instant,
   * OffsetDateTime, ZonedDateTime, a Collection or a Map with String keys (recursively), or an
   * AttributeValue (returned as is).
   *
   * @throws IllegalArgumentException naming the type when the value has no attribute form,
   *     or when it is null (absent attributes are left out, not stored as null)
   */
  static AttributeValue from(@Nullable Object value) {
    if (value == null) {
      throw new IllegalArgumentException(
          "attribute value is null: leave an absent attribute out instead of storing null");
    }
    if (value instanceof AttributeValue av) {
      return av;
    }
    if (value instanceof String s) {
      return new StringValue(s);
    }
    if (value instanceof Boolean b) {
      return new BooleanValue(b);
    }
    if (value instanceof BigDecimal d) {
      return new NumberValue(d);
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("attribute value " + d + " is not a finite number");
      }
      return new NumberValue(BigDecimal.valueOf(d));
    }
    if (value instanceof java.math.BigInteger bi) {
      return new NumberValue(new BigDecimal(bi));
    }
    if (value instanceof Number n) {
      return new NumberValue(BigDecimal.valueOf(n.longValue()));
    }
    if (value instanceof LocalDate d) {
      return new DateValue(d);
    }
    if (value instanceof Instant i) {
      return new TimestampValue(i);
    }
    if (value instanceof OffsetDateTime o) {
      return new TimestampValue(o.toInstant());
    }
    if (value instanceof ZonedDateTime z) {
      return new TimestampValue(z.toInstant());
    }
    if (value instanceof Collection<?> c) {
      List<AttributeValue> out = new ArrayList<>(c.size());
      int i = 0;
      for (Object o : c) {
        if (o == null) {
          throw new IllegalArgumentException("list element [" + i + "] is null");
        }
        out.add(from(o));
        i++;
      }
      return new ListValue(out);
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, AttributeValue> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException(
              "object keys must be strings, found " + typeOf(e.getKey()));
        }
        if (e.getValue() == null) {
          throw new IllegalArgumentException("object field '" + key + "' is null");
        }
        out.put(key, from(e.getValue()));
      }
      return new ObjectValue(out);
    }
    throw new IllegalArgumentException(
        "cannot use a " + typeOf(value) + " as an attribute value; expected String, Boolean,"
            + " Number, LocalDate, Instant, a Collection or a Map");
  }

  private static String typeOf(@Nullable Object o) {
    return o == null ? "null" : o.getClass().getName();
  }
}
