package dev.usher.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.usher.core.ConfigurationException;
import dev.usher.core.ConfigurationException.Problem;
import dev.usher.core.model.Secret;
import dev.usher.core.validation.ModelValidator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Binds a configuration tree to a provider's configuration class and validates it, turning
 * every Jackson failure into a {@link ConfigurationException} that names the key and what was
 * expected. Shared by the connector and user-source registries.
 */
public final class ConfigBinder {
  private ConfigBinder() {}

  /**
   * The bound, validated configuration.
   *
   * @param subject what is being configured, for messages ({@code "csv user source configuration"})
   * @throws ConfigurationException naming the offending key
   */
  public static <C> C bind(ObjectMapper mapper, @Nullable JsonNode config, Class<C> type, String subject) {
    if (config == null || !config.isObject()) {
      throw new ConfigurationException(subject + " must be an object of keys and values, was "
          + (config == null ? "null" : config.getNodeType().toString().toLowerCase(Locale.ROOT)));
    }
    C bound;
    try {
      bound = mapper.treeToValue(config, type);
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
          .map(String::valueOf).sorted().collect(Collectors.joining(", "));
      throw new ConfigurationException(subject, List.of(new Problem(
          path(e), "unknown key; expected one of: " + known)));
    } catch (InvalidFormatException e) {
      throw new ConfigurationException(subject, List.of(new Problem(path(e),
          "expected " + describe(e.getTargetType()) + ", was '" + masked(path(e), e.getValue()) + "'")));
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new ConfigurationException(subject, List.of(new Problem(path(e), String.valueOf(cause.getMessage()))));
    } catch (MismatchedInputException e) {
      throw new ConfigurationException(subject, List.of(new Problem(path(e),
          "expected " + describe(e.getTargetType()) + " (" + e.getOriginalMessage().split("\n")[0] + ")")));
    } catch (JsonProcessingException e) {
      throw new ConfigurationException(subject + " could not be read: " + e.getOriginalMessage());
    }
    return ModelValidator.shared().validate(bound, subject);
  }

  /** Secrets print as ****; binding needs their values, so unwrap them before conversion. */
  public static Object revealSecrets(Object value) {
    if (value instanceof Secret s) {
      return s.reveal();
    }
    if (value instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k, v == null ? null : revealSecrets(v)));
      return out;
    }
    if (value instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>();
      c.forEach(v -> out.add(v == null ? null : revealSecrets(v)));
      return out;
    }
    return value;
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String masked(String path, @Nullable Object value) {
    return path.toLowerCase(Locale.ROOT).matches(".*(secret|token|password|key).*")
        ? Secret.MASK : String.valueOf(value);
  }

  private static String describe(@Nullable Class<?> type) {
    if (type == null) {
      return "a value";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf)
          .collect(Collectors.joining(", "));
    }
    if (type == java.time.Duration.class) {
      return "an ISO-8601 duration such as PT30S";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "an object";
    }
    return "a " + type.getSimpleName();
  }
}
