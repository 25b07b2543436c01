package dev.usher.benchmarks.scim;

import dev.usher.core.model.Account;
import dev.usher.core.model.Secret;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.scim.ScimConfig;
import dev.usher.scim.ScimConnector;
import dev.usher.testkit.scim.FakeScimServer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Requests per second through the in-process fake SCIM server via the {@code scim} connector,
 * under a profile without a client-side rate limit ({@code generic}) and with one ({@code slack}:
 * 180 user creations a minute, bursts of 20, waited out on the real clock). {@code create} is one
 * POST /Users per operation; {@code get} one GET /Users/{id}.
 *
 * <pre>
 * java -Dsun.net.httpserver.nodelay=true -jar benchmarks/target/benchmarks.jar ScimProfileBenchmark -f 1 -wi 2 -i 3 -w 2s -r 3s
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
@State(Scope.Benchmark)
public class ScimProfileBenchmark {
  @Param({"generic", "slack"})
  public String profile;

  private FakeScimServer server;
  private ScimConnector connector;
  private String existingId;
  private final AtomicLong counter = new AtomicLong();

  @Setup(Level.Trial)
  public void start() {
    FakeScimServer.Builder b = FakeScimServer.builder().bearerToken("bench").recordRequests(false);
    if (profile.equals("slack")) {
      b.serviceProviderConfigPath("/ServiceProviderConfigs").softDeleteUsers(); // what Slack's server does
    }
    server = b.start();
    connector = ScimConnector.open(new ScimConfig(server.baseUrl(), ScimConfig.Auth.bearer(Secret.of("bench")),
        null, null, null, null, null, null, null, null, null, null, null, profile, null), ConnectorContext.of("bench"));
    existingId = connector.client().createUser(dev.usher.scim.UserResource.builder().userName("existing").build())
        .id().orElseThrow();
  }

  @TearDown(Level.Trial)
  public void stop() {
    connector.close();
    server.close();
  }

  @Benchmark
  public Account create() {
    long n = counter.incrementAndGet();
    return connector.create(Account.builder("bench").userName("u" + n).externalId("E" + n).build());
  }

  @Benchmark
  public Object get() {
    return connector.get(existingId);
  }
}
