package dev.usher.core.policy.internal;

import dev.usher.core.ConfigurationException;
import dev.usher.core.policy.Policy;
import java.nio.file.Path;
import java.util.Map;

/** Reads policy files. Placeholder until the reader lands. */
public final class PolicyReader {
  private PolicyReader() {}

  public static Policy load(Path file) {
    throw new ConfigurationException("reading policy files is not available yet: " + file);
  }

  public static Map<String, Policy> loadAll(Path file) {
    throw new ConfigurationException("reading policy files is not available yet: " + file);
  }

  public static Policy parse(String text, Policy.Format format, String applicationId) {
    throw new ConfigurationException("reading policy text is not available yet");
  }
}
