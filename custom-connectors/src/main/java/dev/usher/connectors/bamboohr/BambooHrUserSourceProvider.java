package dev.usher.connectors.bamboohr;

import dev.usher.core.source.UserSource;
import dev.usher.core.source.UserSourceContext;
import dev.usher.core.source.UserSourceProvider;

/**
 * The {@code bamboohr} user source type.
 *
 * <pre>{@code
 * UserSource hr = UserSourceRegistry.discover().open("bamboohr",
 *     Map.of("companyDomain", "acme", "apiKey", Secret.of(key)));
 * }</pre>
 */
public final class BambooHrUserSourceProvider implements UserSourceProvider<BambooHrConfig> {
  @Override
  public String type() {
    return "bamboohr";
  }

  @Override
  public Class<BambooHrConfig> configClass() {
    return BambooHrConfig.class;
  }

  @Override
  public UserSource create(BambooHrConfig config, UserSourceContext context) {
    return new BambooHrUserSource(config, context);
  }
}
