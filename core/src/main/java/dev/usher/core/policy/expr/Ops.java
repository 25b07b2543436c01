package dev.usher.core.policy.expr;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The operators of conditions, as nodes; shared by the parser and the typed Java calls. */
final class Ops {
  private Ops() {}

  static Node literal(@Nullable Object value) {
    Object v = Values.fromJava(value);
    Type t = v == null ? Type.ANY
        : v instanceof String ? Type.STRING
        : v instanceof BigDecimal ? Type.NUMBER
        : v instanceof Boolean ? Type.BOOLEAN
        : v instanceof java.time.LocalDate ? Type.DATE
        : v instanceof List ? Type.LIST
        : Type.ANY;
    return new Node(t) {
      @Override
      @Nullable Object eval(Env env) {
        return v;
      }

      @Override
      boolean isConstant() {
        return true;
      }
    };
  }

  /** A list built from element expressions; absent elements are left out. */
  static Node list(List<Node> elements) {
    Node[] e = elements.toArray(new Node[0]);
    return new Node(Type.LIST) {
      @Override
      @Nullable Object eval(Env env) {
        java.util.ArrayList<Object> out = new java.util.ArrayList<>(e.length);
        for (Node n : e) {
          Object v = n.eval(env);
          if (v != null) {
            out.add(v);
          }
        }
        return java.util.Collections.unmodifiableList(out);
      }
    };
  }

  static Node and(Node a, Node b) {
    return new Node(Type.BOOLEAN) {
      @Override
      Object eval(Env env) {
        return Values.isTrue(a.eval(env)) && Values.isTrue(b.eval(env));
      }
    };
  }

  static Node or(Node a, Node b) {
    return new Node(Type.BOOLEAN) {
      @Override
      Object eval(Env env) {
        return Values.isTrue(a.eval(env)) || Values.isTrue(b.eval(env));
      }
    };
  }

  static Node not(Node a) {
    return new Node(Type.BOOLEAN) {
      @Override
      Object eval(Env env) {
        return !Values.isTrue(a.eval(env));
      }
    };
  }

  static Node equal(Node a, Node b) {
    return new Node(Type.BOOLEAN) {
      @Override
      Object eval(Env env) {
        return Values.equal(a.eval(env), b.eval(env));
      }
    };
  }

  static Node notEqual(Node a, Node b) {
    return not(equal(a, b));
  }

  /** A comparison that holds when both sides are comparable and the order satisfies the test. */
  static Node compare(Node a, Node b, IntPredicate test) {
    return new Node(Type.BOOLEAN) {
      @Override
      Object eval(Env env) {
        Integer c = Values.compare(a.eval(env), b.eval(env));
        return c != null && test.test(c);
      }
    };
  }

  static Node greater(Node a, Node b) {
    return compare(a, b, c -> c > 0);
  }

  static Node greaterOrEqual(Node a, Node b) {
    return compare(a, b, c -> c >= 0);
  }

  static Node less(Node a, Node b) {
    return compare(a, b, c -> c < 0);
  }

  static Node lessOrEqual(Node a, Node b) {
    return compare(a, b, c -> c <= 0);
  }

  /** Whether the value (or any element of a list value) equals an element of the list. */
  static Node in(Node value, Node list) {
    return new Node(Type.BOOLEAN) {
      @Override
      Object eval(Env env) {
        Object v = value.eval(env);
        Object l = list.eval(env);
        if (v == null || !(l instanceof List<?> candidates)) {
          return false;
        }
        if (v instanceof List<?> values) {
          for (Object x : values) {
            if (contains(candidates, x)) {
              return true;
            }
          }
          return false;
        }
        return contains(candidates, v);
      }
    };
  }

  private static boolean contains(List<?> list, @Nullable Object v) {
    for (Object o : list) {
      if (Values.equal(o, v)) {
        return true;
      }
    }
    return false;
  }

  /** Text containment, or list membership when the left side is a list. */
  static Node contains(Node haystack, Node needle) {
    return new Node(Type.BOOLEAN) {
      @Override
      Object eval(Env env) {
        Object h = haystack.eval(env);
        Object n = needle.eval(env);
        if (h instanceof List<?> list) {
          return n != null && contains(list, n);
        }
        String hs = Values.text(h);
        String ns = Values.text(n);
        return hs != null && ns != null && hs.contains(ns);
      }
    };
  }

  static Node startsWith(Node text, Node prefix) {
    return textTest(text, prefix, String::startsWith);
  }

  static Node endsWith(Node text, Node suffix) {
    return textTest(text, suffix, String::endsWith);
  }

  private interface TextTest {
    boolean test(String text, String arg);
  }

  /** A text test; with a list on the left it holds when any element passes. */
  private static Node textTest(Node text, Node arg, TextTest test) {
    return new Node(Type.BOOLEAN) {
      @Override
      Object eval(Env env) {
        Object t = text.eval(env);
        String a = Values.text(arg.eval(env));
        if (a == null) {
          return false;
        }
        if (t instanceof List<?> list) {
          for (Object o : list) {
            String s = Values.text(o);
            if (s != null && test.test(s, a)) {
              return true;
            }
          }
          return false;
        }
        String s = Values.text(t);
        return s != null && test.test(s, a);
      }
    };
  }

  /** Regular-expression search (find anywhere; anchor with ^ and $); any list element may match. */
  static Node matches(Node text, Pattern pattern) {
    return new Node(Type.BOOLEAN) {
      @Override
      Object eval(Env env) {
        Object t = text.eval(env);
        if (t instanceof List<?> list) {
          for (Object o : list) {
            String s = Values.text(o);
            if (s != null && pattern.matcher(s).find()) {
              return true;
            }
          }
          return false;
        }
        String s = Values.text(t);
        return s != null && pattern.matcher(s).find();
      }
    };
  }

  /** Null, empty text or empty list. */
  static Node isNull(Node a) {
    return new Node(Type.BOOLEAN) {
      @Override
      Object eval(Env env) {
        return Values.isEmpty(a.eval(env));
      }
    };
  }

  static Node isNotNull(Node a) {
    return not(isNull(a));
  }
}
