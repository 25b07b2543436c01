package dev.usher.testkit;

import dev.usher.core.model.Entitlement;
import dev.usher.core.model.EntitlementType;
import dev.usher.core.spi.Capability;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.ConnectorProvider;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Provides {@link InMemoryConnector}s under the type {@value InMemoryConnector#TYPE}, so tests
 * can open one through the registry exactly as production code opens a real connector:
 *
 * <pre>{@code
 * Connector c = ConnectorRegistry.discover().open("in-memory", Map.of(
 *     "without", List.of("DISABLE_ACCOUNT"),
 *     "entitlements", List.of(Map.of("type", "team", "id", "eng", "displayName", "Engineering"))));
 * }</pre>
 */
public final class InMemoryConnectorProvider implements ConnectorProvider<InMemoryConnectorProvider.Config> {

  /**
   * Configuration of an in-memory application.
   *
   * @param without capabilities to leave out
   * @param deleteIsSoft whether DELETE only deactivates
   * @param maxPageSize the largest page returned, 0 for no cap
   * @param entitlements entitlements on offer
   */
  public record Config(
      @Nullable List<@NotNull Capability> without,
      boolean deleteIsSoft,
      @Min(0) int maxPageSize,
      @Nullable List<@Valid @NotNull EntitlementConfig> entitlements) {}

  /** An entitlement on offer. */
  public record EntitlementConfig(@NotBlank String type, @NotBlank String id, @Nullable String displayName) {}

  /** Public no-argument constructor for {@code ServiceLoader}. */
  public InMemoryConnectorProvider() {}

  @Override
  public String type() {
    return InMemoryConnector.TYPE;
  }

  @Override
  public Class<Config> configClass() {
    return Config.class;
  }

  @Override
  public Connector create(Config config, ConnectorContext context) {
    InMemoryConnector.Builder b = InMemoryConnector.builder(context.applicationId())
        .deleteIsSoft(config.deleteIsSoft())
        .maxPageSize(config.maxPageSize());
    if (config.without() != null) {
      b.without(config.without().toArray(new Capability[0]));
    }
    if (config.entitlements() != null) {
      for (EntitlementConfig e : config.entitlements()) {
        b.entitlement(Entitlement.of(EntitlementType.of(e.type()), e.id(),
            e.displayName() != null ? e.displayName() : e.id()));
      }
    }
    return b.build();
  }
}
