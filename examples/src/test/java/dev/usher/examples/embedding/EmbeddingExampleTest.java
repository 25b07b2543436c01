package dev.usher.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usher.examples.MainRunner;
import org.junit.jupiter.api.Test;

class EmbeddingExampleTest {

  @Test
  void scheduledRunsProvisionOnceThenEventsActAtOnce() throws Exception {
    String out = MainRunner.run(EmbeddingExample::main);

    assertThat(out)
        .contains("scheduled run: 5 operations succeeded")     // 3 wiki + 2 vpn accounts
        .contains("scheduled run: 0 operations succeeded")     // the next runs find nothing to do
        .contains("wiki accounts: 3, vpn accounts: 2")
        .contains("joiner E4: Applied for tenant 'acme'")
        .contains("wiki accounts: 4, vpn accounts: 3")
        .contains("leaver E2: Applied for tenant 'acme'")
        .containsPattern("vpn/E2/delete SUCCEEDED")
        .containsPattern("wiki/E2/disable SUCCEEDED")
        .contains("vpn still has alan.turing: false; wiki account of E2 active: false")
        .containsPattern("events: \\{.*operation.succeeded=\\d+.*run.finished=\\d+.*\\}")
        .doesNotContain("ALERT")
        .doesNotContain("SKIPPED");
  }
}
