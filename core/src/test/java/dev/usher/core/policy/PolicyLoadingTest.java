package dev.usher.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.Entitlement;
import dev.usher.core.model.EntitlementType;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A realistic three-application policy file, read from YAML and from JSON. */
class PolicyLoadingTest {

  static final User ZOE = User.builder("E1042")
      .givenName("Zoë").familyName("O'Brien-Núñez")
      .email("zoe.obrien@example.com")
      .department("Engineering").title(" Senior Engineer ")
      .role("github-admin")
      .managerId("E1001")
      .startDate(LocalDate.of(2024, 3, 1))
      .attribute("costCenter", "CC-42").attribute("office", "Berlin")
      .build();
  static final User SAM = User.builder("E2001")
      .givenName("Sam").familyName("Sales")
      .email("sam@example.com")
      .department("Sales").title("Senior Account Manager")
      .build();
  static final User KIM = User.builder("E3001")
      .givenName("Kim").familyName("Ops")
      .email("kim@example.com")
      .department("Finance")
      .attribute("salesforceUser", true)
      .status(UserStatus.SUSPENDED)
      .build();

  static Path resource(String name) throws URISyntaxException {
    return Path.of(PolicyLoadingTest.class.getResource("/policy/" + name).toURI());
  }

  @ParameterizedTest
  @ValueSource(strings = {"applications.yaml", "applications.json"})
  void loadsThreeApplications(String file) throws Exception {
    Map<String, Policy> all = Policy.loadAll(resource(file));
    assertThat(all).containsOnlyKeys("github", "slack", "salesforce");

    Policy github = all.get("github");
    assertThat(github.applicationId()).isEqualTo("github");
    assertThat(github.inScope(ZOE)).isTrue();
    assertThat(github.inScope(SAM)).isFalse();
    assertThat(github.inScope(ZOE.toBuilder().status(UserStatus.TERMINATED).build())).isFalse();

    Map<String, Object> zoe = evaluate(github, ZOE, EvaluationContext.NONE);
    assertThat(zoe).containsEntry("userName", "zoeobriennunez")
        .containsEntry("externalId", "E1042")
        .containsEntry("emails", List.of("zoe.obrien@example.com"))
        .containsEntry("displayName", "Zoë O'Brien-Núñez")
        .containsEntry("title", " Senior Engineer ")
        .containsEntry("manager", "E1001");
    AttributeMapping login = github.mappings().get(0);
    assertThat(login.id()).isEqualTo("github-login");
    assertThat(login.applies()).isEqualTo(AttributeMapping.Applies.ON_CREATE);
    assertThat(github.mappings().get(1).id()).isEqualTo("mappings[1]");
    assertThat(github.mappings().get(5).isManagerReference()).isTrue();
    EvaluationContext taken = (attr, v) -> attr.equals("userName") && v.toJava().equals("zoeobriennunez");
    assertThat(login.evaluate(ZOE, taken).toJava()).isEqualTo("zoeobriennuneze1042");

    assertThat(rulesFor(github, ZOE)).containsExactly("engineering-team", "org-owners");
    assertThat(rulesFor(github, ZOE.toBuilder().department("Security").roles(Set.of()).build()))
        .containsExactly("security-team");
    assertThat(github.entitlementRules().get(0).entitlements())
        .containsExactly(EntitlementRef.byName(EntitlementType.TEAM, "Engineering"));
    assertThat(github.managed().manages(Entitlement.of(EntitlementType.TEAM, "42", "Anything"))).isTrue();
    assertThat(github.managed().manages(Entitlement.of(EntitlementType.ROLE, "admin", "Owner"))).isTrue();
    assertThat(github.managed().manages(Entitlement.of(EntitlementType.ROLE, "member", "Member"))).isFalse();

    assertThat(github.correlation()).extracting(CorrelationRule::targetAttribute)
        .containsExactly("externalId", "userName", "emails");
    assertThat(github.correlation().get(1).valueFor(ZOE)).isEqualTo(AttributeValue.of("zoe.obrien"));
    assertThat(github.correlation().get(1).id()).isEqualTo("correlation[1]");

    assertThat(github.deprovisioning().onTerminated()).isEqualTo(Deprovisioning.Action.DISABLE_THEN_DELETE);
    assertThat(github.deprovisioning().gracePeriod()).isEqualTo(Duration.ofDays(30));
    assertThat(github.orphans().action()).isEqualTo(Orphans.Action.REPORT);
    assertThat(github.orphans().excludes(Account.builder("github").userName("svc-ci").build())).isTrue();
    assertThat(github.orphans().excludes(Account.builder("github").userName("root").build())).isTrue();
    assertThat(github.orphans().excludes(Account.builder("github").userName("zoe").build())).isFalse();
    assertThat(github.safety().maxDeprovisionCount()).isEqualTo(20);
    assertThat(github.safety().maxDeprovisionPercent()).isEqualTo(5.0);
    assertThat(github.safety().maxSourceShrinkPercent()).isEqualTo(15.0);

    Policy slack = all.get("slack");
    assertThat(slack.inScope(ZOE)).as("default scope").isTrue();
    assertThat(slack.inScope(KIM)).as("default scope includes SUSPENDED").isTrue();
    assertThat(slack.inScope(KIM.toBuilder().status(UserStatus.TERMINATED).build())).isFalse();
    assertThat(evaluate(slack, ZOE, EvaluationContext.NONE))
        .containsEntry("userName", "zoe.obrien@example.com")
        .containsEntry("displayName", "Zoë O'Brien-Núñez")
        .containsEntry("title", "Senior Engineer")
        .containsEntry("department", "Eng")
        .containsEntry("startDate", "01.03.2024")
        .containsEntry("costCenter", "CC-42")
        .containsEntry("locale", "en-GB");
    assertThat(evaluate(slack, SAM, EvaluationContext.NONE))
        .containsEntry("department", "GTM").doesNotContainKey("costCenter").doesNotContainKey("startDate");
    assertThat(rulesFor(slack, ZOE)).containsExactly("entitlementRules[0]", "entitlementRules[1]");
    assertThat(rulesFor(slack, KIM)).isEmpty();
    assertThat(slack.managed().manages(Entitlement.of(EntitlementType.GROUP, "C1", "#Berlin")))
        .as("by default the entitlements the rules name are managed").isTrue();
    assertThat(slack.managed().manages(Entitlement.of(EntitlementType.GROUP, "C2", "#random"))).isFalse();
    assertThat(slack.deprovisioning().onSuspended()).isEqualTo(Deprovisioning.SuspendedAction.KEEP);
    assertThat(slack.orphans().action()).isEqualTo(Orphans.Action.DISABLE);
    assertThat(slack.safety().maxDeprovisionPercent()).as("default").isEqualTo(10.0);

    Policy salesforce = all.get("salesforce");
    assertThat(salesforce.inScope(SAM)).as("Sales and Senior").isTrue();
    assertThat(salesforce.inScope(SAM.toBuilder().title("Account Manager").build())).isFalse();
    assertThat(salesforce.inScope(KIM)).as("salesforceUser but not ACTIVE").isFalse();
    assertThat(salesforce.inScope(KIM.toBuilder().status(UserStatus.ACTIVE).build())).isTrue();
    assertThat(salesforce.inScope(ZOE.toBuilder().role("sales-ops").build())).isTrue();
    assertThat(evaluate(salesforce, SAM, EvaluationContext.NONE))
        .containsEntry("userName", "sam@example.com.sfdc")
        .containsEntry("profile", "Sales Manager")
        .containsEntry("alias", "samsales");
    assertThat(evaluate(salesforce, ZOE, EvaluationContext.NONE)).containsEntry("alias", "zoeobrie");
    assertThat(rulesFor(salesforce, SAM)).containsExactly("sales-cloud");
    assertThat(salesforce.managed().manages(Entitlement.of(EntitlementType.PERMISSION, "x", "y"))).isTrue();
    assertThat(salesforce.deprovisioning().onTerminated()).isEqualTo(Deprovisioning.Action.DELETE);
    assertThat(salesforce.orphans().action()).isEqualTo(Orphans.Action.IGNORE);
  }

