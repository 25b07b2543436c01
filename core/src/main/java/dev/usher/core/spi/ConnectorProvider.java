package dev.usher.core.spi;

/**
 * Makes connectors of one type; the service that {@code ServiceLoader} finds.
 *
 * <p>Register an implementation in {@code META-INF/services/dev.usher.core.spi.ConnectorProvider}.
 * It needs a public no-argument constructor and must be cheap to construct: the registry
 * instantiates every provider on the class path once.
 *
 * <pre>{@code
 * public final class AcmeConnectorProvider implements ConnectorProvider<AcmeConfig> {
 *   public String type() { return "acme"; }
 *   public Class<AcmeConfig> configClass() { return AcmeConfig.class; }
 *   public Connector create(AcmeConfig config, ConnectorContext context) {
 *     return new AcmeConnector(config, context);
 *   }
 * }
 * }</pre>
 *
 * @param <C> the configuration type: a record or class that Jackson can bind from a map or
 *     JSON, with Jakarta Validation constraints on its fields
 */
public interface ConnectorProvider<C> {

  /** The type name users open connectors by ({@code scim}, {@code github}); lower case. */
  String type();

  /** The configuration class that {@link ConnectorRegistry#open} binds config maps to. */
  Class<C> configClass();

  /**
   * Makes a connector for one application. The registry has bound and validated
   * {@code config} already; this method may check more (and throw
   * {@link dev.usher.core.ConfigurationException}) but must not call the application:
   * that is what {@link Connector#test()} is for.
   */
  Connector create(C config, ConnectorContext context);
}
