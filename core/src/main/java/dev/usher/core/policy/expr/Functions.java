package dev.usher.core.policy.expr;

import dev.usher.core.model.AttributeValue;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The function table: every function's name, arity and how it builds its node. The parser and
 * the typed Java calls ({@link Expressions}) both build through here, so both behave alike.
 */
final class Functions {
  private Functions() {}

  /** Reports a problem with argument {@code index} (or the call itself when -1). */
  interface Reporter {
    RuntimeException error(int index, String reason);
  }

  interface Factory {
    Node build(Node[] args, Reporter report);
  }

  record Spec(String name, int min, int max, String signature, Factory factory) {}

  private static final Map<String, Spec> TABLE = table();

  static @Nullable Spec get(String name) {
    return TABLE.get(name);
  }

  static List<String> names() {
    return List.copyOf(TABLE.keySet());
  }

  /** Builds a call, checking the number of arguments. */
  static Node call(String name, Node[] args, Reporter report) {
    Spec s = TABLE.get(name);
    if (s == null) {
      throw report.error(-1, "unknown function '" + name + "'");
    }
    if (args.length < s.min() || (s.max() >= 0 && args.length > s.max())) {
      throw report.error(-1, s.name() + " takes " + arity(s) + ", got " + args.length + ": " + s.signature());
    }
    return s.factory().build(args, report);
  }

  private static String arity(Spec s) {
    if (s.min() == s.max()) {
      return s.min() + (s.min() == 1 ? " argument" : " arguments");
    }
    if (s.max() < 0) {
      return "at least " + s.min() + (s.min() == 1 ? " argument" : " arguments");
    }
    return s.min() + " to " + s.max() + " arguments";
  }

  private static Map<String, Spec> table() {
    Map<String, Spec> t = new LinkedHashMap<>();
    add(t, "template", 1, -1, "template('{0}.{1}', a, b)", Functions::template);
    add(t, "join", 2, -1, "join(separator, value, ...)", Functions::join);
    add(t, "concat", 1, -1, "concat(value, ...)", Functions::concat);
    add(t, "lower", 1, 1, "lower(text)", (a, r) -> text(a[0], s -> s.toLowerCase(Locale.ROOT)));
    add(t, "upper", 1, 1, "upper(text)", (a, r) -> text(a[0], s -> s.toUpperCase(Locale.ROOT)));
    add(t, "trim", 1, 1, "trim(text)", (a, r) -> text(a[0], String::strip));
    add(t, "substring", 2, 3, "substring(text, start[, length])", Functions::substring);
    add(t, "replace", 3, 3, "replace(text, search, replacement)", Functions::replace);
    add(t, "coalesce", 1, -1, "coalesce(value, ...)", Functions::coalesce);
    add(t, "switch", 2, -1, "switch(value, default, key1, result1, ...)", Functions::switchOf);
    add(t, "if", 2, 3, "if(condition, then[, else])", Functions::ifOf);
    add(t, "normalizeDiacritics", 1, 1, "normalizeDiacritics(text)", (a, r) -> text(a[0], Functions::normalize));
    add(t, "stripNonAlphanumeric", 1, 1, "stripNonAlphanumeric(text)", (a, r) -> text(a[0], Functions::strip));
    add(t, "formatDate", 2, 2, "formatDate(date, 'yyyy-MM-dd')", Functions::formatDate);
    add(t, "split", 2, 2, "split(text, separator)", Functions::split);
    add(t, "first", 1, 1, "first(list)", Functions::first);
    add(t, "length", 1, 1, "length(text or list)", Functions::length);
    add(t, "selectUnique", 1, -1, "selectUnique(candidate, ...)", Functions::selectUnique);
    return Collections.unmodifiableMap(t);
  }

  private static void add(Map<String, Spec> t, String name, int min, int max, String sig, Factory f) {
    t.put(name, new Spec(name, min, max, sig, f));
  }

  private interface TextFunction {
    String apply(String s);
  }

  private static Node text(Node a, TextFunction f) {
    java.util.function.UnaryOperator<String> op = f::apply;
    return new Node(a.type == Type.LIST ? Type.LIST : a.type == Type.ANY ? Type.ANY : Type.STRING) {
      @Override
      @Nullable Object eval(Env env) {
        Object v = a.eval(env);
        return v instanceof String s ? op.apply(s) : Values.mapText(v, op);
      }
    };
  }

  // ---- templates, joining ------------------------------------------------------------------

  private static final Pattern POSITIONAL = Pattern.compile("\\{(\\d+)}");

