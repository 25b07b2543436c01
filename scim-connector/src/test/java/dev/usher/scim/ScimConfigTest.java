package dev.usher.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.ConfigurationException;
import dev.usher.core.model.Secret;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.ConnectorRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScimConfigTest {
  private final ConnectorRegistry registry = ConnectorRegistry.discover();

  @Test
  void theProviderIsFoundByServiceLoaderAsScim() {
    assertThat(registry.types()).contains("scim");
    assertThat(registry.provider("scim")).isInstanceOf(ScimConnectorProvider.class);
  }

  @Test
  void bindsEveryKeyWithDefaults() {
    ScimConfig c = (ScimConfig) registry.bind("scim", Map.of(
        "baseUrl", "https://example.com/scim/v2",
        "auth", Map.of("type", "apiKey", "header", "X-Key", "token", Secret.of("k")),
        "requestTimeout", "PT5S", "pageSize", 500, "bulk", true, "paging", "index"));
    assertThat(c.pageSizeOrDefault()).isEqualTo(500);
    assertThat(c.bulkEnabled()).isTrue();
    assertThat(c.discoveryEnabled()).isTrue();
    assertThat(c.requestTimeout()).hasSeconds(5);
    assertThat(c.auth().type()).isEqualTo(ScimConfig.AuthType.API_KEY);
    assertThat(c.toString()).doesNotContain("k,").contains("X-Key");
  }

  @Test
  void reportsEveryProblemWithItsPath() {
    assertThatThrownBy(() -> registry.open("scim", Map.of(
        "baseUrl", "ftp://example.com", "auth", Map.of("type", "basic", "password", Secret.of("pw-1")),
        "pageSize", 0), ConnectorContext.of("hr")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> {
          assertThat(e.problems()).extracting(ConfigurationException.Problem::path).contains("pageSize");
          assertThat(e.getMessage()).doesNotContain("pw-1");
        });
    assertThatThrownBy(() -> registry.open("scim", Map.of(
        "baseUrl", "ftp://example.com", "auth", Map.of("type", "basic", "password", Secret.of("pw-1"))),
        ConnectorContext.of("hr")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> {
          assertThat(e.problems()).extracting(ConfigurationException.Problem::path)
              .containsExactly("auth.username", "baseUrl");
          assertThat(e.getMessage()).contains("must be an absolute http(s) URL").doesNotContain("pw-1");
        });
  }

  @Test
  void unknownKeysAndAuthTypesAreNamed() {
    assertThatThrownBy(() -> registry.bind("scim", Map.of("baseUrl", "https://x", "auth", Map.of("type", "bearer"), "pagesize", 1)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("pagesize").hasMessageContaining("unknown key");
    assertThatThrownBy(() -> registry.bind("scim", Map.of("baseUrl", "https://x", "auth", Map.of("type", "kerberos"))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("kerberos");
  }

  @Test
  void bearerWithoutTokenAndUnknownProfileAreRefused() {
    assertThatThrownBy(() -> registry.open("scim", Map.of("baseUrl", "https://example.com/scim",
        "auth", Map.of("type", "bearer"), "profile", "acme"), ConnectorContext.of("hr")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .extracting(ConfigurationException.Problem::path).containsExactly("auth.token", "profile"));
  }

  @Test
  void aMalformedAccountFilterIsAConfigurationProblemWithItsPosition() {
    assertThatThrownBy(() -> registry.open("scim", Map.of("baseUrl", "https://example.com/scim",
        "auth", Map.of("type", "none"), "accountFilter", "userType eq"), ConnectorContext.of("hr")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).singleElement()
            .satisfies(p -> {
              assertThat(p.path()).isEqualTo("accountFilter");
              assertThat(p.message()).contains("position 12");
            }));
  }

  @Test
  void baseUrlWithCredentialsIsRefusedWithoutEchoingThem() {
    assertThatThrownBy(() -> registry.open("scim", Map.of("baseUrl", "https://u:hunter2@example.com/scim",
        "auth", Map.of("type", "none")), ConnectorContext.of("hr")))
        .isInstanceOf(ConfigurationException.class).hasMessageNotContaining("hunter2");
  }
}
