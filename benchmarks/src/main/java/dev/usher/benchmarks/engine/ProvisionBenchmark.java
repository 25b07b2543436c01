package dev.usher.benchmarks.engine;

import dev.usher.core.Usher;
import dev.usher.core.engine.ApplyResult;
import dev.usher.core.model.User;
import dev.usher.core.policy.Policy;
import dev.usher.testkit.InMemoryConnector;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Latency of {@code provision(user)} across 5 in-memory applications for a linked user whose
 * title changes on every call (a mover on demand): per application one look-up of the
 * linked account, one entitlement listing and one update, then the apply.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ProvisionBenchmark -f 1 -wi 2 -i 3 -w 2s -r 3s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class ProvisionBenchmark {
  static final int APPS = 5;
  private Usher usher;
  private User[] versions;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Population population = new Population(1000, "x");
    Usher.Builder b = Usher.builder().tenantId("bench").executor(Runnable::run);
    for (int a = 0; a < APPS; a++) {
      String app = "app" + a;
      InMemoryConnector.Builder c = InMemoryConnector.builder(app);
      Population.GROUPS.forEach(c::entitlement);
      Policy policy = Population.policy(app);
      b.application(app, c.build(), policy);
    }
    usher = b.users(List.of()).build();
    User base = population.users.get(0);
    versions = new User[] {base, base.toBuilder().title("Moved").build()};
    ApplyResult first = usher.provision(base);
    if (!first.isSuccess()) {
      throw new IllegalStateException(first.summary());
    }
  }

  @Benchmark
  public ApplyResult provision() {
    next ^= 1;
    return usher.provision(versions[next]);
  }
}
