package dev.usher.core.policy.expr;

import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.Email;
import dev.usher.core.model.PhoneNumber;
import dev.usher.core.model.User;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The attributes an expression may name: {@code user.<name>} and {@code account.<name>}. */
final class Attributes {
  private Attributes() {}

  /** Prefix of custom user attributes: {@code user.custom.costCenter}. */
  static final String CUSTOM = "custom";

  private record Accessor(Type type, Function<User, @Nullable Object> read) {}

  private static final Map<String, Accessor> USER = userAccessors();

  /** Account fields; any other name reads an account attribute. */
  static final List<String> ACCOUNT_FIELDS = List.of("id", "externalId", "userName", "active", "entitlementIds");

  private static Map<String, Accessor> userAccessors() {
    Map<String, Accessor> m = new LinkedHashMap<>();
    m.put("id", new Accessor(Type.STRING, User::id));
    m.put("userName", new Accessor(Type.STRING, User::userName));
    m.put("givenName", new Accessor(Type.STRING, User::givenName));
    m.put("familyName", new Accessor(Type.STRING, User::familyName));
    m.put("displayName", new Accessor(Type.STRING, User::displayName));
    m.put("email", new Accessor(Type.STRING, u -> u.primaryEmail().orElse(null)));
    m.put("emails", new Accessor(Type.LIST, u -> emails(u.emails())));
    m.put("phoneNumber", new Accessor(Type.STRING, u -> primaryPhone(u.phoneNumbers())));
    m.put("phoneNumbers", new Accessor(Type.LIST, u -> phones(u.phoneNumbers())));
    m.put("department", new Accessor(Type.STRING, User::department));
    m.put("title", new Accessor(Type.STRING, User::title));
    m.put("roles", new Accessor(Type.LIST, u -> List.copyOf(u.roles())));
    m.put("managerId", new Accessor(Type.STRING, User::managerId));
    m.put("status", new Accessor(Type.STRING, u -> u.status().name()));
    m.put("startDate", new Accessor(Type.DATE, User::startDate));
    m.put("endDate", new Accessor(Type.DATE, User::endDate));
    return Collections.unmodifiableMap(m);
  }

  /** Every name valid after {@code user.}, for error messages and suggestions. */
  static List<String> userNames() {
    List<String> names = new ArrayList<>(USER.keySet());
    names.add(CUSTOM);
    return names;
  }

  static boolean isUserAttribute(String name) {
    return USER.containsKey(name);
  }

  /** A node reading a built-in user attribute; the name must be one of {@link #userNames()}. */
  static Node user(String name) {
    Accessor a = USER.get(name);
    if (a == null) {
      throw new IllegalArgumentException("unknown user attribute '" + name + "'");
    }
    Function<User, @Nullable Object> read = a.read();
    return new Node(a.type()) {
      @Override
      @Nullable Object eval(Env env) {
        User u = env.user;
        return u == null ? null : read.apply(u);
      }
    };
  }

  /** A node reading a custom user attribute, following a path into nested objects. */
  static Node custom(List<String> path) {
    String[] p = path.toArray(new String[0]);
    return new Node(Type.ANY) {
      @Override
      @Nullable Object eval(Env env) {
        User u = env.user;
        return u == null ? null : Values.fromAttribute(walk(u.attributes(), p));
      }
    };
  }

  /** A node reading an account field or attribute, following a path into nested objects. */
  static Node account(List<String> path) {
    String[] p = path.toArray(new String[0]);
    String head = p[0];
    Type type = switch (head) {
      case "id", "externalId", "userName" -> p.length == 1 ? Type.STRING : Type.ANY;
      case "active" -> p.length == 1 ? Type.BOOLEAN : Type.ANY;
      case "entitlementIds" -> p.length == 1 ? Type.LIST : Type.ANY;
      default -> Type.ANY;
    };
    return new Node(type) {
      @Override
      @Nullable Object eval(Env env) {
        Account a = env.account;
        if (a == null) {
          return null;
        }
        if (p.length == 1) {
          switch (head) {
            case "id":
              return a.id();
            case "entitlementIds":
              return List.copyOf(a.entitlementIds());
            default:
              return Values.fromAttribute(a.attribute(head).orElse(null));
          }
        }
        return Values.fromAttribute(walk(a.attributes(), p));
      }
    };
  }

  private static @Nullable AttributeValue walk(Map<String, AttributeValue> root, String[] path) {
    AttributeValue v = root.get(path[0]);
    for (int i = 1; i < path.length && v != null; i++) {
      v = v instanceof AttributeValue.ObjectValue o ? o.fields().get(path[i]) : null;
    }
    return v;
  }

  private static List<Object> emails(List<Email> emails) {
    List<Object> out = new ArrayList<>(emails.size());
    for (Email e : emails) {
      out.add(e.value());
    }
    return Collections.unmodifiableList(out);
  }

  private static @Nullable String primaryPhone(List<PhoneNumber> phones) {
    for (PhoneNumber p : phones) {
      if (p.primary()) {
        return p.value();
      }
    }
    return phones.isEmpty() ? null : phones.get(0).value();
  }

  private static List<Object> phones(List<PhoneNumber> phones) {
    List<Object> out = new ArrayList<>(phones.size());
    for (PhoneNumber p : phones) {
      out.add(p.value());
    }
    return Collections.unmodifiableList(out);
  }
}
