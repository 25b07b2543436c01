package dev.usher.benchmarks.engine;

import dev.usher.core.engine.Application;
import dev.usher.core.engine.Engine;
import dev.usher.core.plan.Plan;
import dev.usher.core.store.InMemoryStateStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code plan()} over N users against one application holding N accounts, all linked (a
 * steady-state run): 10 mapped attributes, 3 managed groups, ~5 % drift. {@code threads}
 * is the engine's plan parallelism.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar PlanBenchmark -f 1 -wi 2 -i 3 -w 2s -r 3s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class PlanBenchmark {
  @Param({"100000", "1000000"})
  public int users;

  @Param({"1", "2"})
  public int threads;

  private Population population;
  private Engine engine;
  private ExecutorService pool;

  @Setup(Level.Trial)
  public void setUp() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    population = new Population(users, "app");
    System.gc();
    long data = rt.totalMemory() - rt.freeMemory() - before;
    InMemoryStateStore store = new InMemoryStateStore();
    population.link(store, "bench", "app");
    pool = Executors.newFixedThreadPool(threads);
    engine = Engine.builder().tenantId("bench").stateStore(store).executor(pool).planParallelism(threads)
        .application(new Application("app", new StaticConnector(population.accounts, Population.GROUPS),
            Population.policy("app")))
        .build();
    Plan plan = engine.plan(population.users);
    System.out.printf("%n[setup] users+accounts on the heap: %d MB; plan: %s%n", data >> 20, plan.counts());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdownNow();
  }

  @Benchmark
  public Plan plan() {
    return engine.plan(population.users);
  }
}
