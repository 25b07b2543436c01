package dev.usher.core.source;

/**
 * The {@code json} user source type: a {@link FileSourceConfig} bound from configuration.
 *
 * <pre>{@code
 * UserSource hr = UserSourceRegistry.discover().open("json", Map.of("path", "people.json"));
 * }</pre>
 */
public final class JsonUserSourceProvider implements UserSourceProvider<FileSourceConfig> {
  @Override
  public String type() {
    return "json";
  }

  @Override
  public Class<FileSourceConfig> configClass() {
    return FileSourceConfig.class;
  }

  @Override
  public UserSource create(FileSourceConfig config, UserSourceContext context) {
    return JsonUserSource.array(config);
  }
}
