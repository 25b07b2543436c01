package dev.usher.examples.realscim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.examples.MainRunner;
import dev.usher.testkit.scim.FakeScimServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real-endpoint example against the testkit's SCIM server, configured as a user would. */
class RealScimEndpointTest {
  private static final String TOKEN = "s3cret-scim-token";
  private static final Map<String, String> PROPERTIES = Map.of("usher.scim.baseUrl", "", "usher.scim.token", "",
      "usher.state", "");

  @AfterEach
  void clearSettings() {
    PROPERTIES.keySet().forEach(System::clearProperty);
  }

  @Test
  void plansOnlyByDefaultAndAppliesOnlyWithTheFlag(@TempDir Path dir) throws Exception {
    try (FakeScimServer server = FakeScimServer.builder().bearerToken(TOKEN).start()) {
      System.setProperty("usher.scim.baseUrl", server.baseUrl());
      System.setProperty("usher.scim.token", TOKEN);
      System.setProperty("usher.state", dir.resolve("state").toString());

      String planned = MainRunner.run(RealScimEndpoint::main);

      assertThat(planned).contains("Application 'scim-app': SCIM endpoint " + server.baseUrl() + " (profile standard)")
          .contains("Connected; capabilities:")
          .contains("Totals: create 46")
          .contains("Plan only: nothing was changed. Run again with --apply")
          .doesNotContain(TOKEN);
      assertThat(server.users()).isEmpty();

      String applied = MainRunner.run(RealScimEndpoint::main, RealScimEndpoint.APPLY);

      assertThat(applied).contains("46 succeeded, 0 failed, 0 skipped").doesNotContain(TOKEN);
      assertThat(server.users()).hasSize(46);

      String again = MainRunner.run(RealScimEndpoint::main);

      assertThat(again).contains("Totals: nothing to do");
    }
  }

  @Test
  void refusesToStartWithoutTheEndpointSettings() {
    assertThatThrownBy(() -> MainRunner.run(RealScimEndpoint::main))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("USHER_SCIM_BASE_URL and USHER_SCIM_TOKEN");
  }

  @Test
  void aWrongTokenIsReportedWithoutShowingIt(@TempDir Path dir) throws Exception {
    try (FakeScimServer server = FakeScimServer.builder().bearerToken(TOKEN).start()) {
      System.setProperty("usher.scim.baseUrl", server.baseUrl());
      System.setProperty("usher.scim.token", "wrong-token-value");
      System.setProperty("usher.state", dir.resolve("state").toString());

      assertThatThrownBy(() -> MainRunner.run(RealScimEndpoint::main))
          .isInstanceOf(dev.usher.core.spi.UnauthorizedException.class)
          .hasMessageContaining("401")
          .satisfies(e -> assertThat(e.toString()).doesNotContain("wrong-token-value"));
    }
  }
}
