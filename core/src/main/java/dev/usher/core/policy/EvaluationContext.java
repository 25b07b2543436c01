package dev.usher.core.policy;

import dev.usher.core.model.AttributeValue;

/**
 * What the engine tells an evaluation about the application: whether a candidate value is
 * already used, so {@code selectUnique} can pick the first free one.
 *
 * <pre>{@code
 * EvaluationContext ctx = (attribute, value) -> takenUserNames.contains(value);
 * AttributeValue userName = mapping.evaluate(alice, ctx);
 * }</pre>
 */
@FunctionalInterface
public interface EvaluationContext {
  /** Whether candidate is already used for this target attribute in the application (selectUnique asks). */
  boolean isTaken(String targetAttribute, AttributeValue candidate);

  /** Nothing is taken. */
  EvaluationContext NONE = (attr, value) -> false;
}