  /** template('{0}.{1}', a, b): null when a referenced argument is absent. */
  private static Node template(Node[] a, Functions.Reporter r) {
    String format = constantText(a[0], 0, r, "template needs a constant pattern such as '{0}.{1}'");
    List<Object> pieces = new ArrayList<>();
    Matcher m = POSITIONAL.matcher(format);
    int last = 0;
    while (m.find()) {
      pieces.add(format.substring(last, m.start()));
      int index;
      try {
        index = Integer.parseInt(m.group(1));
      } catch (NumberFormatException e) {
        index = Integer.MAX_VALUE;
      }
      if (index < 0 || index >= a.length - 1) {
        throw r.error(0, "template placeholder {" + m.group(1) + "} has no argument: "
            + (a.length - 1) + " given, numbered from {0}");
      }
      pieces.add(a[index + 1]);
      last = m.end();
    }
    pieces.add(format.substring(last));
    return interpolate(pieces);
  }

  /** Text pieces and nodes concatenated; null when any node yields no text. */
  static Node interpolate(List<Object> pieces) {
    Object[] p = pieces.toArray();
    return new Node(Type.STRING) {
      @Override
      @Nullable Object eval(Env env) {
        StringBuilder sb = new StringBuilder();
        for (Object o : p) {
          if (o instanceof String s) {
            sb.append(s);
          } else {
            Object v = ((Node) o).eval(env);
            String s = v instanceof List<?> l ? joinText(l, ",") : Values.text(v);
            if (s == null) {
              return null;
            }
            sb.append(s);
          }
        }
        return sb.toString();
      }
    };
  }