  @Test
  void yamlAndJsonGiveTheSamePolicies() throws Exception {
    Map<String, Policy> yaml = Policy.loadAll(resource("applications.yaml"));
    Map<String, Policy> json = Policy.loadAll(resource("applications.json"));
    for (String app : yaml.keySet()) {
      for (User u : List.of(ZOE, SAM, KIM)) {
        assertThat(evaluate(json.get(app), u, EvaluationContext.NONE)).isEqualTo(evaluate(yaml.get(app), u, EvaluationContext.NONE));
        assertThat(json.get(app).inScope(u)).isEqualTo(yaml.get(app).inScope(u));
        assertThat(rulesFor(json.get(app), u)).isEqualTo(rulesFor(yaml.get(app), u));
      }
    }
  }

  @Test
  void loadsOneApplicationPerFileNamedAfterTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("zoom.yml");
    Files.writeString(file, """
        mappings:
          - target: userName
            expression: lower(user.email)
        """);
    Policy zoom = Policy.load(file);
    assertThat(zoom.applicationId()).isEqualTo("zoom");
    assertThat(zoom.mappings().get(0).evaluate(ZOE, EvaluationContext.NONE)).isEqualTo(AttributeValue.of("zoe.obrien@example.com"));

    Path named = dir.resolve("x.json");
    Files.writeString(named, "{\"application\": \"google\", \"scope\": \"user.department == 'Sales'\"}");
    Policy google = Policy.load(named);
    assertThat(google.applicationId()).isEqualTo("google");
    assertThat(google.inScope(SAM)).isTrue();
    assertThat(google.inScope(ZOE)).isFalse();
  }

  @Test
  void parsesText() {
    Policy p = Policy.parse("{\"safety\": {\"maxDeprovisionCount\": 3}}", Policy.Format.JSON, "app");
    assertThat(p.applicationId()).isEqualTo("app");
    assertThat(p.safety().maxDeprovisionCount()).isEqualTo(3);
    assertThat(p.mappings()).isEmpty();
    assertThat(p.deprovisioning()).isEqualTo(Deprovisioning.defaults());
    assertThat(p.managed().manages(Entitlement.of(EntitlementType.GROUP, "g", "g"))).isFalse();
  }

  static Map<String, Object> evaluate(Policy policy, User user, EvaluationContext ctx) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (AttributeMapping m : policy.mappings()) {
      AttributeValue v = m.evaluate(user, ctx);
      if (v != null) {
        out.put(m.target(), v.toJava());
      }
    }
    return out;
  }

  static List<String> rulesFor(Policy policy, User user) {
    List<String> out = new ArrayList<>();
    for (EntitlementRule r : policy.entitlementRules()) {
      if (r.matches(user)) {
        out.add(r.id());
      }
    }
    return out;
  }
}
