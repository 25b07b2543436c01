package dev.usher.benchmarks.scimserver;

import dev.usher.testkit.scim.FakeScimServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Requests per second through {@link FakeScimServer} with {@code java.net.http.HttpClient}
 * (HTTP/1.1, loopback): a small User POST and a GET by id, sequential and with 8 in flight.
 *
 * <pre>{@code
 * java -Dsun.net.httpserver.nodelay=true -jar benchmarks/target/benchmarks.jar FakeScimServerBenchmark \
 *     -f 1 -wi 2 -i 3 -w 2s -r 3s
 * }</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class FakeScimServerBenchmark {
  private final AtomicLong sequence = new AtomicLong();
  private FakeScimServer server;
  private HttpClient client;
  private URI users;
  private HttpRequest getUser;

  @Setup(Level.Trial)
  public void start() throws IOException, InterruptedException {
    server = FakeScimServer.builder().recordRequests(false).start();
    client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    users = URI.create(server.baseUrl() + "/Users");
    HttpResponse<String> created = client.send(post("reader"), HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201) {
      throw new IllegalStateException("setup POST answered " + created.statusCode() + ": " + created.body());
    }
    String location = created.headers().firstValue("Location").orElseThrow();
    getUser = HttpRequest.newBuilder(URI.create(location)).GET().build();
  }

  @TearDown(Level.Trial)
  public void stop() {
    server.close();
  }

  private HttpRequest post(String userName) {
    return HttpRequest.newBuilder(users)
        .header("Content-Type", "application/scim+json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName
                + "\",\"active\":true,\"emails\":[{\"value\":\"" + userName + "@example.com\",\"type\":\"work\"}]}"))
        .build();
  }

  private int createOne() throws IOException, InterruptedException {
    HttpResponse<Void> response =
        client.send(post("user" + sequence.incrementAndGet()), HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() != 201) {
      throw new IllegalStateException("POST answered " + response.statusCode());
    }
    return response.statusCode();
  }

  private int readOne() throws IOException, InterruptedException {
    HttpResponse<byte[]> response = client.send(getUser, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET answered " + response.statusCode());
    }
    return response.body().length;
  }

  @Benchmark
  @Threads(1)
  public int postSequential() throws IOException, InterruptedException {
    return createOne();
  }

  @Benchmark
  @Threads(8)
  public int post8InFlight() throws IOException, InterruptedException {
    return createOne();
  }

  @Benchmark
  @Threads(1)
  public int getSequential() throws IOException, InterruptedException {
    return readOne();
  }

  @Benchmark
  @Threads(8)
  public int get8InFlight() throws IOException, InterruptedException {
    return readOne();
  }
}
