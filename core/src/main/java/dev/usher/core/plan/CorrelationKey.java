package dev.usher.core.plan;

import dev.usher.core.model.AttributeValue;
import java.util.Objects;

/**
 * An attribute value that identifies a user's account in an application. A create carries
 * its keys so that, when the application answers "already exists" or the answer is lost,
 * the engine can find the account without the policy.
 *
 * @param attribute the account attribute ({@code externalId}, {@code userName}, {@code emails})
 * @param value the user's value for it
 */
public record CorrelationKey(String attribute, AttributeValue value) {
  public CorrelationKey {
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(value, "value");
  }
}
