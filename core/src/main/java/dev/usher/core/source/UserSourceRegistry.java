package dev.usher.core.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usher.core.ConfigurationException;
import dev.usher.core.ConfigurationException.Problem;
import dev.usher.core.internal.ConfigBinder;
import dev.usher.core.internal.ServiceDiscovery;
import dev.usher.core.json.UsherJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user source types available, found through {@code ServiceLoader} and/or registered
 * explicitly, then fixed; safe to share between threads. Works like
 * {@link dev.usher.core.spi.ConnectorRegistry}: two providers with one type name are an error
 * naming both jars, and an unknown type lists the known ones.
 *
 * <pre>{@code
 * UserSourceRegistry sources = UserSourceRegistry.discover();
 * UserSource hr = sources.open("csv", Map.of(
 *     "path", "hr.csv",
 *     "columns", Map.of("EmployeeId", "id", "Mail", "email")));
 * }</pre>
 */
public final class UserSourceRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(UserSourceRegistry.class);

  private final Map<String, UserSourceProvider<?>> providers;
  private final ObjectMapper mapper = UsherJson.newMapper();

  private UserSourceRegistry(Map<String, UserSourceProvider<?>> providers) {
    this.providers = Collections.unmodifiableMap(new TreeMap<>(providers));
  }

  /** Every provider on the class path of this class's class loader. */
  public static UserSourceRegistry discover() {
    return builder().discover().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The known type names, sorted. */
  public Set<String> types() {
    return providers.keySet();
  }

  /**
   * The provider of this type.
   *
   * @throws ConfigurationException naming the known types when there is none
   */
  public UserSourceProvider<?> provider(String type) {
    Objects.requireNonNull(type, "type");
    UserSourceProvider<?> p = providers.get(type);
    if (p == null) {
      throw new ConfigurationException("unknown user source type '" + type + "'; known types: "
          + (providers.isEmpty() ? "(none: no UserSourceProvider on the class path)" : String.join(", ", providers.keySet())));
    }
    return p;
  }

  /** Opens a source named like its type, with a default context. */
  public UserSource open(String type, Map<String, ?> config) {
    return open(type, config, UserSourceContext.of(type));
  }

  /**
   * Opens a source of this type.
   *
   * @throws ConfigurationException when the type is unknown or the configuration is invalid
   */
  public UserSource open(String type, Map<String, ?> config, UserSourceContext context) {
    Objects.requireNonNull(config, "config");
    JsonNode tree = mapper.valueToTree(ConfigBinder.revealSecrets(config));
    return open(type, tree, context);
  }

  /** Opens a source from configuration written as JSON. */
  public UserSource open(String type, String jsonConfig, UserSourceContext context) {
    Objects.requireNonNull(jsonConfig, "jsonConfig");
    JsonNode tree;
    try {
      tree = mapper.readTree(jsonConfig);
    } catch (JsonProcessingException e) {
      throw new ConfigurationException(type + " user source configuration is not valid JSON: "
          + e.getOriginalMessage());
    }
    return open(type, tree, context);
  }

  /** Opens a source from a configuration tree (read from JSON or YAML). */
  public UserSource open(String type, JsonNode config, UserSourceContext context) {
    Objects.requireNonNull(context, "context");
    return create(provider(type), config, context);
  }

  private <C> UserSource create(UserSourceProvider<C> provider, JsonNode config, UserSourceContext context) {
    String subject = provider.type() + " user source configuration for '" + context.name() + "'";
    C bound = ConfigBinder.bind(mapper, config, provider.configClass(), subject);
    UserSource source = provider.create(bound, context);
    if (source == null) {
      throw new IllegalStateException(ServiceDiscovery.providerName(provider) + ".create returned null");
    }
    return source;
  }

  @Override
  public String toString() {
    return "UserSourceRegistry" + providers.keySet();
  }

  /** Collects providers; {@link #build()} checks them and fixes the registry. */
  public static final class Builder {
    private final List<UserSourceProvider<?>> found = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    private Builder() {}

    /** Adds every provider found by {@code ServiceLoader} with this class's class loader. */
    public Builder discover() {
      return discover(UserSourceRegistry.class.getClassLoader());
    }

    /** Adds every provider {@code ServiceLoader} finds through this class loader. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Builder discover(ClassLoader classLoader) {
      Objects.requireNonNull(classLoader, "classLoader");
      for (UserSourceProvider p : ServiceDiscovery.load(UserSourceProvider.class, classLoader, "user source provider", problems::add)) {
        LOG.debug("found user source provider '{}' {}", p.type(), ServiceDiscovery.providerName(p));
        found.add(p);
      }
      return this;
    }

    /** Adds a provider explicitly. */
    public Builder register(UserSourceProvider<?> provider) {
      found.add(Objects.requireNonNull(provider, "provider"));
      return this;
    }

    /**
     * The registry.
     *
     * @throws ConfigurationException when a provider failed to load, has no valid type name,
     *     or shares its type name with another provider
     */
    public UserSourceRegistry build() {
      List<Problem> all = new ArrayList<>(problems);
      Map<String, UserSourceProvider<?>> byType = ServiceDiscovery.byType(found, UserSourceProvider::type, UserSourceProvider::configClass,
          "user source provider", all);
      if (!all.isEmpty()) {
        throw new ConfigurationException("user source registry", all);
      }
      return new UserSourceRegistry(byType);
    }
  }
}
