package dev.usher.connectors.github;

import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.ConnectorProvider;
import dev.usher.core.validation.ModelValidator;
import java.util.Objects;

/**
 * Makes {@code github} connectors: organization members and invitations as accounts, teams and
 * the owner role as entitlements. GitHub cannot disable a member, so the connector does not
 * offer {@link dev.usher.core.spi.Capability#DISABLE_ACCOUNT}: policies fall back to removal.
 *
 * <pre>{@code
 * Connector github = registry.open("github", Map.of("organization", "acme", "token", token));
 * }</pre>
 */
public final class GitHubConnectorProvider implements ConnectorProvider<GitHubConfig> {
  /** The type name. */
  public static final String TYPE = "github";

  public GitHubConnectorProvider() {}

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Class<GitHubConfig> configClass() {
    return GitHubConfig.class;
  }

  @Override
  public Connector create(GitHubConfig config, ConnectorContext context) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(context, "context");
    // The registry validated already; a config built in code is checked here, not by an NPE later.
    ModelValidator.shared().validate(config, TYPE + " connector configuration for application '"
        + context.applicationId() + "'");
    return new GitHubConnector(config, context);
  }
}
