package dev.usher.core.policy;

import static dev.usher.core.policy.expr.Expressions.attribute;
import static dev.usher.core.policy.expr.Expressions.lower;
import static dev.usher.core.policy.expr.Expressions.normalizeDiacritics;
import static dev.usher.core.policy.expr.Expressions.selectUnique;
import static dev.usher.core.policy.expr.Expressions.stripNonAlphanumeric;
import static dev.usher.core.policy.expr.Expressions.switchOn;
import static dev.usher.core.policy.expr.Expressions.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.Entitlement;
import dev.usher.core.model.EntitlementType;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import dev.usher.core.policy.expr.Expression;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policies built in Java: typed calls, lambdas and the defaults. */
class PolicyBuilderTest {
  static final User ZOE = PolicyLoadingTest.ZOE;
  static final User SAM = PolicyLoadingTest.SAM;

  @Test
  void defaultsAreSafe() {
    Policy p = Policy.builder("app").build();
    assertThat(p.inScope(ZOE)).isTrue();
    assertThat(p.inScope(ZOE.toBuilder().status(UserStatus.SUSPENDED).build())).isTrue();
    assertThat(p.inScope(ZOE.toBuilder().status(UserStatus.TERMINATED).build())).isFalse();
    assertThat(p.deprovisioning().onTerminated()).isEqualTo(Deprovisioning.Action.DISABLE);
    assertThat(p.deprovisioning().onSuspended()).isEqualTo(Deprovisioning.SuspendedAction.DISABLE);
    assertThat(p.deprovisioning().enableOnReactivation()).isTrue();
    assertThat(p.orphans().action()).isEqualTo(Orphans.Action.REPORT);
    assertThat(p.safety().maxDeprovisionCount()).isEqualTo(50);
    assertThat(p.safety().maxDeprovisionPercent()).isEqualTo(10.0);
    assertThat(p.safety().maxSourceShrinkPercent()).isEqualTo(20.0);
    assertThat(p.managed().manages(Entitlement.of(EntitlementType.GROUP, "g", "G"))).isFalse();
  }

  @Test
  void scopeIsOrAcrossGroupsAndAndWithinAGroup() {
    Scope scope = Scope.builder()
        .group(attribute("department").eq("Engineering"), attribute("title").contains("Senior"))
        .group("user.department == 'Sales' and user.title startsWith 'Senior'")
        .group(Condition.of(u -> u.roles().contains("auditor")))
        .build();
    assertThat(scope.test(ZOE)).isTrue();
    assertThat(scope.test(ZOE.toBuilder().title("Engineer").build())).isFalse();
    assertThat(scope.test(SAM)).isTrue();
    assertThat(scope.test(SAM.toBuilder().department("Finance").role("auditor").build())).isTrue();
    assertThat(scope.groups()).hasSize(3);
    assertThat(Scope.builder().build().test(ZOE)).as("no groups: nobody").isFalse();
  }

  @Test
  void mappingsFromTypedCallsLambdasConstantsAndManagerReferences() {
    Policy p = Policy.builder("github")
        .mapping(AttributeMapping.builder("userName").id("login").onCreate()
            .expression(selectUnique(
                lower(stripNonAlphanumeric(normalizeDiacritics(template("{user.givenName}{user.familyName}")))),
                lower(stripNonAlphanumeric(normalizeDiacritics(template("{user.givenName}{user.familyName}{user.id}"))))))
            .build())
        .map("team", switchOn(attribute("department"), Expression.literal("general"), Map.of("Engineering", "eng")))
        .map("roleCount", u -> u.roles().size())
        .map("broken", u -> u.title().substring(1000))
        .mapping(AttributeMapping.builder("plan").constant("enterprise").build())
        .mapping(AttributeMapping.managerReference("manager"))
        .build();
    EvaluationContext ctx = (attr, v) -> attr.equals("userName") && v.toJava().equals("zoeobriennunez");
    assertThat(p.mappings()).extracting(AttributeMapping::id)
        .containsExactly("login", "mappings[1]", "mappings[2]", "mappings[3]", "mappings[4]", "mappings[5]");
    assertThat(p.mappings().get(0).evaluate(ZOE, ctx)).isEqualTo(AttributeValue.of("zoeobriennuneze1042"));
    assertThat(p.mappings().get(0).applies()).isEqualTo(AttributeMapping.Applies.ON_CREATE);
    assertThat(p.mappings().get(1).evaluate(ZOE, ctx)).isEqualTo(AttributeValue.of("eng"));
    assertThat(p.mappings().get(1).evaluate(SAM, ctx)).isEqualTo(AttributeValue.of("general"));
    assertThat(p.mappings().get(2).evaluate(ZOE, ctx)).isEqualTo(AttributeValue.of(1));
    assertThat(p.mappings().get(3).evaluate(ZOE, ctx)).as("a throwing lambda yields no value").isNull();
    assertThat(p.mappings().get(4).evaluate(ZOE, ctx)).isEqualTo(AttributeValue.of("enterprise"));
    assertThat(p.mappings().get(5).isManagerReference()).isTrue();
    assertThat(p.mappings().get(5).evaluate(ZOE, ctx)).isEqualTo(AttributeValue.of("E1001"));
    assertThat(p.mappings().get(5).evaluate(SAM, ctx)).isNull();
    assertThat(p.toBuilder().build().mappings()).extracting(AttributeMapping::id)
        .containsExactly("login", "mappings[1]", "mappings[2]", "mappings[3]", "mappings[4]", "mappings[5]");
  }

