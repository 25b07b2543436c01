package dev.usher.core.source;

/**
 * The {@code jsonl} user source type: a {@link FileSourceConfig} bound from configuration.
 *
 * <pre>{@code
 * UserSource hr = UserSourceRegistry.discover().open("jsonl", Map.of("path", "people.jsonl"));
 * }</pre>
 */
public final class JsonLinesUserSourceProvider implements UserSourceProvider<FileSourceConfig> {
  @Override
  public String type() {
    return "jsonl";
  }

  @Override
  public Class<FileSourceConfig> configClass() {
    return FileSourceConfig.class;
  }

  @Override
  public UserSource create(FileSourceConfig config, UserSourceContext context) {
    return JsonUserSource.lines(config);
  }
}
