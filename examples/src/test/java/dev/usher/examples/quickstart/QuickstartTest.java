package dev.usher.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usher.examples.MainRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTest {

  @Test
  void onboardsEveryoneThenFollowsAMoverALeaverAndAJoiner(@TempDir Path dir) throws Exception {
    Path work = dir.resolve("quickstart");

    String out = MainRunner.run(Quickstart::main, work.toString());

    assertThat(out)
        .contains("== 1. First run: 50 people in hr.csv")
        .containsPattern("github +1 +18 +26")            // Alice's account linked, 18 created
        .containsPattern("slack +0 +46 +92")              // 46 active people, two groups each
        .contains("ORPHAN github account mallory")
        .doesNotContain("octocat-admin")                  // excluded break-glass owner
        .contains("Now: slack 46 accounts (46 active), jira 26 accounts (26 active), github 21 members")
        .contains("== 2. Nothing changed in HR: the next plan is empty\n  nothing to do")
        .contains("leaver: E1012 Liam Murphy is terminated")
        .contains("Totals: create 4, update 1, revoke 5, grant 6, disable 2, delete 1")
        .containsPattern("slack +E1025 .* update +title: Sales Development Rep -> Solutions Engineer")
        .containsPattern("github +E1012 +liammurphy +delete")
        .contains("Now: slack 47 accounts (46 active), jira 28 accounts (27 active), github 21 members")
        .contains("all applied")
        .doesNotContain("FAILED");

    List<String> audit = Files.readAllLines(work.resolve("audit.jsonl"), StandardCharsets.UTF_8);
    assertThat(audit).anyMatch(l -> l.contains("\"operationId\":\"github/E1012/delete\"") && l.contains("operation.succeeded"));
    assertThat(out).contains("\"event\":\"run.finished\",\"tenantId\":\"acme\"");
    assertThat(work.resolve("state")).isDirectoryContaining(p -> p.getFileName().toString().endsWith(".mv.db"));
    assertThat(Files.readString(work.resolve("hr.csv"))).contains("E1051,Ada,Okoye");
  }
}
