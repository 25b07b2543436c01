package dev.usher.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.ConfigurationException;
import dev.usher.core.model.Secret;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorRegistryTest {

  private static Map<String, Object> validConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("baseUrl", "https://echo.example.com");
    m.put("token", "s3cr3t-value");
    m.put("pageSize", 50);
    m.put("mode", "SAFE");
    return m;
  }

  @Test
  void discoversProvidersThroughMetaInfServices() {
    ConnectorRegistry registry = ConnectorRegistry.discover();
    assertThat(registry.types()).contains("echo");
    assertThat(registry.provider("echo")).isInstanceOf(EchoConnectorProvider.class);
  }

  @Test
  void opensAConnectorWithBoundAndValidatedConfig() {
    Connector c = ConnectorRegistry.discover().open("echo", validConfig(), ConnectorContext.of("crm"));
    EchoConnectorProvider.Echo echo = (EchoConnectorProvider.Echo) c;
    assertThat(echo.config.baseUrl()).isEqualTo("https://echo.example.com");
    assertThat(echo.config.token().reveal()).isEqualTo("s3cr3t-value");
    assertThat(echo.config.mode()).isEqualTo(EchoConnectorProvider.Mode.SAFE);
    assertThat(echo.context.applicationId()).isEqualTo("crm");
  }

  @Test
  void acceptsSecretObjectsAndJsonText() {
    Map<String, Object> config = validConfig();
    config.put("token", Secret.of("from-a-secret"));
    EchoConnectorProvider.Echo fromMap =
        (EchoConnectorProvider.Echo) ConnectorRegistry.discover().open("echo", config);
    assertThat(fromMap.config.token().reveal()).isEqualTo("from-a-secret");

    EchoConnectorProvider.Echo fromJson = (EchoConnectorProvider.Echo) ConnectorRegistry.discover().open("echo",
        "{\"baseUrl\":\"http://x\",\"token\":\"t\",\"pageSize\":1}", ConnectorContext.of("a"));
    assertThat(fromJson.config.pageSize()).isEqualTo(1);
  }

  @Test
  void unknownTypeListsKnownTypes() {
    assertThatThrownBy(() -> ConnectorRegistry.discover().open("slack", Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("unknown connector type 'slack'")
        .hasMessageContaining("known types: echo");
  }

  @Test
  void twoProvidersWithOneTypeAreRefusedNamingBothClassesAndLocations() {
    assertThatThrownBy(() -> ConnectorRegistry.builder()
            .register(new EchoConnectorProvider())
            .register(new EchoConnectorProvider.Twin())
            .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("two connector providers claim this type")
        .hasMessageContaining(EchoConnectorProvider.class.getName() + " (file:")
        .hasMessageContaining(EchoConnectorProvider.Twin.class.getName() + " (file:");
  }

  @Test
  void duplicateThroughServiceLoaderNamesBoth(@TempDir Path dir) throws Exception {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(ConnectorProvider.class.getName()),
        EchoConnectorProvider.Twin.class.getName() + "\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      assertThatThrownBy(() -> ConnectorRegistry.discover(loader))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("echo: two connector providers claim this type")
          .hasMessageContaining("EchoConnectorProvider$Twin");
    }
  }

  @Test
  void providerThatFailsToLoadIsReportedByClassName(@TempDir Path dir) throws Exception {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(ConnectorProvider.class.getName()), "com.example.MissingProvider\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      assertThatThrownBy(() -> ConnectorRegistry.discover(loader))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("com.example.MissingProvider");
    }
  }

  @Test
  void invalidConfigListsEveryProblemWithoutTheSecret() {
    Map<String, Object> config = validConfig();
    config.put("baseUrl", "echo.example.com");
    config.put("pageSize", 5000);
    config.remove("token");
    assertThatThrownBy(() -> ConnectorRegistry.discover().open("echo", config))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).problems())
            .extracting(ConfigurationException.Problem::path)
            .containsExactly("baseUrl", "pageSize", "token"))
        .hasMessageContaining("baseUrl: must be an absolute http(s) URL (was 'echo.example.com')")
        .hasMessageContaining("pageSize: must be less than or equal to 1000 (was '5000')")
        .hasMessageContaining("token: must not be null");
  }

  @Test
  void unknownKeyNamesTheKeyAndTheKnownOnes() {
    Map<String, Object> config = validConfig();
    config.put("baseURL", "https://typo");
    assertThatThrownBy(() -> ConnectorRegistry.discover().open("echo", config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("baseURL: unknown key; expected one of: baseUrl, mode, pageSize, token");
  }

  @Test
  void wrongTypeNamesTheFieldAndWhatWasExpected() {
    Map<String, Object> config = validConfig();
    config.put("mode", "TURBO");
    assertThatThrownBy(() -> ConnectorRegistry.discover().open("echo", config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("mode: expected one of FAST, SAFE, was 'TURBO'");
    Map<String, Object> config2 = validConfig();
    config2.put("pageSize", "lots");
    assertThatThrownBy(() -> ConnectorRegistry.discover().open("echo", config2))
        .hasMessageContaining("pageSize: expected a whole number");
  }

  @Test
  void emptySecretIsAConfigurationErrorThatDoesNotLeakOtherValues() {
    Map<String, Object> config = validConfig();
    config.put("token", "");
    assertThatThrownBy(() -> ConnectorRegistry.discover().open("echo", config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("token: secret is empty");
  }

  @Test
  void maskedSecretCopiedFromOutputIsRefused() {
    Map<String, Object> config = validConfig();
    config.put("token", "****");
    assertThatThrownBy(() -> ConnectorRegistry.discover().open("echo", config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("token: secret is the mask '****'");
  }
}
