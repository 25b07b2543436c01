package dev.usher.testkit.scim;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A parsed SCIM filter (RFC 7644 section 3.4.2.2), evaluated against a JSON resource. */
sealed interface Filter {

  boolean test(JsonNode context);

  enum Op {
    EQ, NE, CO, SW, EW, GT, GE, LT, LE;

    static @Nullable Op of(String word) {
      try {
        return valueOf(word.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException notAnOperator) {
        return null;
      }
    }
  }

  record And(Filter left, Filter right) implements Filter {
    @Override
    public boolean test(JsonNode context) {
      return left.test(context) && right.test(context);
    }
  }

  record Or(Filter left, Filter right) implements Filter {
    @Override
    public boolean test(JsonNode context) {
      return left.test(context) || right.test(context);
    }
  }

  record Not(Filter inner) implements Filter {
    @Override
    public boolean test(JsonNode context) {
      return !inner.test(context);
    }
  }

  record Present(AttrPath path) implements Filter {
    @Override
    public boolean test(JsonNode context) {
      for (JsonNode value : values(context, path)) {
        if (!Nodes.isUnassigned(value)) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code emails[type eq "work" and value co "@example.com"]}. */
  record ValuePath(AttrPath path, Filter inner) implements Filter {
    @Override
    public boolean test(JsonNode context) {
      JsonNode container = container(context, path);
      JsonNode node = container == null ? null : Nodes.get(container, path.attr());
      if (node == null) {
        return false;
      }
      if (node.isArray()) {
        for (JsonNode element : node) {
          if (inner.test(element)) {
            return true;
          }
        }
        return false;
      }
      return inner.test(node);
    }
  }

  record Compare(AttrPath path, Op op, JsonNode value) implements Filter {
    @Override
    public boolean test(JsonNode context) {
      List<JsonNode> actual = values(context, path);
      if (value.isNull()) {
        boolean absent = actual.stream().allMatch(Nodes::isUnassigned);
        return switch (op) {
          case EQ -> absent;
          case NE -> !absent;
          default -> throw ScimException.badRequest(
              "invalidFilter", "Operator " + op + " cannot compare with null");
        };
      }
      if (value.isBoolean() && op.compareTo(Op.GT) >= 0) {
        throw ScimException.badRequest(
            "invalidFilter", "Operator " + op + " cannot compare booleans (" + path + ")");
      }
      if (op == Op.NE) {
        return actual.stream().noneMatch(v -> compare(v, Op.EQ));
      }
      return actual.stream().anyMatch(v -> compare(v, op));
    }

    private boolean compare(JsonNode actual, Op op) {
      boolean caseExact = caseExact(path);
      if (actual.isTextual() && value.isTextual()) {
        String a = actual.asText();
        String b = value.asText();
        Instant left = instant(a);
        Instant right = left == null ? null : instant(b);
        if (left != null && right != null && op != Op.CO && op != Op.SW && op != Op.EW) {
          return ordered(left.compareTo(right), op);
        }
        if (!caseExact) {
          a = a.toLowerCase(Locale.ROOT);
          b = b.toLowerCase(Locale.ROOT);
        }
        return switch (op) {
          case CO -> a.contains(b);
          case SW -> a.startsWith(b);
          case EW -> a.endsWith(b);
          default -> ordered(a.compareTo(b), op);
        };
      }
      if (actual.isNumber() && value.isNumber()) {
        if (op == Op.CO || op == Op.SW || op == Op.EW) {
          return false;
        }
        return ordered(actual.decimalValue().compareTo(value.decimalValue()), op);
      }
      if (actual.isBoolean() && value.isBoolean()) {
        return op == Op.EQ && actual.booleanValue() == value.booleanValue();
      }
      return false;
    }

    private static boolean ordered(int cmp, Op op) {
      return switch (op) {
        case EQ -> cmp == 0;
        case NE -> cmp != 0;
        case GT -> cmp > 0;
        case GE -> cmp >= 0;
        case LT -> cmp < 0;
        case LE -> cmp <= 0;
        default -> false;
      };
    }
  }

  /** Attributes whose values compare case-sensitively (RFC 7643: caseExact). */
  static boolean caseExact(AttrPath path) {
    String attr = path.attr();
    return attr.equalsIgnoreCase("id")
        || attr.equalsIgnoreCase("externalId")
        || attr.equalsIgnoreCase("$ref")
        || (attr.equalsIgnoreCase("members") && "value".equalsIgnoreCase(path.sub()))
        || (attr.equalsIgnoreCase("meta") && "version".equalsIgnoreCase(path.sub()));
  }

  static @Nullable Instant instant(String text) {
    if (text.length() < 10 || text.charAt(4) != '-' || !Character.isDigit(text.charAt(0))) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notADateTime) {
      return null;
    }
  }

  /** The object holding the path's attribute: the resource or one of its extension objects. */
  static @Nullable JsonNode container(JsonNode context, AttrPath path) {
    if (!path.inExtension()) {
      return context;
    }
    return Nodes.get(context, path.urn());
  }

  /**
   * The values a path selects; a multi-valued complex attribute without a sub-attribute stands
   * for its {@code value} sub-attributes.
   */
  static List<JsonNode> values(JsonNode context, AttrPath path) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode container = container(context, path);
    JsonNode node = container == null ? null : Nodes.get(container, path.attr());
    if (node == null) {
      return out;
    }
    String sub = path.sub();
    if (node.isArray()) {
      for (JsonNode element : node) {
        JsonNode picked = element.isObject() ? Nodes.get(element, sub == null ? "value" : sub)
            : (sub == null ? element : null);
        if (picked != null) {
          out.add(picked);
        }
      }
    } else if (sub != null) {
      JsonNode picked = Nodes.get(node, sub);
      if (picked != null) {
        out.add(picked);
      }
    } else {
      out.add(node);
    }
    return out;
  }
}
