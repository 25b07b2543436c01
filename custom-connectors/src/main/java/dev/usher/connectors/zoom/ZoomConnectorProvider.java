package dev.usher.connectors.zoom;

import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.ConnectorProvider;
import dev.usher.core.validation.ModelValidator;
import java.util.Objects;

/**
 * Makes {@code zoom} connectors: Zoom users as accounts, groups and the licensed user type as
 * entitlements.
 *
 * <pre>{@code
 * Connector zoom = registry.open("zoom", Map.of("accountId", id, "clientId", client, "clientSecret", secret));
 * }</pre>
 */
public final class ZoomConnectorProvider implements ConnectorProvider<ZoomConfig> {
  /** The type name. */
  public static final String TYPE = "zoom";

  public ZoomConnectorProvider() {}

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Class<ZoomConfig> configClass() {
    return ZoomConfig.class;
  }

  @Override
  public Connector create(ZoomConfig config, ConnectorContext context) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(context, "context");
    // The registry validated already; a config built in code is checked here, not by an NPE later.
    ModelValidator.shared().validate(config, TYPE + " connector configuration for application '"
        + context.applicationId() + "'");
    return new ZoomConnector(config, context);
  }
}
