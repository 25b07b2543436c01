package dev.usher.core.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usher.core.ConfigurationException;
import dev.usher.core.ConfigurationException.Problem;
import dev.usher.core.internal.ConfigBinder;
import dev.usher.core.internal.ServiceDiscovery;
import dev.usher.core.json.UsherJson;
import dev.usher.core.model.Secret;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector types available to an application, found through {@code ServiceLoader} and/or
 * registered explicitly, then fixed: a registry never changes after it is built and is safe to
 * share between threads.
 *
 * <pre>{@code
 * ConnectorRegistry registry = ConnectorRegistry.discover();
 * Connector slack = registry.open("scim", Map.of("baseUrl", url, "token", token));
 *
 * ConnectorRegistry explicit = ConnectorRegistry.builder()
 *     .register(new AcmeConnectorProvider())
 *     .build();
 * }</pre>
 *
 * <p>Two providers with one type name are an error naming both classes and the jars they
 * came from; a provider that fails to load is an error naming its class; opening an unknown
 * type lists the known ones.
 */
public final class ConnectorRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectorRegistry.class);

  private final Map<String, ConnectorProvider<?>> providers;
  private final ObjectMapper mapper = UsherJson.newMapper();

  private ConnectorRegistry(Map<String, ConnectorProvider<?>> providers) {
    this.providers = Collections.unmodifiableMap(new TreeMap<>(providers));
  }

  /** Every provider on the class path of this class's class loader. */
  public static ConnectorRegistry discover() {
    return builder().discover().build();
  }

  /** Every provider visible to {@code classLoader}. */
  public static ConnectorRegistry discover(ClassLoader classLoader) {
    return builder().discover(classLoader).build();
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
  public ConnectorProvider<?> provider(String type) {
    Objects.requireNonNull(type, "type");
    ConnectorProvider<?> p = providers.get(type);
    if (p == null) {
      throw new ConfigurationException(
          "unknown connector type '" + type + "'; known types: "
              + (providers.isEmpty() ? "(none: no ConnectorProvider on the class path)" : String.join(", ", providers.keySet())));
    }
    return p;
  }

  /**
   * Opens a connector for an application named like the type, with default context.
   *
   * @param config the configuration as a map (values: strings, numbers, booleans, lists, maps, {@link Secret}s)
   * @throws ConfigurationException when the type is unknown or the configuration is invalid
   */
  public Connector open(String type, Map<String, ?> config) {
    return open(type, config, ConnectorContext.of(type));
  }

  /** Opens a connector with this configuration map and context. */
  public Connector open(String type, Map<String, ?> config, ConnectorContext context) {
    Objects.requireNonNull(config, "config");
    JsonNode tree = mapper.valueToTree(revealSecrets(config));
    return open(type, tree, context);
  }

  /** Opens a connector from configuration written as JSON. */
  public Connector open(String type, String jsonConfig, ConnectorContext context) {
    Objects.requireNonNull(jsonConfig, "jsonConfig");
    JsonNode tree;
    try {
      tree = mapper.readTree(jsonConfig);
    } catch (JsonProcessingException e) {
      throw new ConfigurationException(
          type + " connector configuration is not valid JSON: " + e.getOriginalMessage()
              + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
    }
    return open(type, tree, context);
  }

  /** Opens a connector from a configuration tree (read from JSON or YAML). */
  public Connector open(String type, JsonNode config, ConnectorContext context) {
    Objects.requireNonNull(context, "context");
    ConnectorProvider<?> provider = provider(type);
    return create(provider, config, context);
  }

  /**
   * Binds and validates a configuration for this type without opening a connector.
   *
   * @throws ConfigurationException listing every problem
   */
  public Object bind(String type, Map<String, ?> config) {
    ConnectorProvider<?> provider = provider(type);
    JsonNode tree = mapper.valueToTree(revealSecrets(config));
    return bind(provider, tree, type + " connector configuration");
  }

  private <C> Connector create(ConnectorProvider<C> provider, JsonNode config, ConnectorContext context) {
    String subject = provider.type() + " connector configuration for application '" + context.applicationId() + "'";
    C bound = bind(provider, config, subject);
    Connector connector = provider.create(bound, context);
    if (connector == null) {
      throw new IllegalStateException(providerName(provider) + ".create returned null");
    }
    return connector;
  }

  private <C> C bind(ConnectorProvider<C> provider, JsonNode config, String subject) {
    return ConfigBinder.bind(mapper, config, provider.configClass(), subject);
  }

  private static Object revealSecrets(Object value) {
    return ConfigBinder.revealSecrets(value);
  }

  static String providerName(Object provider) {
    return ServiceDiscovery.providerName(provider);
  }

  @Override
  public String toString() {
    return "ConnectorRegistry" + providers.keySet();
  }

  /** Collects providers; {@link #build()} checks them and fixes the registry. */
  public static final class Builder {
    private final List<ConnectorProvider<?>> found = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    private Builder() {}

    /** Adds every provider found by {@code ServiceLoader} with this class's class loader. */
    public Builder discover() {
      return discover(ConnectorRegistry.class.getClassLoader());
    }

    /** Adds every provider {@code ServiceLoader} finds through this class loader. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Builder discover(ClassLoader classLoader) {
      Objects.requireNonNull(classLoader, "classLoader");
      for (ConnectorProvider p : ServiceDiscovery.load(ConnectorProvider.class, classLoader, "connector provider", problems::add)) {
        LOG.debug("found connector provider '{}' {}", p.type(), providerName(p));
        found.add(p);
      }
      return this;
    }

    /** Adds a provider explicitly. */
    public Builder register(ConnectorProvider<?> provider) {
      found.add(Objects.requireNonNull(provider, "provider"));
      return this;
    }

    /**
     * The registry.
     *
     * @throws ConfigurationException when a provider failed to load, has no valid type name,
     *     or shares its type name with another provider
     */
    public ConnectorRegistry build() {
      List<Problem> all = new ArrayList<>(problems);
      Map<String, ConnectorProvider<?>> byType = ServiceDiscovery.byType(found, ConnectorProvider::type, ConnectorProvider::configClass,
          "connector provider", all);
      if (!all.isEmpty()) {
        throw new ConfigurationException("connector registry", all);
      }
      return new ConnectorRegistry(byType);
    }
  }
}
