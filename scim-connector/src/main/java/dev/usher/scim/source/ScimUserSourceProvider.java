package dev.usher.scim.source;

import dev.usher.core.model.UserStatus;
import dev.usher.core.source.UserSource;
import dev.usher.core.source.UserSourceContext;
import dev.usher.core.source.UserSourceProvider;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.scim.ScimConfig;
import dev.usher.scim.ScimConnector;
import dev.usher.scim.profile.ScimProfiles;
import java.util.Map;
import java.util.Objects;

/**
 * Makes {@code scim} user sources; found by {@code ServiceLoader}.
 *
 * <pre>{@code
 * UserSource idp = UserSourceRegistry.discover().open("scim", Map.of(
 *     "baseUrl", "https://idp.example.com/scim/v2",
 *     "auth", Map.of("type", "bearer", "token", Secret.of(token))));
 * }</pre>
 */
public final class ScimUserSourceProvider implements UserSourceProvider<ScimUserSourceConfig> {
  /** The type name. */
  public static final String TYPE = "scim";

  /** For ServiceLoader. */
  public ScimUserSourceProvider() {}

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Class<ScimUserSourceConfig> configClass() {
    return ScimUserSourceConfig.class;
  }

  /** Checks the configuration (URL, credentials, profile, filter, mapping) and makes the source. */
  @Override
  public ScimUserSource create(ScimUserSourceConfig config, UserSourceContext context) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(context, "context");
    String name = config.name() != null ? config.name() : context.name();
    ScimUserMapping mapping = ScimUserMapping.of(config.mapping() == null ? Map.of() : config.mapping(),
        config.inactiveStatus() == null ? UserStatus.SUSPENDED : config.inactiveStatus());
    // The connector's configuration checks URL, credentials (OAuth too), profile and filter the same way.
    ScimConfig scim = new ScimConfig(config.baseUrl(), config.auth(), config.connectTimeout(), config.requestTimeout(),
        null, null, null, Boolean.FALSE, null, null, null, null, null, config.profile(), config.filter());
    ScimConnector connector = ScimConnector.open(scim,
        new ConnectorContext(name, context.clock(), context.executor(), context.http()));
    return ScimUserSource.make(name, connector.client(), ScimProfiles.named(scim.profileOrDefault()),
        scim.accountFilterParsed(), config.pageSizeOrDefault(), mapping);
  }

}
