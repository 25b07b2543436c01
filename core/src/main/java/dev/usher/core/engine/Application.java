package dev.usher.core.engine;

import dev.usher.core.ConfigurationException;
import dev.usher.core.policy.Policy;
import dev.usher.core.spi.Connector;
import java.util.Objects;

/**
 * One configured target: a connector instance plus its policy, under one application id.
 *
 * <pre>{@code
 * Application github = new Application("github", registry.open("github", config), Policy.load(Path.of("github.yaml")));
 * }</pre>
 *
 * @param id the application id (the policy's {@link Policy#applicationId()})
 * @param connector how Usher reaches it
 * @param policy the rules for it
 */
public record Application(String id, Connector connector, Policy policy) {
  public Application {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(connector, "connector");
    Objects.requireNonNull(policy, "policy");
    if (id.isBlank()) {
      throw new ConfigurationException("application id is blank");
    }
    if (!policy.applicationId().equals(id)) {
      throw new ConfigurationException("application '" + id + "' was given the policy of application '"
          + policy.applicationId() + "': give each application its own policy");
    }
  }
}
