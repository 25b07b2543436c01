package dev.usher.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A credential (token, password, client secret, private key) that never prints.
 *
 * <p>{@code toString()} and Jackson both write {@code ****}; the only way to the value is
 * {@link #reveal()}, which connectors call at the moment they authenticate. Configuration
 * binds a JSON or YAML string into a {@code Secret}, so a config class simply declares a
 * {@code Secret} field.
 *
 * <pre>{@code
 * Secret token = Secret.of(System.getenv("SCIM_TOKEN"));
 * request.header("Authorization", "Bearer " + token.reveal());
 * }</pre>
 */
public final class Secret {
  /** What a secret looks like wherever it is printed. */
  public static final String MASK = "****";

  private final byte[] value;

  private Secret(String value) {
    this.value = value.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A secret holding this value.
   *
   * @throws IllegalArgumentException when the value is empty (a missing secret is a configuration error)
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "secret value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("secret is empty");
    }
    return new Secret(value);
  }

  @JsonCreator
  static Secret fromJson(String value) {
    if (MASK.equals(value)) {
      throw new IllegalArgumentException(
          "secret is the mask '" + MASK + "', not a credential: Usher never writes secrets out,"
              + " so supply the real value (for example from an environment variable)");
    }
    return of(value);
  }

  /** The credential itself. Call it where it is used, never to log or store it. */
  public String reveal() {
    return new String(value, StandardCharsets.UTF_8);
  }

  /** Always {@value #MASK}; this is also what Jackson writes. */
  @JsonValue
  @Override
  public String toString() {
    return MASK;
  }

  /** Equal by value, compared in constant time. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && MessageDigest.isEqual(value, other.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }
}
