package dev.usher.core.validation;

import dev.usher.core.ConfigurationException;
import dev.usher.core.ConfigurationException.Problem;
import dev.usher.core.model.Secret;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.jspecify.annotations.Nullable;

/**
 * The one place Usher runs Jakarta Validation. Reports every violation at once, sorted by
 * path, and never prints a secret: values of type {@link Secret}, and values of properties
 * whose name says they hold a credential, are shown as {@code ****}.
 *
 * <pre>{@code
 * ScimConfig config = ModelValidator.shared().validate(candidate, "scim connector configuration");
 * }</pre>
 *
 * <p>Thread-safe. The underlying {@link ValidatorFactory} is expensive to build, so it is built
 * once per class loader, on first use, and never changes afterwards.
 */
public final class ModelValidator {
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(secret|token|password|passwd|credential|privatekey|apikey).*");
  private static final int MAX_SHOWN_VALUE = 80;

  private final Validator validator;

  private ModelValidator(Validator validator) {
    this.validator = validator;
  }

  /** The validator shared by all of Usher; immutable. */
  public static ModelValidator shared() {
    return Holder.INSTANCE;
  }

  /**
   * Returns {@code value} when valid.
   *
   * @param subject what is being validated, for the message ({@code "github connector configuration"})
   * @throws ConfigurationException listing every violation as {@code path: message}
   */
  public <T> T validate(T value, String subject) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(subject, "subject");
    List<Problem> problems = problems(value);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(subject, problems);
    }
    return value;
  }

  /** Every violation of {@code value}'s constraints, sorted by path; empty when valid. */
  public List<Problem> problems(Object value) {
    Set<ConstraintViolation<Object>> violations = validator.validate(value);
    List<Problem> out = new ArrayList<>(violations.size());
    for (ConstraintViolation<Object> v : violations) {
      String path = v.getPropertyPath().toString();
      out.add(new Problem(path, v.getMessage() + shown(path, v.getInvalidValue())));
    }
    out.sort(null);
    return out;
  }

  private static String shown(String path, @Nullable Object invalid) {
    if (invalid == null || invalid instanceof Collection || invalid instanceof Map) {
      return "";
    }
    if (invalid instanceof Secret || SECRET_NAME.matcher(path).matches()) {
      return " (was " + Secret.MASK + ")";
    }
    if (!(invalid instanceof CharSequence || invalid instanceof Number
        || invalid instanceof Boolean || invalid instanceof Enum
        || invalid instanceof java.time.temporal.Temporal)) {
      return "";
    }
    String s = String.valueOf(invalid);
    if (s.length() > MAX_SHOWN_VALUE) {
      s = s.substring(0, MAX_SHOWN_VALUE) + "...";
    }
    return " (was '" + s + "')";
  }

  private static final class Holder {
    static final ModelValidator INSTANCE = build();

    private static ModelValidator build() {
      ValidatorFactory factory =
          Validation.byDefaultProvider()
              .configure()
              .messageInterpolator(new ParameterMessageInterpolator())
              .buildValidatorFactory();
      return new ModelValidator(factory.getValidator());
    }
  }
}
