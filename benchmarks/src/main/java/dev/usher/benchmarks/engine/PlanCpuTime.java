package dev.usher.benchmarks.engine;

import dev.usher.core.engine.Application;
import dev.usher.core.engine.Engine;
import dev.usher.core.plan.Plan;
import dev.usher.core.store.InMemoryStateStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A companion to {@link PlanBenchmark} for a busy shared machine: plans N users on the calling
 * thread several times and prints wall time next to the thread's CPU time (which waiting for
 * a core does not inflate), and the heap held by the data and by a plan.
 *
 * <pre>
 * java -Xmx6g -cp benchmarks/target/benchmarks.jar dev.usher.benchmarks.engine.PlanCpuTime 1000000 5
 * </pre>
 */
public final class PlanCpuTime {
  private PlanCpuTime() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long base = rt.totalMemory() - rt.freeMemory();
    Population p = new Population(n, "app");
    System.gc();
    long data = rt.totalMemory() - rt.freeMemory() - base;
    InMemoryStateStore store = new InMemoryStateStore();
    p.link(store, "bench", "app");
    Engine engine = Engine.builder().tenantId("bench").stateStore(store).executor(Runnable::run)
        .application(new Application("app", new StaticConnector(p.accounts, Population.GROUPS), Population.policy("app")))
        .build();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    System.out.printf("users+accounts: %d MB on the heap%n", data >> 20);
    for (int i = 0; i < runs; i++) {
      long cpu0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      Plan plan = engine.plan(p.users);
      long wall = System.nanoTime() - t0;
      long cpu = mx.getCurrentThreadCpuTime() - cpu0;
      System.out.printf("run %d: wall %d ms, cpu %d ms (%.2f us/user cpu), %d operations%n", i + 1,
          wall / 1_000_000, cpu / 1_000_000, cpu / 1000.0 / n, plan.operations().size());
    }
  }
}
