package dev.usher.examples.connector;

import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.ConnectorProvider;
import java.util.Objects;

/**
 * Makes {@code notes} connectors. Listed in
 * {@code META-INF/services/dev.usher.core.spi.ConnectorProvider}, so
 * {@code ConnectorRegistry.discover()} finds it.
 *
 * <pre>{@code
 * Connector notes = ConnectorRegistry.discover().open("notes", Map.of("baseUrl", url, "apiKey", key));
 * }</pre>
 */
public final class NotesConnectorProvider implements ConnectorProvider<NotesConfig> {
  /** The type name. */
  public static final String TYPE = "notes";

  public NotesConnectorProvider() {}

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Class<NotesConfig> configClass() {
    return NotesConfig.class;
  }

  @Override
  public Connector create(NotesConfig config, ConnectorContext context) {
    return new NotesConnector(Objects.requireNonNull(config, "config"), Objects.requireNonNull(context, "context"));
  }
}
