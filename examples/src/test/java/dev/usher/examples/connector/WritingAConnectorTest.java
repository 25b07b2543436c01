package dev.usher.examples.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.usher.examples.MainRunner;
import org.junit.jupiter.api.Test;

class WritingAConnectorTest {

  @Test
  void theRegistryFindsTheConnectorAndUsherDrivesIt() throws Exception {
    String out = MainRunner.run(WritingAConnector::main);

    assertThat(out)
        .containsPattern("registry knows: \\[.*notes.*\\]")
        .contains("connected: NotesConnector[notes]")
        .contains("Totals: create 2, grant 1")
        .contains("3 succeeded, 0 failed, 0 skipped")
        .contains("Notes now holds 2 users; Writers has 1 member(s)")
        .contains("a bad configuration is refused:")
        .contains("baseUrl: must be an absolute http(s) URL without query");
  }
}
