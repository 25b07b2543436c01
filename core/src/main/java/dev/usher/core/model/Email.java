package dev.usher.core.model;

import jakarta.validation.constraints.NotBlank;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An email address of a user or an account.
 *
 * @param value the address, e.g. {@code alice@example.com}
 * @param type {@code work}, {@code home} or any label; may be null
 * @param primary whether this is the preferred address
 */
public record Email(@NotBlank @jakarta.validation.constraints.Email String value, @Nullable String type, boolean primary) {
  public Email {
    Objects.requireNonNull(value, "value");
  }

  /** A primary work address. */
  public static Email work(String value) {
    return new Email(value, "work", true);
  }
}
