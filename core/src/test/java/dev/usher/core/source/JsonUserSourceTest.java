package dev.usher.core.source;

import static dev.usher.core.source.CsvUserSourceTest.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.User;
import dev.usher.core.model.UserStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonUserSourceTest {

  private static FileSourceConfig.Builder peopleMapping() {
    return FileSourceConfig.builder(resource("people.jsonl"))
        .column("employeeNumber", "id")
        .column("name", "givenName")
        .column("mail", "email")
        .column("groups", "roles")
        .column("level", ColumnSpec.attribute("level", AttributeType.NUMBER))
        .column("start", "startDate");
  }

  @Test
  void jsonLinesReportsEveryBadLineAndKeepsReadingAfterInvalidJson() {
    UserSnapshot s = JsonUserSource.lines(peopleMapping().build()).snapshot();

    assertThat(s.complete()).isTrue();
    assertThat(s.users()).extracting(User::id).containsExactly("P1", "P2", "P6");
    assertThat(s.problems()).extracting(RowProblem::line).containsExactly(3L, 4L, 5L, 7L, 8L, 8L);
    assertThat(s.problems().get(0).reason()).startsWith("not valid JSON: ").contains("at column");
    assertThat(s.problems().subList(1, 6)).extracting(RowProblem::toString).containsExactly(
        "people.jsonl line 4, column 'level': expected a number, was 'high'",
        "people.jsonl line 5: expected a JSON object, found array",
        "people.jsonl line 7, column 'employeeNumber': missing user id",
        "people.jsonl line 8, column 'groups': expected a value or a list of values, found an object",
        "people.jsonl line 8, column 'start': expected a date as yyyy-MM-dd, was '2024-02-30'");
    assertThat(s.problems()).extracting(RowProblem::userId).containsExactly(null, "P4", null, null, "P5", "P5");
  }

  @Test
  void jsonArraysAndSeparatedStringsBothFillMultiValuedFields() {
    UserSnapshot s = JsonUserSource.lines(peopleMapping().build()).snapshot();

    assertThat(s.users().get(0).roles()).containsExactly("eng", "oncall");
    assertThat(s.users().get(1).roles()).containsExactly("audit", "fin");
    assertThat(s.users().get(0).attributes()).containsEntry("level", AttributeValue.of(3));
    assertThat(s.users().get(1).attributes()).containsEntry("level", AttributeValue.of(4));
  }

  @Test
  void strictJsonLinesFailsWithEveryProblem() {
    assertThatThrownBy(() -> JsonUserSource.lines(peopleMapping().strict(true).build()).snapshot())
        .isInstanceOf(UserSourceException.class)
        .hasMessageStartingWith("people.jsonl has 6 bad rows:");
  }

  @Test
  void jsonArrayMappedByFieldNameKeepsJsonTypesOfCustomAttributes() {
    UserSnapshot s = JsonUserSource.array(FileSourceConfig.builder(resource("people.json")).build()).snapshot();

    assertThat(s.complete()).isTrue();
    assertThat(s.users()).extracting(User::id).containsExactly("U1", "U2");
    User ann = s.users().get(0);
    assertThat(ann.userName()).isEqualTo("ann");
    assertThat(ann.roles()).containsExactly("eng");
    assertThat(ann.attributes())
        .containsEntry("costCenter", AttributeValue.of("CC-1"))
        .containsEntry("level", AttributeValue.of(3))
        .containsEntry("remote", AttributeValue.of(true));
    assertThat(s.users().get(1).status()).isEqualTo(UserStatus.TERMINATED);
    assertThat(s.users().get(1).endDate()).isEqualTo(LocalDate.of(2026, 1, 31));
    assertThat(s.problems()).extracting(RowProblem::toString).containsExactly(
        "people.json line 6, column 'status': unknown status 'Gone'; expected ACTIVE, SUSPENDED or TERMINATED"
            + " (map other words with statusValues)");
  }

  @Test
  void truncatedJsonArrayKeepsTheRecordsBeforeTheErrorAndIsIncomplete() {
    UserSnapshot s = JsonUserSource.array(FileSourceConfig.builder(resource("truncated.json")).build()).snapshot();

    assertThat(s.complete()).isFalse();
    assertThat(s.users()).extracting(User::id).containsExactly("U1", "U2");
    assertThat(s.failure()).hasMessageContaining("truncated.json line").hasMessageContaining("not valid JSON");
    assertThat(s.problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(4));
  }

  @Test
  void fileThatIsNotAnArrayIsReported(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("obj.json");
    Files.writeString(file, "{\"id\": \"U1\"}");

    UserSnapshot s = JsonUserSource.array(FileSourceConfig.builder(file).build()).snapshot();

    assertThat(s.complete()).isFalse();
    assertThat(s.problems()).extracting(RowProblem::toString)
        .containsExactly("obj.json line 1: expected a JSON array of objects, found an object");
  }

  @Test
  void duplicateIdsInJsonLinesAreBadRows(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("dup.jsonl");
    Files.write(file, List.of("{\"id\":\"A\"}", "{\"id\":\"B\"}", "{\"id\":\"A\",\"title\":\"x\"}"));

    UserSnapshot s = JsonUserSource.lines(FileSourceConfig.builder(file).build()).snapshot();

    assertThat(s.users()).extracting(User::id).containsExactly("B");
    assertThat(s.problems()).extracting(RowProblem::line).containsExactly(1L, 3L);
    assertThat(s.heldIds()).containsExactly("A");
  }

  @Test
  void delimiterIsRejectedForJsonSources() {
    FileSourceConfig config = FileSourceConfig.builder(Path.of("x.json")).delimiter(';').build();
    assertThatThrownBy(() -> JsonUserSource.array(config)).hasMessageContaining("delimiter: applies to CSV sources only");
  }
}
