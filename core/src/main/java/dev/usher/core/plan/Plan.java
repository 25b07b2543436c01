package dev.usher.core.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.usher.core.json.UsherJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a run would do: operations with reasons, operations staged by safety rules, warnings,
 * and how users and accounts related per application. An immutable value; the engine applies
 * it as it stands and never recomputes it.
 *
 * <pre>{@code
 * Plan plan = usher.plan();
 * System.out.println(plan.summary());
 * String json = plan.toJson();                  // store it, review it
 * ApplyResult result = usher.apply(Plan.fromJson(json));
 * }</pre>
 *
 * <p>Operations are in a deterministic order: by application, then user (or account), then
 * {@link OperationType} order, then entitlement id.
 *
 * @param tenantId the tenant the plan was computed for
 * @param createdAt when it was computed
 * @param operations what will run when the plan is applied
 * @param staged what safety rules held back until approved
 * @param warnings what someone should look at
 * @param situations per application, how many users or accounts were in each situation
 * @param sourceSize how many users the source gave, for a plan over all users; null for a plan
 *     of one user
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Plan(
    String tenantId,
    Instant createdAt,
    List<Operation> operations,
    List<StagedOperation> staged,
    List<Warning> warnings,
    Map<String, Map<Situation, Integer>> situations,
    @Nullable Integer sourceSize) {

  /** The order of operations in every plan. */
  public static final Comparator<Operation> ORDER = Comparator
      .comparing(Operation::applicationId)
      .thenComparing(Operation::deferred)
      .thenComparing(Operation::subject)
      .thenComparing(Operation::type)
      .thenComparing(o -> o.entitlementId() == null ? "" : o.entitlementId());

  public Plan {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(createdAt, "createdAt");
    operations = sorted(operations);
    staged = staged == null ? List.of() : List.copyOf(staged);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
    Map<String, Map<Situation, Integer>> s = new TreeMap<>();
    if (situations != null) {
      situations.forEach((app, counts) -> s.put(app, Collections.unmodifiableMap(new EnumMap<>(
          counts.isEmpty() ? new EnumMap<>(Situation.class) : counts))));
    }
    situations = Collections.unmodifiableMap(s);
    Set<String> ids = new HashSet<>();
    for (Operation o : operations) {
      if (!ids.add(o.id())) {
        throw new IllegalArgumentException("operation id '" + o.id() + "' appears twice in the plan");
      }
    }
    for (StagedOperation o : staged) {
      if (!ids.add(o.id())) {
        throw new IllegalArgumentException("operation id '" + o.id() + "' appears twice in the plan");
      }
    }
  }

  private static List<Operation> sorted(@Nullable List<Operation> in) {
    if (in == null || in.isEmpty()) {
      return List.of();
    }
    List<Operation> copy = new ArrayList<>(in);
    copy.sort(ORDER);
    return Collections.unmodifiableList(copy);
  }

  /** An empty plan. */
  public static Plan empty(String tenantId, Instant createdAt) {
    return new Plan(tenantId, createdAt, List.of(), List.of(), List.of(), Map.of(), null);
  }

  /** True when there is nothing to run and nothing staged. */
  @JsonIgnore
  public boolean isEmpty() {
    return operations.isEmpty() && staged.isEmpty();
  }

  /** How many operations of each type will run (types with none are left out). */
  public Map<OperationType, Integer> counts() {
    Map<OperationType, Integer> counts = new EnumMap<>(OperationType.class);
    for (Operation o : operations) {
      counts.merge(o.type(), 1, Integer::sum);
    }
    return Collections.unmodifiableMap(counts);
  }

  /** The operations of one application. */
  public List<Operation> operations(String applicationId) {
    return operations.stream().filter(o -> o.applicationId().equals(applicationId)).toList();
  }

  /** The operation with this id, among operations and staged ones. */
  public java.util.Optional<Operation> operation(String id) {
    for (Operation o : operations) {
      if (o.id().equals(id)) {
        return java.util.Optional.of(o);
      }
    }
    return staged.stream().map(StagedOperation::operation).filter(o -> o.id().equals(id)).findFirst();
  }

  /**
   * A copy in which these staged operations are approved: they move to the operations.
   *
   * @throws IllegalArgumentException naming the ids that are not staged in this plan
   */
  public Plan approve(Collection<String> stagedIds) {
    Set<String> wanted = new LinkedHashSet<>(stagedIds);
    List<Operation> ops = new ArrayList<>(operations);
    List<StagedOperation> still = new ArrayList<>();
    for (StagedOperation s : staged) {
      if (wanted.remove(s.id())) {
        ops.add(s.operation());
      } else {
        still.add(s);
      }
    }
    if (!wanted.isEmpty()) {
      throw new IllegalArgumentException("not staged in this plan: " + wanted);
    }
    return new Plan(tenantId, createdAt, ops, still, warnings, situations, sourceSize);
  }

  /** A readable text table of the plan. */
  public String summary() {
    return PlanText.summary(this);
  }

  /** The plan as Markdown: a heading, counts, and tables of operations, staged operations and warnings. */
  public String toMarkdown() {
    return PlanText.markdown(this);
  }

  /** The plan as JSON, readable by {@link #fromJson(String)}. */
  public String toJson() {
    try {
      return UsherJson.newMapper().writerWithDefaultPrettyPrinter().writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plan could not be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads a plan written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException saying where the JSON is not a plan
   */
  public static Plan fromJson(String json) {
    Objects.requireNonNull(json, "json");
    try {
      return UsherJson.newMapper().readValue(json, Plan.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a plan: " + e.getOriginalMessage()
          + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr()
              + ", column " + e.getLocation().getColumnNr() + ")" : ""), e);
    }
  }
}
