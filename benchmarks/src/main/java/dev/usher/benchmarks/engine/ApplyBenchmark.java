package dev.usher.benchmarks.engine;

import dev.usher.core.engine.Application;
import dev.usher.core.engine.ApplyResult;
import dev.usher.core.engine.Engine;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.plan.Operation;
import dev.usher.core.plan.Plan;
import dev.usher.core.plan.Reason;
import dev.usher.core.plan.Situation;
import dev.usher.core.plan.ValueChange;
import dev.usher.core.store.InMemoryStateStore;
import dev.usher.core.store.Link;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What {@code apply()} costs per operation on top of the connector: a plan of 10,000
 * operations (updates and grants of 5,000 linked users) against a connector that does
 * nothing, on the calling thread. Includes journal writes, state updates, events and outcomes.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ApplyBenchmark -f 1 -wi 2 -i 3 -w 2s -r 3s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class ApplyBenchmark {
  static final int OPS = 10_000;
  private Engine engine;
  private Plan plan;

  @Setup(Level.Trial)
  public void setUp() {
    InMemoryStateStore store = new InMemoryStateStore();
    engine = Engine.builder().tenantId("bench").stateStore(store).executor(Runnable::run)
        .application(new Application("app", new StaticConnector(List.of(), Population.GROUPS), Population.policy("app")))
        .build();
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    List<Operation> ops = new ArrayList<>(OPS);
    Reason reason = new Reason(Situation.LINKED, "mappings[6]", "attributes differ");
    for (int i = 0; i < OPS / 2; i++) {
      store.saveLink("bench", Link.of("app", "E" + i, "A" + i, t).withLastApplied(Map.of("title", AttributeValue.of("Old"))));
      ops.add(Operation.update("app", "E" + i, "A" + i,
          List.of(ValueChange.of("title", AttributeValue.of("Old"), AttributeValue.of("New"))), reason));
      ops.add(Operation.grant("app", "E" + i, "A" + i, "grp-0", "Engineering", reason));
    }
    plan = new Plan("bench", t, ops, List.of(), List.of(), Map.of(), null);
  }

  @Benchmark
  @OperationsPerInvocation(OPS)
  public ApplyResult apply() {
    return engine.apply(plan);
  }
}
