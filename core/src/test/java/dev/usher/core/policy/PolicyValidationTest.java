package dev.usher.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.usher.core.ConfigurationException;
import dev.usher.core.ConfigurationException.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken policy file reports every problem at once, each with its key path. */
class PolicyValidationTest {

  @Test
  void reportsEveryProblemOfABrokenFileAtOnce() throws Exception {
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
        () -> Policy.loadAll(PolicyLoadingTest.resource("broken.yaml")));
    assertThat(e).isNotNull();
    List<String> lines = e.problems().stream().map(Problem::toString).toList();
    assertThat(lines).containsExactly(
        "applications.github.correlation[0]: needs a value to look for: attribute or expression",
        "applications.github.correlation[1].expression: expected ',' or ')' to close the call of lower at column 6,"
            + " found end of expression (line 37, column 58)\n"
            + "    lower(user.email\n"
            + "                    ^",
        "applications.github.deprovisioning.enableOnReactivation: expected true or false, found text 'maybe'",
        "applications.github.deprovisioning.gracePeriod: expected a duration that is not negative, such as P30D,"
            + " PT12H, 30d or 12h; found text 'thirty days'",
        "applications.github.deprovisioning.onTerminated: expected one of disable, delete, disableThenDelete, found 'shred'",
        "applications.github.entitlementRules[0].grant: expected a non-empty list of entitlements, found an empty list",
        "applications.github.entitlementRules[0].when: a condition must be true or false, but this is text;"
            + " compare it, e.g. with == or startsWith (line 24, column 15)\n"
            + "    user.department\n"
            + "    ^",
        "applications.github.entitlementRules[1].grant[0].type: expected an entitlement type such as group, role,"
            + " license, team or permission (lower case letters, digits, - and _), found 'Team!'",
        "applications.github.entitlementRules[1].grant[1]: give either id or name, not both: an id is matched"
            + " exactly, a name case-insensitively",
        "applications.github.entitlementRules[1].when.anyOf[0].equal: unknown key 'equal' (line 28, column 40);"
            + " did you mean 'equals'?",
        "applications.github.entitlementRules[1].when.anyOf[1].greaterThan: expected text, a number or true/false,"
            + " found a list",
        "applications.github.managedEntitlements.namePatterns[0]: invalid regular expression 'eng-[':"
            + " Unclosed character class at character 5",
        "applications.github.mapings: unknown key 'mapings' (line 4, column 5); did you mean 'mappings'?",
        "applications.github.mappings[0].expression: unknown function 'lowr'; did you mean 'lower'? (line 7, column 22)\n"
            + "    lowr(\"{user.givenName}.{user.familyName}\")\n"
            + "    ^",
        "applications.github.mappings[1].attribute: unknown attribute 'user.fullName' (custom attributes are read"
            + " as user.custom.fullName)",
        "applications.github.mappings[2].expression: a mapping takes exactly one of attribute, constant,"
            + " expression, template or managerReference; found constant and expression",
        "applications.github.mappings[3]: needs a value: one of attribute, constant, expression, template or"
            + " managerReference",
        "applications.github.mappings[4].target: is missing",
        "applications.github.mappings[5].applies: expected one of always, onCreate, found 'sometimes'",
        "applications.github.mappings[5].template: unknown attribute 'user.familyNam' (custom attributes are read"
            + " as user.custom.familyNam); did you mean 'user.familyName'? (line 16, column 43)\n"
            + "    {user.givenName}.{user.familyNam}\n"
            + " ".repeat(4 + 23) + "^",
        "applications.github.mappings[6].expression: invalid date pattern 'yyyy-MM-dd qq ppp': Pad letter 'p' must"
            + " be followed by valid pad pattern: yyyy-MM-dd qq ppp (line 19, column 48)\n"
            + "    formatDate(user.startDate, 'yyyy-MM-dd qq ppp')\n"
            + "                               ^",
        "applications.github.mappings[7].managerReference: expected true or false, found text 'yes please'",
        "applications.github.orphans.action: expected one of ignore, report, disable, delete, found 'delete-all';"
            + " did you mean 'delete'?",
        "applications.github.orphans.exclude[0]: this expression is about an account: use account.<attribute>,"
            + " not user.<attribute> (line 45, column 11)\n"
            + "    user.userName == \"root\"\n"
            + "    ^",
        "applications.github.orphans.exclude[1].startsWith: expected text, found the number 5",
        "applications.github.safety.maxDeprovisionCount: expected a whole number, 0 or more; found the number -1",
        "applications.github.safety.maxDeprovisionPercent: expected a percentage between 0 and 100; found the number 150",
        "applications.github.scope: unknown attribute 'user.departmnt' (custom attributes are read as"
            + " user.custom.departmnt); did you mean 'user.department'? (line 3, column 18)\n"
            + "    user.departmnt == \"Engineering\"\n"
            + "         ^",
        "applications.slack.mappings[0].expression: unknown attribute 'user.emal' (custom attributes are read as"
            + " user.custom.emal); did you mean 'user.email' or 'user.emails'? (line 56, column 24)\n"
            + "      lower(user.emal))\n"
            + " ".repeat(4 + 13) + "^",
        "applications.slack.mappings[2].target: 'userName' is already mapped by applications.slack.mappings[1];"
            + " each target attribute may be mapped once");
    assertThat(e.getMessage()).startsWith("policy file ").contains("broken.yaml is invalid (30 problems):\n"
        + "  applications.github.correlation[0]: needs a value");
  }

  @Test
  void malformedYamlNamesLineAndColumn() {
    assertThatThrownBy(() -> Policy.parse("mappings:\n  - target: x\n   expression: [", Policy.Format.YAML, "app"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("policy app is not well-formed YAML at line 3");
  }

  @Test
  void malformedJsonNamesLineAndColumn() {
    assertThatThrownBy(() -> Policy.parse("{\"mappings\": [\n  {\"target\": }]}", Policy.Format.JSON, "app"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("policy app is not well-formed JSON at line 2, column 14");
  }

  @Test
  void aFileForManyApplicationsNeedsTheApplicationsKey() {
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
        () -> Policy.parse("applications: {}", Policy.Format.YAML, "x"));
    assertThat(e.problems()).extracting(Problem::toString)
        .containsExactly("applications: unknown key 'applications' (line 1, column 1); did you mean 'application'?");
  }

  @Test
  void loadAllRejectsAFileWithoutApplications(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("all.yaml");
    Files.writeString(file, "aplications:\n  github: {}\n");
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> Policy.loadAll(file));
    assertThat(e.problems()).extracting(Problem::toString).containsExactly(
        "aplications: unknown key 'aplications' (line 1, column 1); did you mean 'applications'?",
        "applications: is missing: expected a map of application id to policy");
  }

  @Test
  void rejectsUnknownExtensionsMissingFilesAndEmptyFiles(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> Policy.load(dir.resolve("p.toml")))
        .isInstanceOf(ConfigurationException.class).hasMessageEndingWith("has an unknown extension: expected .yaml, .yml or .json");
    assertThatThrownBy(() -> Policy.load(dir.resolve("missing.yaml")))
        .isInstanceOf(ConfigurationException.class).hasMessageEndingWith("missing.yaml does not exist");
    Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
    assertThatThrownBy(() -> Policy.load(empty))
        .isInstanceOf(ConfigurationException.class).hasMessageEndingWith("empty.yaml is empty");
  }

  @Test
  void duplicateKeysAreReported() {
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
        () -> Policy.parse("safety:\n  maxDeprovisionCount: 1\n  maxDeprovisionCount: 2\n", Policy.Format.YAML, "x"));
    assertThat(e.problems()).extracting(Problem::toString).containsExactly(
        "safety.maxDeprovisionCount: duplicate key 'maxDeprovisionCount' at line 3, column 3 (first at line 2, column 3)");
  }

  @Test
  void theJavaBuilderRejectsDuplicateTargetsAndIds() {
    Policy.Builder b = Policy.builder("app")
        .map("userName", "user.email")
        .map("userName", "user.id")
        .entitlementRule(EntitlementRule.builder("r").grant(EntitlementRef.byId(null, "a")).build())
        .entitlementRule(EntitlementRule.builder("r").grant(EntitlementRef.byId(null, "b")).build());
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class, b::build);
    assertThat(e.problems()).extracting(Problem::toString).containsExactly(
        "entitlementRules[1].id: id 'r' is used by an earlier rule; ids must be unique",
        "mappings[1].target: 'userName' is already mapped by an earlier mapping; each target attribute may be mapped once");
  }

  @Test
  void expressionErrorsInJsonPointIntoTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("okta.json");
    Files.writeString(file, "{\n  \"mappings\": [\n    {\"target\": \"userName\", \"expression\": \"lower(user.mail)\"}\n  ]\n}\n");
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> Policy.load(file));
    assertThat(e.problems()).extracting(Problem::toString).containsExactly(
        "mappings[0].expression: unknown attribute 'user.mail' (custom attributes are read as user.custom.mail);"
            + " did you mean 'user.email' or 'user.emails'? (line 3, column 54)\n"
            + "    lower(user.mail)\n"
            + "               ^");
  }

  @Test
  void literalsRejectValuesWithoutAnAttributeForm() {
    assertThatThrownBy(() -> dev.usher.core.policy.expr.Expression.literal(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot use a java.lang.Object as an attribute value");
  }
}
