package dev.usher.core.model;

import jakarta.validation.constraints.NotBlank;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A phone number of a user.
 *
 * @param value the number as given by the source, preferably E.164 ({@code +4930123456})
 * @param type {@code work}, {@code mobile} or any label; may be null
 * @param primary whether this is the preferred number
 */
public record PhoneNumber(@NotBlank String value, @Nullable String type, boolean primary) {
  public PhoneNumber {
    Objects.requireNonNull(value, "value");
  }
}
