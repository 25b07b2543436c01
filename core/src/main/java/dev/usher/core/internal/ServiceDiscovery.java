package dev.usher.core.internal;

import dev.usher.core.ConfigurationException.Problem;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

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

  /**
   * The providers by type name, in the order found. A provider whose type name is not lower-case
   * letters, digits and '-', or whose config class is null, is left out with a problem; two
   * providers of different classes claiming one type name give a problem; the same class found
   * twice (on the class path twice) is kept once.
   *
   * @param what how a provider is called in messages ({@code "connector provider"})
   * @param problems receives the problems
   */
  public static <P> Map<String, P> byType(List<? extends P> providers, Function<? super P, @Nullable String> type,
      Function<? super P, @Nullable Class<?>> configClass, String what, List<Problem> problems) {
    Map<String, P> byType = new LinkedHashMap<>();
    for (P p : providers) {
      String name = type.apply(p);
      if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
        problems.add(new Problem(p.getClass().getName(),
            "type name '" + name + "' is not valid: expected lower-case letters, digits and '-'"));
        continue;
      }
      if (configClass.apply(p) == null) {
        problems.add(new Problem(p.getClass().getName(), "configClass() returned null"));
        continue;
      }
      P previous = byType.get(name);
      if (previous == null) {
        byType.put(name, p);
      } else if (previous.getClass() != p.getClass()) {
        problems.add(new Problem(name, "two " + what + "s claim this type: "
            + providerName(previous) + " and " + providerName(p)));
      }
    }
    return byType;
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
