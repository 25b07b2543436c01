package dev.usher.benchmarks.engine;

import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.Entitlement;
import dev.usher.core.model.EntitlementType;
import dev.usher.core.model.User;
import dev.usher.core.policy.AttributeMapping;
import dev.usher.core.policy.CorrelationRule;
import dev.usher.core.policy.EntitlementRef;
import dev.usher.core.policy.EntitlementRule;
import dev.usher.core.policy.Policy;
import dev.usher.core.policy.expr.Expression;
import dev.usher.core.store.Link;
import dev.usher.core.store.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Synthetic users and one application's accounts: 10 mapped attributes, 3 managed department
 * groups, about 5 % of accounts drifted (a stale title, and every 40th a wrong group).
 */
final class Population {
  static final String[] DEPARTMENTS = {"Engineering", "Finance", "Sales"};
  static final String[] LOCATIONS = {"Berlin", "Lisbon", "Austin", "Osaka", "Nairobi"};
  static final List<Entitlement> GROUPS = List.of(
      Entitlement.of(EntitlementType.GROUP, "grp-0", "Engineering"),
      Entitlement.of(EntitlementType.GROUP, "grp-1", "Finance"),
      Entitlement.of(EntitlementType.GROUP, "grp-2", "Sales"));

  final List<User> users;
  final List<Account> accounts;

  Population(int n, String app) {
    users = new ArrayList<>(n);
    accounts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int dept = i % 3;
      User u = User.builder("E" + i).userName("user" + i).givenName("Given" + i).familyName("Family" + i)
          .email("user" + i + "@example.com").department(DEPARTMENTS[dept]).title("Title " + (i % 50))
          .attribute("costCenter", "CC-" + (i % 100)).attribute("location", LOCATIONS[i % 5])
          .attribute("employeeType", "employee").build();
      users.add(u);
      Map<String, AttributeValue> attrs = new TreeMap<>();
      attrs.put("givenName", AttributeValue.of(u.givenName()));
      attrs.put("familyName", AttributeValue.of(u.familyName()));
      attrs.put("email", AttributeValue.of("user" + i + "@example.com"));
      attrs.put("department", AttributeValue.of(u.department()));
      attrs.put("title", AttributeValue.of(i % 20 == 0 ? "Old title" : u.title()));
      attrs.put("costCenter", AttributeValue.of("CC-" + (i % 100)));
      attrs.put("location", AttributeValue.of(LOCATIONS[i % 5]));
      attrs.put("employeeType", AttributeValue.of("employee"));
      String group = "grp-" + (i % 40 == 1 ? (dept + 1) % 3 : dept);
      accounts.add(Account.builder(app).id("A" + i).userName(u.userName()).externalId(u.id())
          .attributes(attrs).entitlementIds(List.of(group)).build());
    }
  }

  /** Every user linked to its account, as after a first run. */
  void link(StateStore store, String tenant, String app) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < users.size(); i++) {
      store.saveLink(tenant, Link.of(app, users.get(i).id(), accounts.get(i).id(), t));
    }
  }

  static Policy policy(String app) {
    Policy.Builder b = Policy.builder(app)
        .mapping(AttributeMapping.builder("userName").attribute("userName").build())
        .mapping(AttributeMapping.builder("externalId").attribute("id").build())
        .mapping(AttributeMapping.builder("givenName").attribute("givenName").build())
        .mapping(AttributeMapping.builder("familyName").attribute("familyName").build())
        .mapping(AttributeMapping.builder("email").attribute("email").build())
        .mapping(AttributeMapping.builder("department").attribute("department").build())
        .mapping(AttributeMapping.builder("title").attribute("title").build())
        .mapping(AttributeMapping.builder("costCenter").attribute("custom.costCenter").build())
        .mapping(AttributeMapping.builder("location").attribute("custom.location").build())
        .mapping(AttributeMapping.builder("employeeType").attribute("custom.employeeType").build())
        .correlation(CorrelationRule.of("externalId", Expression.attribute("id")));
    for (int d = 0; d < 3; d++) {
      b.entitlementRule(EntitlementRule.builder("dept-" + d)
          .when(Expression.attribute("department").eq(DEPARTMENTS[d]))
          .grant(EntitlementRef.byId(EntitlementType.GROUP, "grp-" + d)).build());
    }
    return b.build();
  }
}
