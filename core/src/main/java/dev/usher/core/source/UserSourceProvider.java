package dev.usher.core.source;

/**
 * Makes user sources of one type; the service that {@code ServiceLoader} finds.
 *
 * <p>Register an implementation in
 * {@code META-INF/services/dev.usher.core.source.UserSourceProvider}. It needs a public
 * no-argument constructor and must be cheap to construct.
 *
 * <pre>{@code
 * public final class AcmeHrSourceProvider implements UserSourceProvider<AcmeHrConfig> {
 *   public String type() { return "acme-hr"; }
 *   public Class<AcmeHrConfig> configClass() { return AcmeHrConfig.class; }
 *   public UserSource create(AcmeHrConfig config, UserSourceContext context) {
 *     return new AcmeHrSource(config, context);
 *   }
 * }
 * }</pre>
 *
 * @param <C> the configuration type, bound by Jackson and checked with Jakarta Validation
 */
public interface UserSourceProvider<C> {

  /** The type name sources are opened by ({@code csv}, {@code bamboohr}); lower case. */
  String type();

  /** The configuration class that {@link UserSourceRegistry#open} binds config maps to. */
  Class<C> configClass();

  /**
   * Makes a source. The registry has bound and validated {@code config}; this method may
   * check more (throwing {@link dev.usher.core.ConfigurationException}) but does not read the
   * source yet.
   */
  UserSource create(C config, UserSourceContext context);
}