  @Test
  void aMappingNeedsExactlyOneValueSource() {
    assertThatThrownBy(() -> AttributeMapping.builder("x").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("mapping for 'x' needs a value: attribute, constant, expression, function or managerReference");
    assertThatThrownBy(() -> AttributeMapping.builder("x").constant(1).managerReference().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("mapping for 'x' is a manager reference and cannot also have a value expression");
  }

  @Test
  void entitlementReferencesMatchByIdElseByNameIgnoringCase() {
    Entitlement eng = Entitlement.of(EntitlementType.TEAM, "t-1", "Engineering");
    assertThat(EntitlementRef.byId(null, "t-1").matches(eng)).isTrue();
    assertThat(EntitlementRef.byId(EntitlementType.GROUP, "t-1").matches(eng)).isFalse();
    assertThat(EntitlementRef.byName(EntitlementType.TEAM, "ENGINEERING").matches(eng)).isTrue();
    assertThat(EntitlementRef.byName(null, "Eng").matches(eng)).isFalse();
    assertThat(new EntitlementRef(null, "t-1", "Other").matches(eng)).as("id wins over name").isTrue();
    assertThatThrownBy(() -> new EntitlementRef(null, null, null))
        .hasMessage("an entitlement reference needs an id or a display name");
  }

  @Test
  void managedEntitlementsByRefTypeAndPattern() {
    ManagedEntitlements m = ManagedEntitlements.builder()
        .entitlement(EntitlementRef.byName(EntitlementType.GROUP, "Admins"))
        .type(EntitlementType.LICENSE)
        .idPattern("eng-\\d+")
        .namePattern("proj-.*")
        .build();
    assertThat(m.manages(Entitlement.of(EntitlementType.GROUP, "g1", "admins"))).isTrue();
    assertThat(m.manages(Entitlement.of(EntitlementType.LICENSE, "l", "E5"))).isTrue();
    assertThat(m.manages(Entitlement.of(EntitlementType.GROUP, "eng-12", "x"))).isTrue();
    assertThat(m.manages(Entitlement.of(EntitlementType.GROUP, "eng-12x", "x"))).as("whole id must match").isFalse();
    assertThat(m.manages(Entitlement.of(EntitlementType.GROUP, "g2", "PROJ-apollo"))).isTrue();
    assertThat(m.manages(Entitlement.of(EntitlementType.GROUP, "g3", "everyone"))).isFalse();
    assertThat(ManagedEntitlements.ALL.manages(Entitlement.of(EntitlementType.ROLE, "r", "r"))).isTrue();
    assertThat(ManagedEntitlements.NONE.manages(Entitlement.of(EntitlementType.ROLE, "r", "r"))).isFalse();
  }

  @Test
  void rulesNamedByTheirPositionWhenNoIdIsGiven() {
    Policy p = Policy.builder("slack")
        .entitlementRule(EntitlementRule.builder(null).grant(EntitlementRef.byName(null, "#general")).build())
        .entitlementRule(EntitlementRule.builder("eng").when(attribute("department").eq("Engineering"))
            .grant(EntitlementRef.byName(null, "#eng")).build())
        .correlate("externalId", "user.id")
        .correlation(CorrelationRule.of("by-mail", "emails", attribute("email")))
        .build();
    assertThat(p.entitlementRules()).extracting(EntitlementRule::id).containsExactly("entitlementRules[0]", "eng");
    assertThat(p.entitlementRules().get(1).matches(ZOE)).isTrue();
    assertThat(p.entitlementRules().get(1).matches(SAM)).isFalse();
    assertThat(p.correlation()).extracting(CorrelationRule::id).containsExactly("correlation[0]", "by-mail");
    assertThat(p.correlation().get(1).valueFor(ZOE)).isEqualTo(AttributeValue.of("zoe.obrien@example.com"));
    assertThat(p.managed().manages(Entitlement.of(EntitlementType.GROUP, "c", "#ENG"))).isTrue();
    assertThat(p.managed().manages(Entitlement.of(EntitlementType.GROUP, "c", "#random"))).isFalse();
  }

  @Test
  void orphanExclusionsNeverLetAnExceptionThrough() {
    Orphans o = Orphans.builder()
        .action(Orphans.Action.DELETE)
        .exclude("account.userName in ['root', 'breakglass']")
        .exclude(a -> a.attribute("type").orElseThrow().toJava().equals("service"))
        .build();
    assertThat(o.excludes(Account.builder("x").userName("root").build())).isTrue();
    assertThat(o.excludes(Account.builder("x").userName("bot").attribute("type", "service").build())).isTrue();
    assertThat(o.excludes(Account.builder("x").userName("zoe").attribute("type", "person").build())).isFalse();
    assertThat(o.excludes(Account.builder("x").userName("zoe").build()))
        .as("a rule that throws excludes, the safe side").isTrue();
  }

  @Test
  void settingsValidateTheirRanges() {
    assertThatThrownBy(() -> Safety.builder().maxDeprovisionPercent(101))
        .hasMessage("maxDeprovisionPercent must be between 0 and 100 (was 101.0)");
    assertThatThrownBy(() -> Safety.builder().maxSourceShrinkPercent(Double.NaN))
        .hasMessage("maxSourceShrinkPercent must be between 0 and 100 (was NaN)");
    assertThatThrownBy(() -> Safety.builder().maxDeprovisionCount(-1))
        .hasMessage("maxDeprovisionCount must be 0 or more (was -1)");
    assertThatThrownBy(() -> Deprovisioning.builder().gracePeriod(Duration.ofDays(-1)))
        .hasMessage("gracePeriod must not be negative (was PT-24H)");
    Deprovisioning d = Deprovisioning.builder().onTerminated(Deprovisioning.Action.DISABLE_THEN_DELETE)
        .gracePeriod(Duration.ofDays(7)).build();
    assertThat(d.toBuilder().build()).isEqualTo(d);
    assertThat(d.gracePeriod()).isEqualTo(Duration.ofDays(7));
  }
}
