package dev.usher.core.internal;

import dev.usher.core.ConfigurationException.Problem;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Loads every provider of a service through {@code ServiceLoader}, collecting a problem per
 * provider that fails instead of stopping at the first. Shared by the connector and
 * user-source registries.
 */
public final class ServiceDiscovery {
  private ServiceDiscovery() {}

  /**
   * Every provider of {@code service} visible to {@code classLoader}.
   *
   * @param what how a provider is called in messages ({@code "connector provider"})
   * @param problems receives one problem per provider that could not be loaded
   */
  public static <S> List<S> load(Class<S> service, ClassLoader classLoader, String what, Consumer<Problem> problems) {
    List<S> found = new ArrayList<>();
    ServiceLoader<S> loader = ServiceLoader.load(service, classLoader);
    Iterator<ServiceLoader.Provider<S>> it = loader.stream().iterator();
    // Each failure advances the iterator past the broken entry, so the loop ends; the bound is a seat belt.
    for (int guard = 0; guard < 10_000; guard++) {
      ServiceLoader.Provider<S> entry;
      try {
        if (!it.hasNext()) {
          break;
        }
        entry = it.next();
      } catch (ServiceConfigurationError e) {
        problems.accept(new Problem("ServiceLoader", "a " + what + " failed to load: " + e.getMessage()));
        continue;
      }
      try {
        found.add(entry.get());
      } catch (ServiceConfigurationError | RuntimeException e) {
        problems.accept(new Problem(entry.type().getName(),
            what + " could not be instantiated (" + location(entry.type()) + "): " + e.getMessage()));
      }
    }
    return found;
  }

  /** The provider's class name and the jar (or directory) it came from, for messages. */
  public static String providerName(Object provider) {
    Class<?> c = provider.getClass();
    return c.getName() + " (" + location(c) + ")";
  }

  private static String location(Class<?> c) {
    try {
      CodeSource cs = c.getProtectionDomain().getCodeSource();
      URL url = cs == null ? null : cs.getLocation();
      return url == null ? "unknown location" : url.toString();
    } catch (SecurityException e) {
      return "unknown location";
    }
  }
}
