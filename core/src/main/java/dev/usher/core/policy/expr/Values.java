package dev.usher.core.policy.expr;

import dev.usher.core.model.AttributeValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** Conversions and comparisons between expression values; every method is total. */
final class Values {
  private Values() {}

  /** An attribute value as an expression value. */
  static @Nullable Object fromAttribute(@Nullable AttributeValue v) {
    if (v == null) {
      return null;
    }
    if (v instanceof AttributeValue.StringValue s) {
      return s.value();
    }
    if (v instanceof AttributeValue.NumberValue n) {
      return n.value();
    }
    if (v instanceof AttributeValue.BooleanValue b) {
      return b.value();
    }
    if (v instanceof AttributeValue.DateValue d) {
      return d.value();
    }
    if (v instanceof AttributeValue.TimestampValue t) {
      return t.value();
    }
    return v.toJava();
  }

  /** A plain Java value from a lambda or an expression as an expression value; null when it has none. */
  static @Nullable Object fromJava(@Nullable Object o) {
    if (o == null || o instanceof String || o instanceof BigDecimal || o instanceof Boolean
        || o instanceof LocalDate || o instanceof Instant) {
      return o;
    }
    if (o instanceof AttributeValue av) {
      return fromAttribute(av);
    }
    if (o instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>(c.size());
      for (Object e : c) {
        Object v = fromJava(e);
        if (v != null) {
          out.add(v);
        }
      }
      return Collections.unmodifiableList(out);
    }
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object v = fromJava(e.getValue());
        if (e.getKey() != null && v != null) {
          out.put(e.getKey().toString(), v);
        }
      }
      return Collections.unmodifiableMap(out);
    }
    if (o instanceof Enum<?> e) {
      return e.name();
    }
    try {
      return fromAttribute(AttributeValue.from(o));
    } catch (IllegalArgumentException e) {
      return o.toString();
    }
  }

  /** An expression value as an attribute value; null stays null. */
  static @Nullable AttributeValue toAttribute(@Nullable Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof String s) {
      return new AttributeValue.StringValue(s);
    }
    return AttributeValue.from(o);
  }

  /** The text of a scalar; null for null, lists and objects. */
  static @Nullable String text(@Nullable Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof String s) {
      return s;
    }
    if (o instanceof BigDecimal d) {
      return d.stripTrailingZeros().toPlainString();
    }
    if (o instanceof Boolean || o instanceof LocalDate || o instanceof Instant) {
      return o.toString();
    }
    return null;
  }

  /** Applies a text function to a scalar, or to each element of a list. */
  static @Nullable Object mapText(@Nullable Object o, UnaryOperator<String> f) {
    if (o instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object e : list) {
        Object r = mapText(e, f);
        if (r != null) {
          out.add(r);
        }
      }
      return Collections.unmodifiableList(out);
    }
    String s = text(o);
    return s == null ? null : f.apply(s);
  }

  /** Whether the value counts as absent: null, an empty text or an empty list. */
  static boolean isEmpty(@Nullable Object o) {
    return o == null
        || (o instanceof String s && s.isEmpty())
        || (o instanceof List<?> l && l.isEmpty())
        || (o instanceof Map<?, ?> m && m.isEmpty());
  }

  static boolean isTrue(@Nullable Object o) {
    return Boolean.TRUE.equals(o);
  }

  /** A number from a number or numeric text; null otherwise. */
  static @Nullable BigDecimal number(@Nullable Object o) {
    if (o instanceof BigDecimal d) {
      return d;
    }
    if (o instanceof String s) {
      try {
        return new BigDecimal(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** A date from a date, a timestamp (its UTC date) or ISO text; null otherwise. */
  static @Nullable LocalDate date(@Nullable Object o) {
    if (o instanceof LocalDate d) {
      return d;
    }
    if (o instanceof Instant i) {
      return LocalDate.ofInstant(i, java.time.ZoneOffset.UTC);
    }
    if (o instanceof String s) {
      try {
        return LocalDate.parse(s.trim());
      } catch (DateTimeParseException e) {
        try {
          return LocalDate.ofInstant(Instant.parse(s.trim()), java.time.ZoneOffset.UTC);
        } catch (DateTimeParseException e2) {
          return null;
        }
      }
    }
    return null;
  }

  /** Equality across the value types: numbers by value, dates against ISO text. */
  static boolean equal(@Nullable Object a, @Nullable Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    if (a instanceof LocalDate || b instanceof LocalDate) {
      LocalDate x = date(a);
      LocalDate y = date(b);
      return x != null && x.equals(y);
    }
    if (a instanceof Instant x && b instanceof Instant y) {
      return x.equals(y);
    }
    if ((a instanceof BigDecimal && b instanceof String) || (a instanceof String && b instanceof BigDecimal)) {
      BigDecimal x = number(a);
      BigDecimal y = number(b);
      return x != null && y != null && x.compareTo(y) == 0;
    }
    if ((a instanceof Boolean && b instanceof String) || (a instanceof String && b instanceof Boolean)) {
      return Objects.equals(text(a), text(b));
    }
    return a.equals(b);
  }

  /**
   * Orders two values of a comparable kind (numbers, dates, timestamps, texts); null when they
   * cannot be compared (a missing value or different kinds).
   */
  static @Nullable Integer compare(@Nullable Object a, @Nullable Object b) {
    if (a == null || b == null) {
      return null;
    }
    if (a instanceof BigDecimal || b instanceof BigDecimal) {
      BigDecimal x = number(a);
      BigDecimal y = number(b);
      return x == null || y == null ? null : x.compareTo(y);
    }
    if (a instanceof Instant x && b instanceof Instant y) {
      return x.compareTo(y);
    }
    if (a instanceof LocalDate || b instanceof LocalDate || a instanceof Instant || b instanceof Instant) {
      LocalDate x = date(a);
      LocalDate y = date(b);
      return x == null || y == null ? null : x.compareTo(y);
    }
    if (a instanceof String x && b instanceof String y) {
      return x.compareTo(y);
    }
    return null;
  }

  /** A short description of a value for error messages. */
  static String describe(@Nullable Object o) {
    if (o == null) {
      return "null";
    }
    if (o instanceof String s) {
      return '"' + s + '"';
    }
    return String.valueOf(o);
  }
}
