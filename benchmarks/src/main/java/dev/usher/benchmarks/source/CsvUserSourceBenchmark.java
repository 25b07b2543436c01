package dev.usher.benchmarks.source;

import dev.usher.core.source.AttributeType;
import dev.usher.core.source.ColumnSpec;
import dev.usher.core.source.CsvUserSource;
import dev.usher.core.source.FileSourceConfig;
import dev.usher.core.source.UserSnapshot;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * People per second read from a 100,000-row CSV file into {@code User}s: 13 columns with
 * quoting, a multi-valued column, dates in a custom format, typed custom attributes. The score
 * is people per second (one operation = one person).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CsvUserSourceBenchmark {
  static final int ROWS = 100_000;
  private static final String[] DEPARTMENTS = {"Engineering", "Finance", "Sales", "Support, EMEA", "Legal"};

  private Path file;
  private CsvUserSource source;

  @Setup(Level.Trial)
  public void writeFile() throws IOException {
    file = Files.createTempFile("usher-hr-", ".csv");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("EmployeeId,First,Last,Mail,Dept,Title,Groups,Manager,State,Hired,Leaving,Level,Remote\n");
      for (int i = 0; i < ROWS; i++) {
        String dept = DEPARTMENTS[i % DEPARTMENTS.length];
        w.write("E" + i + ",Given" + i + ",Family" + i + ",person" + i + "@example.com,\"" + dept + "\",Engineer "
            + (i % 7) + ",eng|team-" + (i % 50) + "|all," + (i == 0 ? "" : "E" + (i / 10)) + ","
            + (i % 20 == 0 ? "Left" : "Active") + "," + String.format("%02d.%02d.20%02d", 1 + i % 28, 1 + i % 12, 10 + i % 15)
            + "," + (i % 20 == 0 ? "31.12.2026" : "") + "," + (i % 10) + "," + (i % 2 == 0 ? "yes" : "no") + "\n");
      }
    }
    source = CsvUserSource.of(FileSourceConfig.builder(file)
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
        .statusValue("Left", dev.usher.core.model.UserStatus.TERMINATED)
        .dateFormat("dd.MM.yyyy")
        .build());
    UserSnapshot check = source.snapshot();
    if (check.users().size() != ROWS || !check.problems().isEmpty()) {
      throw new IllegalStateException("generated file did not load cleanly: " + check + " " + check.problems());
    }
  }

  @TearDown(Level.Trial)
  public void deleteFile() throws IOException {
    Files.deleteIfExists(file);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public UserSnapshot readCsv() {
    return source.snapshot();
  }
}
