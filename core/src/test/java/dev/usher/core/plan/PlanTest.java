package dev.usher.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.model.Account;
import dev.usher.core.model.AttributeValue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanTest {
  static final Instant AT = Instant.parse("2026-12-03T09:00:00Z");

  static Plan sample() {
    Reason joiner = new Reason(Situation.UNMATCHED, "scope", "in scope, no account");
    Reason linked = new Reason(Situation.LINKED, "mappings[2]", "attributes differ from the policy's values");
    Reason leaver = new Reason(Situation.LINKED, "deprovisioning.onTerminated", "the user is terminated");
    Account desired = Account.builder("github").userName("alice").externalId("E1")
        .attribute("startDate", LocalDate.of(2026, 1, 5)).attribute("level", 7).build();
    List<Operation> ops = List.of(
        Operation.grant("github", "E1", null, "team:eng", "Engineering", new Reason(Situation.UNMATCHED, "birthright", "a rule grants it")),
        Operation.create("github", "E1", desired, List.of(new CorrelationKey("externalId", AttributeValue.of("E1"))), joiner),
        Operation.update("slack", "E2", "U2", List.of(ValueChange.of("title", AttributeValue.of("SRE"), AttributeValue.of("Staff SRE")),
            ValueChange.of("nickName", AttributeValue.of("bobby"), null)), linked),
        Operation.update("slack", "E2", "U2", List.of(new ValueChange("manager", null, null, "E1")), linked).asDeferred(),
        Operation.revoke("slack", "E3", "U3", "grp-eng", "Engineering", leaver),
        Operation.disable("slack", "E3", "U3", OperationType.DELETE, leaver));
    List<StagedOperation> staged = List.of(new StagedOperation(
        Operation.delete("slack", null, "U9", OperationType.DISABLE, new Reason(Situation.ORPHAN, "orphans.action", "no user owns this account")),
        "1 deletes and disables (50.0% of 2 accounts) exceed the policy's limit of 50 or 10.0%"));
    List<Warning> warnings = List.of(new Warning(Warning.Kind.DISPUTED, "slack", "E4", null,
        "2 accounts match by email (rule correlation[1]): U5, U6; nothing is done until one is linked by hand or the data is fixed"));
    return new Plan("acme", AT, ops, staged, warnings,
        Map.of("slack", Map.of(Situation.LINKED, 2, Situation.DISPUTED, 1, Situation.ORPHAN, 1),
            "github", Map.of(Situation.UNMATCHED, 1)), 4);
  }

  @Test
  void operationsAreOrderedByApplicationUserAndTypeWhateverTheInputOrder() {
    assertThat(sample().operations()).extracting(Operation::id).containsExactly(
        "github/E1/create", "github/E1/grant/team:eng", "slack/E2/update", "slack/E3/revoke/grp-eng",
        "slack/E3/disable", "slack/E2/update/deferred");
  }

  @Test
  void roundTripsThroughJsonWithTypedValues() {
    Plan plan = sample();
    String json = plan.toJson();
    assertThat(json).contains("\"$date\" : \"2026-01-05\"");
    Plan back = Plan.fromJson(json);
    assertThat(back).isEqualTo(plan);
    assertThat(back.summary()).isEqualTo(plan.summary());
  }

  @Test
  void readingSomethingThatIsNotAPlanSaysWhere() {
    assertThatThrownBy(() -> Plan.fromJson("{\"tenantId\":\"acme\",\"createdAt\":\"2026-12-03T09:00:00Z\",\"bogus\":1}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a plan").hasMessageContaining("bogus");
  }

  @Test
  void summaryIsAReadableTable() {
    assertThat(sample().summary()).isEqualTo("""
        Plan for tenant 'acme' computed 2026-12-03T09:00:00Z: 6 operations, 1 staged, 1 warning

          APPLICATION  USER  ACCOUNT  OPERATION               DETAIL                                                        REASON
          github       E1    -        create                  userName=alice, externalId=E1, level=7, startDate=2026-01-05  UNMATCHED [scope] in scope, no account
          github       E1    -        grant                   team:eng (Engineering)                                        UNMATCHED [birthright] a rule grants it
          slack        E2    U2       update                  title: SRE -> Staff SRE, nickName: bobby -> (none)            LINKED [mappings[2]] attributes differ from the policy's values
          slack        E3    U3       revoke                  grp-eng (Engineering)                                         LINKED [deprovisioning.onTerminated] the user is terminated
          slack        E3    U3       disable                 or delete if unsupported                                      LINKED [deprovisioning.onTerminated] the user is terminated
          slack        E2    U2       update (after creates)  manager: (none) -> <account of E1>                            LINKED [mappings[2]] attributes differ from the policy's values

        Staged until approved:
          ID                       APPLICATION  USER  ACCOUNT  OPERATION  DETAIL                     REASON                                             STAGED BECAUSE
          slack/account:U9/delete  slack        -     U9       delete     or disable if unsupported  ORPHAN [orphans.action] no user owns this account  1 deletes and disables (50.0% of 2 accounts) exceed the policy's limit of 50 or 10.0%

        Warnings:
          DISPUTED slack user E4: 2 accounts match by email (rule correlation[1]): U5, U6; nothing is done until one is linked by hand or the data is fixed

        Totals: create 1, update 2, revoke 1, grant 1, disable 1
        Situations: github (unmatched 1); slack (linked 2, disputed 1, orphan 1)
        """);
  }

  @Test
  void markdownHasTablesOfOperationsStagedOperationsAndWarnings() {
    String md = sample().toMarkdown();
    assertThat(md).startsWith("# Plan for tenant `acme`")
        .contains("| APPLICATION | USER | ACCOUNT | OPERATION | DETAIL | REASON |")
        .contains("| github | E1 | - | create | userName=alice, externalId=E1, level=7, startDate=2026-01-05 |")
        .contains("## Staged until approved").contains("| `slack/account:U9/delete` | delete |")
        .contains("- **DISPUTED** slack user E4: 2 accounts match");
  }

  @Test
  void approvingMovesStagedOperationsIntoThePlan() {
    Plan approved = sample().approve(List.of("slack/account:U9/delete"));
    assertThat(approved.staged()).isEmpty();
    assertThat(approved.operation("slack/account:U9/delete")).isPresent();
    assertThat(approved.counts()).containsEntry(OperationType.DELETE, 1);
    assertThatThrownBy(() -> sample().approve(List.of("nope"))).hasMessageContaining("not staged in this plan: [nope]");
  }

  @Test
  void operationIdsAreUniqueWithinAPlan() {
    Operation op = Operation.enable("slack", "E1", "U1", new Reason(Situation.LINKED, null, "back"));
    assertThatThrownBy(() -> new Plan("acme", AT, List.of(op, op), List.of(), List.of(), Map.of(), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slack/E1/enable");
  }

  @Test
  void operationsRejectMissingEssentials() {
    Reason r = new Reason(Situation.LINKED, null, "x");
    assertThatThrownBy(() -> Operation.update("slack", "E1", "U1", List.of(), r)).hasMessageContaining("at least one change");
    assertThatThrownBy(() -> new Operation("x", OperationType.GRANT, "slack", "E1", "U1", r, null, List.of(), null, null,
        List.of(), null, false)).hasMessageContaining("needs an entitlementId");
    assertThatThrownBy(() -> new Operation("x", OperationType.ENABLE, "slack", null, null, r, null, List.of(), null, null,
        List.of(), null, false)).hasMessageContaining("neither a user nor an account");
  }
}
