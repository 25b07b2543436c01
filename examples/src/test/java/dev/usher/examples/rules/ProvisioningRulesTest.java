package dev.usher.examples.rules;

import static dev.usher.testkit.UsherAssertions.assertThat;

import dev.usher.core.Usher;
import dev.usher.core.model.Entitlement;
import dev.usher.core.model.EntitlementType;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import dev.usher.core.plan.OperationType;
import dev.usher.core.plan.Plan;
import dev.usher.core.plan.Warning;
import dev.usher.core.policy.Policy;
import dev.usher.core.spi.Capability;
import dev.usher.core.store.InMemoryStateStore;
import dev.usher.testkit.InMemoryConnector;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unit tests of the quickstart's policy file: no network, no fakes of HTTP APIs, only the
 * testkit's in-memory connectors and its plan assertions. Each test says in its name which
 * rule it proves.
 */
class ProvisioningRulesTest {
  private final List<User> hr = new ArrayList<>();
  private Usher usher;

  @BeforeEach
  void wire(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("applications.yaml");
    try (InputStream in = getClass().getResourceAsStream("/quickstart/applications.yaml")) {
      Files.copy(in, file);
    }
    Map<String, Policy> policies = Policy.loadAll(file);
    InMemoryConnector.Builder slack = InMemoryConnector.builder("slack");
    for (String name : List.of("All Staff", "Engineering", "Security", "Sales", "Finance", "People", "Support")) {
      slack.entitlement(group("g-" + name.toLowerCase(Locale.ROOT).replace(' ', '-'), name));
    }
    InMemoryConnector jira = InMemoryConnector.builder("jira").entitlement(group("j-sw", "jira-software-users"))
        .entitlement(group("j-sd", "jira-servicedesk-agents")).build();
    InMemoryConnector github = InMemoryConnector.builder("github")
        .entitlement(Entitlement.of(EntitlementType.TEAM, "team:engineering", "Engineering"))
        .entitlement(Entitlement.of(EntitlementType.TEAM, "team:security", "Security"))
        .entitlement(Entitlement.of(EntitlementType.TEAM, "team:on-call", "On-call"))
        .entitlement(Entitlement.of(EntitlementType.ROLE, "role:admin", "Organization owner"))
        .without(Capability.DISABLE_ACCOUNT)              // as the real GitHub
        .build();
    usher = Usher.builder()
        .application("slack", slack.build(), policies.get("slack"))
        .application("jira", jira, policies.get("jira"))
        .application("github", github, policies.get("github"))
        .users(() -> List.copyOf(hr))
        .stateStore(new InMemoryStateStore())
        .executor(Runnable::run)
        .build();
  }

  @Test
  void anEngineerGetsChatTrackerAndGithubWithTheirTeams() {
    hr.add(person("E1", "Ada", "Lovelace", "Engineering").role("oncall").build());

    Plan plan = usher.plan();

    assertThat(plan)
        .creates("slack", "E1").createsWith("slack", "E1", "userName", "ada.lovelace@example.com")
        .grants("slack", "E1", "All Staff").grants("slack", "E1", "Engineering")
        .creates("jira", "E1").grants("jira", "E1", "jira-software-users")
        .creates("github", "E1").createsWith("github", "E1", "userName", "adalovelace")
        .grants("github", "E1", "team:engineering").grants("github", "E1", "On-call")
        .doesNotGrant("github", "E1", "role:admin")
        .hasNoDeletes().hasNothingStaged();
  }

  @Test
  void salesPeopleGetChatOnly() {
    hr.add(person("E2", "Alan", "Turing", "Sales").build());

    assertThat(usher.plan())
        .creates("slack", "E2").grants("slack", "E2", "Sales").doesNotGrant("slack", "E2", "Engineering")
        .doesNotCreate("jira", "E2").doesNotCreate("github", "E2");
  }

  @Test
  void aMoverToSalesLeavesGithubAndChangesChatGroups() {
    hr.add(person("E1", "Ada", "Lovelace", "Engineering").build());
    hr.addAll(colleagues(19));   // one of twenty is within the safety limit of 10%
    usher.reconcile();
    hr.set(0, person("E1", "Ada", "Lovelace", "Sales").build());

    assertThat(usher.plan())
        .revokes("slack", "E1", "Engineering").grants("slack", "E1", "Sales")
        .deletes("github", "E1")                           // out of scope; GitHub cannot disable
        .disables("jira", "E1");
  }

  @Test
  void aLeaverIsDisabledInChatAndRemovedFromGithub() {
    hr.add(person("E1", "Ada", "Lovelace", "Engineering").build());
    hr.addAll(colleagues(19));
    usher.reconcile();
    hr.set(0, hr.get(0).toBuilder().status(UserStatus.TERMINATED).build());

    assertThat(usher.plan())
        .revokes("slack", "E1", "Engineering").disables("slack", "E1").doesNotDelete("slack", "E1")
        .revokes("github", "E1", "team:engineering").deletes("github", "E1")
        .disables("jira", "E1").doesNotDelete("jira", "E1");   // deleted only after the 30-day grace period
  }

  @Test
  void terminatingAllOfEngineeringAtOnceIsStagedForApproval() {
    hr.addAll(colleagues(20));
    usher.reconcile();
    hr.replaceAll(u -> u.toBuilder().status(UserStatus.TERMINATED).build());

    Plan plan = usher.plan();

    assertThat(plan)
        .stages("github", "C1", OperationType.DELETE).stages("slack", "C20", OperationType.DISABLE)
        .hasWarning(Warning.Kind.THRESHOLD, "github", "exceed the policy's limit")
        .doesNotDelete("github", "C1");                  // nothing is removed until someone approves
  }

  @Test
  void aLoneLeaverInATinyApplicationIsStagedToo() {
    hr.add(person("E1", "Ada", "Lovelace", "Engineering").build());
    usher.reconcile();
    hr.set(0, hr.get(0).toBuilder().status(UserStatus.TERMINATED).build());

    assertThat(usher.plan()).stages("github", "E1", OperationType.DELETE)   // 1 of 1 accounts is over 10%
        .hasWarning(Warning.Kind.THRESHOLD, "github", "100.0% of 1 accounts");
  }

  private static List<User> colleagues(int n) {
    List<User> list = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      list.add(person("C" + i, "Dev", "Colleague" + i, "Engineering").build());
    }
    return list;
  }

  private static User.Builder person(String id, String given, String family, String department) {
    return User.builder(id).givenName(given).familyName(family)
        .email(given.toLowerCase(Locale.ROOT) + "." + family.toLowerCase(Locale.ROOT) + "@example.com")
        .department(department).title("Engineer");
  }

  private static Entitlement group(String id, String name) {
    return Entitlement.of(EntitlementType.GROUP, id, name);
  }
}
