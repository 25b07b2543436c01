package dev.usher.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.ConfigurationException;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configurations, connectors and configuration errors of every vendor connector keep credentials out of text. */
class SecretsNeverPrintTest {
  static final String SECRET = "TOP-SECRET-credential-42";
  final ConnectorRegistry registry = ConnectorRegistry.discover();

  @Test
  void configurationsAndConnectorsPrintTheMaskOnly() {
    Map<String, Map<String, Object>> configs = Map.of(
        "github", Map.of("organization", "acme", "token", SECRET),
        "microsoft-graph", Map.of("tenantId", "contoso.example", "clientId", "c1", "clientSecret", SECRET),
        "zoom", Map.of("accountId", "a1", "clientId", "c1", "clientSecret", SECRET));
    configs.forEach((type, config) -> {
      assertThat(registry.bind(type, config).toString()).as(type).contains("****").doesNotContain(SECRET);
      try (Connector c = registry.open(type, config)) {
        assertThat(c.toString()).as(type).doesNotContain(SECRET);
      }
    });
  }

  @Test
  void aConfigurationBuiltInCodeIsValidatedByTheProviderToo() {
    assertThatThrownBy(() -> new dev.usher.connectors.github.GitHubConnectorProvider().create(
        new dev.usher.connectors.github.GitHubConfig("acme", null, null, null),
        dev.usher.core.spi.ConnectorContext.of("gh")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("token")));
  }

  @Test
  void invalidValuesNextToSecretsAreReportedWithoutThem() {
    assertThatThrownBy(() -> registry.open("zoom", Map.of("accountId", "", "clientId", "c1", "clientSecret", SECRET,
        "createAction", "invite")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("createAction")
        .hasMessageNotContaining(SECRET);
    assertThatThrownBy(() -> registry.open("microsoft-graph", Map.of("tenantId", "t", "clientId", "c1",
        "clientSecret", SECRET, "usageLocation", "Germany")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .singleElement().satisfies(p -> assertThat(p.toString()).startsWith("usageLocation: must be a two-letter")))
        .hasMessageNotContaining(SECRET);
  }
}
