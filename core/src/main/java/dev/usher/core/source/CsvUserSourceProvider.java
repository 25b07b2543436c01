package dev.usher.core.source;

/**
 * The {@code csv} user source type: a {@link FileSourceConfig} bound from configuration.
 *
 * <pre>{@code
 * UserSource hr = UserSourceRegistry.discover().open("csv", Map.of("path", "people.csv"));
 * }</pre>
 */
public final class CsvUserSourceProvider implements UserSourceProvider<FileSourceConfig> {
  @Override
  public String type() {
    return "csv";
  }

  @Override
  public Class<FileSourceConfig> configClass() {
    return FileSourceConfig.class;
  }

  @Override
  public UserSource create(FileSourceConfig config, UserSourceContext context) {
    return CsvUserSource.of(config);
  }
}