  private static @Nullable String joinText(List<?> l, String sep) {
    if (l.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (Object o : l) {
      String s = Values.text(o);
      if (s != null) {
        if (sb.length() > 0) {
          sb.append(sep);
        }
        sb.append(s);
      }
    }
    return sb.toString();
  }

  private static void flatten(@Nullable Object v, List<String> out) {
    if (v instanceof List<?> l) {
      for (Object o : l) {
        flatten(o, out);
      }
      return;
    }
    String s = Values.text(v);
    if (s != null && !s.isEmpty()) {
      out.add(s);
    }
  }

  /** join(sep, ...): non-empty values (lists flattened) with the separator; null when none. */
  private static Node join(Node[] a, Functions.Reporter r) {
    return new Node(Type.STRING) {
      @Override
      @Nullable Object eval(Env env) {
        String sep = Values.text(a[0].eval(env));
        List<String> parts = new ArrayList<>();
        for (int i = 1; i < a.length; i++) {
          flatten(a[i].eval(env), parts);
        }
        return parts.isEmpty() ? null : String.join(sep == null ? "" : sep, parts);
      }
    };
  }

  /** concat(...): absent values count as empty; null when all are absent. */
  private static Node concat(Node[] a, Functions.Reporter r) {
    return new Node(Type.STRING) {
      @Override
      @Nullable Object eval(Env env) {
        List<String> parts = new ArrayList<>();
        for (Node n : a) {
          flatten(n.eval(env), parts);
        }
        return parts.isEmpty() ? null : String.join("", parts);
      }
    };
  }

  // ---- text ----------------------------------------------------------------------------------

  private static Node substring(Node[] a, Functions.Reporter r) {
    requireType(a, 1, Type.NUMBER, r, "substring's start must be a number");
    if (a.length > 2) {
      requireType(a, 2, Type.NUMBER, r, "substring's length must be a number");
    }
    return new Node(Type.STRING) {
      @Override
      @Nullable Object eval(Env env) {
        Object v = a[0].eval(env);
        BigDecimal start = Values.number(a[1].eval(env));
        BigDecimal length = a.length > 2 ? Values.number(a[2].eval(env)) : null;
        if (start == null || (a.length > 2 && length == null)) {
          return null;
        }
        return Values.mapText(v, s -> cut(s, clampInt(start), length == null ? Integer.MAX_VALUE : clampInt(length)));
      }
    };
  }

  private static int clampInt(BigDecimal d) {
    if (d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      return Integer.MAX_VALUE;
    }
    if (d.compareTo(BigDecimal.valueOf(-Integer.MAX_VALUE)) < 0) {
      return -Integer.MAX_VALUE;
    }
    return d.intValue();
  }

  /** Code points from start (negative: from the end), at most length of them. */
  static String cut(String s, int start, int length) {
    int n = s.codePointCount(0, s.length());
    int from = start < 0 ? Math.max(0, n + start) : Math.min(start, n);
    int count = Math.max(0, Math.min(length, n - from));
    int b = s.offsetByCodePoints(0, from);
    int e = s.offsetByCodePoints(b, count);
    return s.substring(b, e);
  }

  private static Node replace(Node[] a, Functions.Reporter r) {
    return new Node(a[0].type == Type.LIST ? Type.LIST : Type.STRING) {
      @Override
      @Nullable Object eval(Env env) {
        String search = Values.text(a[1].eval(env));
        String replacement = Values.text(a[2].eval(env));
        Object v = a[0].eval(env);
        if (search == null || search.isEmpty()) {
          return Values.mapText(v, s -> s);
        }
        String with = replacement == null ? "" : replacement;
        return Values.mapText(v, s -> s.replace(search, with));
      }
    };
  }

  /** Folded forms of U+0080..U+024F (Latin-1 and Latin Extended-A/B), computed once. */
  private static final String[] LATIN_FOLDS = latinFolds();
  private static final char LATIN_END = 0x250;

  private static String[] latinFolds() {
    String[] folds = new String[LATIN_END - 0x80];
    for (char c = 0x80; c < LATIN_END; c++) {
      folds[c - 0x80] = normalizeFully(String.valueOf(c));
    }
    return folds;
  }

  /** Removes accents: "Zoë Núñez" -> "Zoe Nunez", "Straße" -> "Strasse", "Łódź" -> "Lodz". */
  static String normalize(String s) {
    if (isAscii(s)) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length() + 4);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        sb.append(c);
      } else if (c < LATIN_END) {
        sb.append(LATIN_FOLDS[c - 0x80]);
      } else {
        return normalizeFully(s);
      }
    }
    return sb.toString();
  }

  /** The general path: canonical decomposition, marks removed, special letters folded. */
  static String normalizeFully(String s) {
    String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
    StringBuilder sb = new StringBuilder(decomposed.length() + 4);
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (c < 0x80) {
        sb.append(c);
        continue;
      }
      int type = Character.getType(c);
      if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
          || type == Character.ENCLOSING_MARK) {
        continue;
      }
      String folded = fold(c);
      if (folded != null) {
        sb.append(folded);
      } else {
        sb.append(c);
      }
    }
    String out = sb.toString();
    return isAscii(out) ? out : Normalizer.normalize(out, Normalizer.Form.NFC);
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** Letters that carry no combining mark but still have a plain Latin spelling. */
  private static @Nullable String fold(char c) {
    return switch (c) {
      case 'ß' -> "ss";
      case 'ẞ' -> "SS";
      case 'æ' -> "ae";
      case 'Æ' -> "AE";
      case 'œ' -> "oe";
      case 'Œ' -> "OE";
      case 'ø' -> "o";
      case 'Ø' -> "O";
      case 'đ', 'ð' -> "d";
      case 'Đ', 'Ð' -> "D";
      case 'ł' -> "l";
      case 'Ł' -> "L";
      case 'þ' -> "th";
      case 'Þ' -> "TH";
      case 'ı' -> "i";
      case 'ħ' -> "h";
      case 'Ħ' -> "H";
      default -> null;
    };
  }

  /** Keeps letters and digits of any script: "O'Brien-Núñez" -> "OBrienNúñez". */
  static String strip(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (Character.isLetterOrDigit(cp)) {
        sb.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return sb.toString();
  }

  // ---- choice --------------------------------------------------------------------------------

  /** The first value that is neither absent nor empty; else the last value (so a final '' yields ''). */
  private static Node coalesce(Node[] a, Functions.Reporter r) {
    return new Node(commonType(a, 0, 1)) {
      @Override
      @Nullable Object eval(Env env) {
        Object v = null;
        for (Node n : a) {
          v = n.eval(env);
          if (!Values.isEmpty(v)) {
            return v;
          }
        }
        return v;
      }
    };
  }

  /** switch(value, default, key1, result1, ...): the result whose key equals the value. */
  private static Node switchOf(Node[] a, Functions.Reporter r) {
    if (a.length % 2 != 0) {
      throw r.error(a.length - 1, "switch needs a value, a default and then key/result pairs;"
          + " the last key has no result");
    }
    return new Node(commonType(a, 1, 2)) {
      @Override
      @Nullable Object eval(Env env) {
        Object v = a[0].eval(env);
        if (v != null) {
          for (int i = 2; i < a.length; i += 2) {
            if (Values.equal(v, a[i].eval(env))) {
              return a[i + 1].eval(env);
            }
          }
        }
        return a[1].eval(env);
      }
    };
  }

  private static Node ifOf(Node[] a, Functions.Reporter r) {
    requireType(a, 0, Type.BOOLEAN, r, "if's condition must be true or false");
    return new Node(a.length > 2 && a[1].type == a[2].type ? a[1].type : Type.ANY) {
      @Override
      @Nullable Object eval(Env env) {
        if (Values.isTrue(a[0].eval(env))) {
          return a[1].eval(env);
        }
        return a.length > 2 ? a[2].eval(env) : null;
      }
    };
  }

  private static Type commonType(Node[] a, int from, int step) {
    Type t = null;
    for (int i = from; i < a.length; i += step) {
      if (t == null) {
        t = a[i].type;
      } else if (t != a[i].type) {
        return Type.ANY;
      }
    }
    return t == null ? Type.ANY : t;
  }

  // ---- dates, lists --------------------------------------------------------------------------

  private static Node formatDate(Node[] a, Functions.Reporter r) {
    String pattern = constantText(a[1], 1, r, "formatDate needs a constant pattern such as 'yyyy-MM-dd'");
    DateTimeFormatter f;
    try {
      f = DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC);
    } catch (IllegalArgumentException e) {
      throw r.error(1, "invalid date pattern '" + pattern + "': " + e.getMessage());
    }
    boolean needsTime = needsTime(f);
    return new Node(Type.STRING) {
      @Override
      @Nullable Object eval(Env env) {
        Object v = a[0].eval(env);
        try {
          if (v instanceof Instant i) {
            return f.format(i);
          }
          LocalDate d = Values.date(v);
          if (d == null) {
            return null;
          }
          return needsTime ? f.format(d.atStartOfDay(ZoneOffset.UTC)) : f.format(d);
        } catch (RuntimeException e) {
          return null;
        }
      }
    };
  }

  private static boolean needsTime(DateTimeFormatter f) {
    try {
      f.format(LocalDate.of(2000, 1, 1));
      return false;
    } catch (RuntimeException e) {
      return true;
    }
  }

  private static Node split(Node[] a, Functions.Reporter r) {
    return new Node(Type.LIST) {
      @Override
      @Nullable Object eval(Env env) {
        String s = Values.text(a[0].eval(env));
        String sep = Values.text(a[1].eval(env));
        if (s == null) {
          return null;
        }
        if (sep == null || sep.isEmpty()) {
          return List.of(s);
        }
        List<Object> out = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = s.indexOf(sep, from)) >= 0) {
          out.add(s.substring(from, at));
          from = at + sep.length();
        }
        out.add(s.substring(from));
        return Collections.unmodifiableList(out);
      }
    };
  }

  private static Node first(Node[] a, Functions.Reporter r) {
    return new Node(a[0].type == Type.LIST ? Type.ANY : a[0].type) {
      @Override
      @Nullable Object eval(Env env) {
        Object v = a[0].eval(env);
        if (v instanceof List<?> l) {
          return l.isEmpty() ? null : l.get(0);
        }
        return v;
      }
    };
  }

  private static Node length(Node[] a, Functions.Reporter r) {
    return new Node(Type.NUMBER) {
      @Override
      Object eval(Env env) {
        Object v = a[0].eval(env);
        if (v instanceof List<?> l) {
          return BigDecimal.valueOf(l.size());
        }
        if (v instanceof Map<?, ?> m) {
          return BigDecimal.valueOf(m.size());
        }
        String s = Values.text(v);
        return BigDecimal.valueOf(s == null ? 0 : s.codePointCount(0, s.length()));
      }
    };
  }

  /** The first candidate (lists flattened) that is present and not taken in the target. */
  private static Node selectUnique(Node[] a, Functions.Reporter r) {
    return new Node(Type.ANY) {
      @Override
      @Nullable Object eval(Env env) {
        for (Node n : a) {
          Object v = n.eval(env);
          if (v instanceof List<?> l) {
            for (Object o : l) {
              if (free(env, o)) {
                return o;
              }
            }
          } else if (free(env, v)) {
            return v;
          }
        }
        return null;
      }
    };
  }

  private static boolean free(Env env, @Nullable Object candidate) {
    if (Values.isEmpty(candidate)) {
      return false;
    }
    AttributeValue v = Values.toAttribute(candidate);
    try {
      return v != null && !env.context.isTaken(env.target, v);
    } catch (RuntimeException e) {
      return false;
    }
  }

  // ---- checks ----------------------------------------------------------------------------------

  private static String constantText(Node n, int index, Reporter r, String reason) {
    if (!n.isConstant()) {
      throw r.error(index, reason);
    }
    String s = Values.text(n.eval(new Env(null, null, dev.usher.core.policy.EvaluationContext.NONE, "")));
    if (s == null) {
      throw r.error(index, reason);
    }
    return s;
  }

  private static void requireType(Node[] a, int index, Type type, Reporter r, String reason) {
    if (!a[index].type.fits(type)) {
      throw r.error(index, reason + ", but it is " + a[index].type.label);
    }
  }
}
