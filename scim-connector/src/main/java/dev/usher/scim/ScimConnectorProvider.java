package dev.usher.scim;

import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.ConnectorProvider;

/**
 * Makes {@code scim} connectors; found by {@code ServiceLoader}.
 *
 * <pre>{@code
 * Connector c = ConnectorRegistry.discover().open("scim", Map.of(
 *     "baseUrl", "https://example.com/scim/v2",
 *     "auth", Map.of("type", "bearer", "token", Secret.of(token))));
 * }</pre>
 */
public final class ScimConnectorProvider implements ConnectorProvider<ScimConfig> {
  /** For ServiceLoader. */
  public ScimConnectorProvider() {}

  @Override
  public String type() {
    return ScimConnector.TYPE;
  }

  @Override
  public Class<ScimConfig> configClass() {
    return ScimConfig.class;
  }

  @Override
  public Connector create(ScimConfig config, ConnectorContext context) {
    return ScimConnector.open(config, context);
  }
}
