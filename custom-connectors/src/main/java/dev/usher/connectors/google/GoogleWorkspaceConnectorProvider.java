package dev.usher.connectors.google;

import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.ConnectorProvider;
import dev.usher.core.validation.ModelValidator;
import java.util.Objects;

/**
 * Makes {@code google-workspace} connectors: Workspace users as accounts, groups as
 * entitlements. The private key is read when the connector is made, so a bad key is a
 * configuration error naming {@code privateKey}.
 *
 * <pre>{@code
 * Connector google = registry.open("google-workspace", Map.of(
 *     "serviceAccountEmail", "usher@acme-idm.iam.gserviceaccount.com",
 *     "privateKey", pem, "adminEmail", "admin@acme.example"));
 * }</pre>
 */
public final class GoogleWorkspaceConnectorProvider implements ConnectorProvider<GoogleWorkspaceConfig> {
  /** The type name. */
  public static final String TYPE = "google-workspace";

  public GoogleWorkspaceConnectorProvider() {}

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Class<GoogleWorkspaceConfig> configClass() {
    return GoogleWorkspaceConfig.class;
  }

  @Override
  public Connector create(GoogleWorkspaceConfig config, ConnectorContext context) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(context, "context");
    // The registry validated already; a config built in code is checked here, not by an NPE later.
    ModelValidator.shared().validate(config, TYPE + " connector configuration for application '"
        + context.applicationId() + "'");
    return new GoogleWorkspaceConnector(config, context);
  }
}
