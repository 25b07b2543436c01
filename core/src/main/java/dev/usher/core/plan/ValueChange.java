package dev.usher.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.usher.core.model.AttributeValue;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One attribute of an account before and after an update (or, in a create, the value set).
 *
 * <p>A manager reference whose target account does not exist when the plan is computed names
 * the manager in {@link #referencedUserId()}; the engine then writes that user's account id
 * in the application when it applies the plan, after every create has run.
 *
 * @param attribute the account attribute
 * @param before the value the application holds, null when absent
 * @param after the desired value, null to remove the attribute (or when resolved at apply time)
 * @param referencedUserId for a manager reference resolved at apply time: the manager's user id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValueChange(
    String attribute,
    @Nullable AttributeValue before,
    @Nullable AttributeValue after,
    @Nullable String referencedUserId) {
  public ValueChange {
    Objects.requireNonNull(attribute, "attribute");
  }

  /** A plain change from before to after. */
  public static ValueChange of(String attribute, @Nullable AttributeValue before, @Nullable AttributeValue after) {
    return new ValueChange(attribute, before, after, null);
  }

  @Override
  public String toString() {
    String to = referencedUserId != null ? "<account of " + referencedUserId + ">" : show(after);
    return attribute + ": " + show(before) + " -> " + to;
  }

  static String show(@Nullable AttributeValue v) {
    return v == null ? "(none)" : v.toString();
  }
}
