package dev.usher.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.ConfigurationException;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvUserSourceTest {

  static Path resource(String name) {
    try {
      return Path.of(CsvUserSourceTest.class.getResource("/sources/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static FileSourceConfig.Builder hrMapping(Path file) {
    return FileSourceConfig.builder(file)
        .column("EmployeeId", "id")
        .column("First", "givenName")
        .column("Last", "familyName")
        .column("Mail", "email")
        .column("Dept", "department")
        .column("Title", "title")
        .column("Groups", ColumnSpec.to("roles").splitBy("|"))
        .column("Manager", "managerId")
        .column("State", "status")
        .column("Hired", "startDate")
        .column("Leaving", "endDate")
        .column("Level", ColumnSpec.attribute("level", AttributeType.NUMBER))
        .column("Remote", ColumnSpec.attribute("remote", AttributeType.BOOLEAN))
        .column("Skills", ColumnSpec.to("attributes.skills").splitBy(";"))
        .dateFormat("dd.MM.yyyy")
        .statusValue("Left", UserStatus.TERMINATED);
  }

  @Test
  void mapsColumnsToUserFieldsAndTypedCustomAttributes() {
    UserSnapshot s = CsvUserSource.of(hrMapping(resource("hr-good.csv")).build()).snapshot();

    assertThat(s.problems()).isEmpty();
    assertThat(s.complete()).isTrue();
    assertThat(s.source()).isEqualTo("hr-good.csv");
    Map<String, User> byId = s.users().stream().collect(Collectors.toMap(User::id, Function.identity()));
    assertThat(byId).containsOnlyKeys("E1001", "E1002", "E1003", "E1004");

    User alice = byId.get("E1001");
    assertThat(alice.givenName()).isEqualTo("Alice");
    assertThat(alice.primaryEmail()).contains("alice@example.com");
    assertThat(alice.roles()).containsExactly("eng", "oncall");
    assertThat(alice.managerId()).isNull();
    assertThat(alice.startDate()).isEqualTo(LocalDate.of(2022, 1, 3));
    assertThat(alice.attributes()).containsEntry("level", AttributeValue.of(7))
        .containsEntry("remote", AttributeValue.of(true))
        .containsEntry("skills", AttributeValue.from(List.of("java", "go")));

    User bob = byId.get("E1002");
    assertThat(bob.status()).isEqualTo(UserStatus.TERMINATED);
    assertThat(bob.title()).isEqualTo("Controller, EMEA");
    assertThat(bob.emails()).extracting(e -> e.value()).containsExactly("bob@example.com", "bob.b@example.com");
    assertThat(bob.emails().get(0).primary()).isTrue();
    assertThat(bob.endDate()).isEqualTo(LocalDate.of(2026, 12, 31));
    assertThat(bob.attributes()).doesNotContainKey("skills").containsEntry("remote", AttributeValue.of(false));

    User carol = byId.get("E1003");
    assertThat(carol.givenName()).isEqualTo("Carol \"CJ\"");
    assertThat(carol.title()).isEqualTo("Dev\nLead");
    assertThat(carol.status()).isEqualTo(UserStatus.SUSPENDED);

    assertThat(byId.get("E1004").attributes().get("level")).isEqualTo(AttributeValue.of(new BigDecimal("4")));
    assertThat(byId.get("E1004").roles()).isEmpty();
  }

  @Test
  void reportsEveryBadRowWithLineColumnAndReasonAndLoadsTheGoodOnes() {
    UserSnapshot s = CsvUserSource.of(badMapping(false)).snapshot();

    assertThat(s.complete()).isTrue();
    assertThat(s.users()).extracting(User::id).containsExactly("E8");
    assertThat(s.problems()).extracting(RowProblem::toString).containsExactly(
        "hr-bad.csv line 2: duplicate user id 'E1' (also on line 8); no row with this id is loaded",
        "hr-bad.csv line 3, column 'Hired': expected a date as yyyy-MM-dd, was '2024-13-01'",
        "hr-bad.csv line 4, column 'Level': expected a number, was 'three'",
        "hr-bad.csv line 5, column 'EmployeeId': missing user id",
        "hr-bad.csv line 6, column 'State': unknown status 'Retired'; expected ACTIVE, SUSPENDED or TERMINATED (map other words with statusValues)",
        "hr-bad.csv line 7: expected 7 columns as in the header, found 6",
        "hr-bad.csv line 8: duplicate user id 'E1' (also on line 2); no row with this id is loaded",
        "hr-bad.csv line 9, column 'Mail': expected an email address, was 'not-an-email'",
        "hr-bad.csv line 9, column 'Remote': expected true or false (or yes/no, 1/0), was 'maybe'",
        "hr-bad.csv line 11: expected 7 columns as in the header, found 8");
    assertThat(s.problems()).extracting(RowProblem::userId)
        .containsExactly("E1", "E2", "E3", null, "E5", "E6", "E1", "E7", "E7", "E9");
    assertThat(s.hasUnidentifiedRows()).isTrue();
    assertThat(s.heldIds()).containsExactlyInAnyOrder("E1", "E2", "E3", "E5", "E6", "E7", "E9");
  }

  @Test
  void strictSourceFailsWithEveryBadRowInsteadOfLoadingTheGoodOnes() {
    CsvUserSource strict = CsvUserSource.of(badMapping(true));

    assertThatThrownBy(strict::snapshot)
        .isInstanceOf(UserSourceException.class)
        .hasMessageStartingWith("hr-bad.csv has 10 bad rows:")
        .hasMessageContaining("line 3, column 'Hired'")
        .hasMessageContaining("line 11: expected 7 columns")
        .satisfies(e -> assertThat(((UserSourceException) e).problems()).hasSize(10));
  }

  private static FileSourceConfig badMapping(boolean strict) {
    return FileSourceConfig.builder(resource("hr-bad.csv"))
        .column("EmployeeId", "id").column("First", "givenName").column("Mail", "email")
        .column("State", "status").column("Hired", "startDate")
        .column("Level", ColumnSpec.attribute("level", AttributeType.NUMBER))
        .column("Remote", ColumnSpec.attribute("remote", AttributeType.BOOLEAN))
        .strict(strict)
        .build();
  }

  @Test
  void headerNamesMapThemselvesWhenNoColumnsAreConfigured(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("plain.csv");
    Files.writeString(file, "\uFEFFid;email;department;costCenter;roles\nE1;a@example.com;Eng;CC-1;x;y\n".replace(";x;y", ";x|y"));
    FileSourceConfig config = FileSourceConfig.builder(file).delimiter(';').separator("|").build();

    UserSnapshot s = CsvUserSource.of(config).snapshot();

    assertThat(s.problems()).isEmpty();
    User u = s.users().get(0);
    assertThat(u.id()).isEqualTo("E1");
    assertThat(u.department()).isEqualTo("Eng");
    assertThat(u.roles()).containsExactly("x", "y");
    assertThat(u.attributes()).containsExactly(Map.entry("costCenter", AttributeValue.of("CC-1")));
  }

  @Test
  void missingFileGivesAnIncompleteSnapshotNamingTheFile(@TempDir Path dir) {
    UserSnapshot s = CsvUserSource.of(dir.resolve("nope.csv")).snapshot();

    assertThat(s.complete()).isFalse();
    assertThat(s.users()).isEmpty();
    assertThat(s.failure()).hasMessageContaining("nope.csv: file not found");
  }

  @Test
  void configuredColumnMissingFromTheHeaderFailsTheReadAndListsTheHeader(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("h.csv");
    Files.writeString(file, "Id,Mail\nE1,a@example.com\n");
    FileSourceConfig config = FileSourceConfig.builder(file).column("EmployeeId", "id").column("Mail", "email").build();

    UserSnapshot s = CsvUserSource.of(config).snapshot();

    assertThat(s.complete()).isFalse();
    assertThat(s.problems()).extracting(RowProblem::toString).containsExactly(
        "h.csv line 1: configured columns missing from the header: [EmployeeId]; the header has [Id, Mail]");
  }

  @Test
  void unclosedQuoteStopsTheReadAndMarksTheSnapshotIncomplete(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("q.csv");
    Files.writeString(file, "id,title\nE1,Dev\nE2,\"Lead\nE3,Ops\n");

    UserSnapshot s = CsvUserSource.of(file).snapshot();

    assertThat(s.complete()).isFalse();
    assertThat(s.users()).extracting(User::id).containsExactly("E1");
    assertThat(s.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(3);
      assertThat(p.reason()).startsWith("not valid CSV: Missing closing quote");
    });
    assertThat(s.failure()).hasMessageContaining("reading stopped");
  }

  @Test
  void invalidMappingIsAConfigurationErrorListingEveryProblem() {
    FileSourceConfig config = FileSourceConfig.builder(Path.of("x.csv"))
        .column("Mail", "emial")
        .column("Level", ColumnSpec.to("department").dateFormat("qqqq-ZZ-!!"))
        .column("When", ColumnSpec.to("startDate").dateFormat("yyyy-MM-dd{"))
        .build();

    assertThatThrownBy(() -> CsvUserSource.of(config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("columns.Mail: unknown target 'emial'; expected one of id, userName")
        .hasMessageContaining("columns.When.dateFormat: not a date pattern: 'yyyy-MM-dd{'")
        .hasMessageContaining("columns: no column is mapped to id");
  }

  @Test
  void endDateColumnWithItsOwnFormatOverridesTheSourceFormat(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("d.csv");
    Files.writeString(file, "id,start,end\nE1,2024-01-31,31/12/2026\nE2,2024-02-30,01/01/2027\n");
    FileSourceConfig config = FileSourceConfig.builder(file).column("id", "id").column("start", "startDate")
        .column("end", ColumnSpec.to("endDate").dateFormat("dd/MM/yyyy")).build();

    UserSnapshot s = CsvUserSource.of(config).snapshot();

    assertThat(s.users()).singleElement().satisfies(u -> {
      assertThat(u.startDate()).isEqualTo(LocalDate.of(2024, 1, 31));
      assertThat(u.endDate()).isEqualTo(LocalDate.of(2026, 12, 31));
    });
    assertThat(s.problems()).extracting(RowProblem::toString)
        .containsExactly("d.csv line 3, column 'start': expected a date as yyyy-MM-dd, was '2024-02-30'");
  }

  @Test
  void dateAndTimestampAttributesAreTypedAndBadOnesReported(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("t.csv");
    Files.writeString(file, "id,review,lastLogin\nE1,2026-03-01,2026-12-03T10:15:30+01:00\nE2,2026-03-01,yesterday\n");
    FileSourceConfig config = FileSourceConfig.builder(file).column("id", "id")
        .column("review", ColumnSpec.attribute("review", AttributeType.DATE))
        .column("lastLogin", ColumnSpec.attribute("lastLogin", AttributeType.TIMESTAMP)).build();

    UserSnapshot s = CsvUserSource.of(config).snapshot();

    assertThat(s.users()).singleElement().satisfies(u -> assertThat(u.attributes())
        .containsEntry("review", AttributeValue.of(LocalDate.of(2026, 3, 1)))
        .containsEntry("lastLogin", AttributeValue.of(java.time.Instant.parse("2026-12-03T09:15:30Z"))));
    assertThat(s.problems()).extracting(RowProblem::toString).containsExactly(
        "t.csv line 3, column 'lastLogin': expected an ISO-8601 timestamp such as 2026-12-03T10:15:30Z, was 'yesterday'");
  }

  @Test
  void statusWordsDateFormatAndStrictComeFromAConfigurationMap(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("m.csv");
    Files.writeString(file, "Emp;State;Left\nE1;Gone;31.12.2026\nE2;On leave;\n");

    UserSource source = UserSourceRegistry.discover().open("csv", Map.of(
        "path", file.toString(), "delimiter", ";", "dateFormat", "dd.MM.yyyy", "strict", true,
        "statusValues", Map.of("Gone", "TERMINATED", "On leave", "SUSPENDED"),
        "columns", Map.of("Emp", "id", "State", "status", "Left", "endDate")));

    UserSnapshot s = source.snapshot();
    assertThat(s.users()).extracting(User::status).containsExactly(UserStatus.TERMINATED, UserStatus.SUSPENDED);
    assertThat(s.users().get(0).endDate()).isEqualTo(LocalDate.of(2026, 12, 31));
  }
}
