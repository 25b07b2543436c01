package dev.usher.connectors.msgraph;

import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.ConnectorProvider;
import dev.usher.core.validation.ModelValidator;
import java.util.Objects;

/**
 * Makes {@code microsoft-graph} connectors: Entra ID users as accounts, groups and licenses as
 * entitlements.
 *
 * <pre>{@code
 * Connector entra = registry.open("microsoft-graph",
 *     Map.of("tenantId", tenant, "clientId", clientId, "clientSecret", secret));
 * }</pre>
 */
public final class MicrosoftGraphConnectorProvider implements ConnectorProvider<MicrosoftGraphConfig> {
  /** The type name. */
  public static final String TYPE = "microsoft-graph";

  public MicrosoftGraphConnectorProvider() {}

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Class<MicrosoftGraphConfig> configClass() {
    return MicrosoftGraphConfig.class;
  }

  @Override
  public Connector create(MicrosoftGraphConfig config, ConnectorContext context) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(context, "context");
    // The registry validated already; a config built in code is checked here, not by an NPE later.
    ModelValidator.shared().validate(config, TYPE + " connector configuration for application '"
        + context.applicationId() + "'");
    return new MicrosoftGraphConnector(config, context);
  }
}
