package dev.usher.benchmarks.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usher.scim.ListResponse;
import dev.usher.scim.ScimClient;
import dev.usher.scim.SearchRequest;
import dev.usher.scim.UserResource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Usher's SCIM client against a raw {@code java.net.http.HttpClient} making the same requests
 * to the same in-process server: creates with 8 requests in flight, and listing 100k users in
 * pages of 1000 (Usher into typed {@link UserResource}s, raw into Jackson {@code JsonNode}s).
 * Both sides serialise the same JSON tree for each create and parse each answer (Usher into
 * typed resources, raw into {@code JsonNode}). Scores are operations per second; the listing
 * scores count users.
 *
 * <pre>
 * java -Dsun.net.httpserver.nodelay=true -jar benchmarks/target/benchmarks.jar ScimClientBenchmark -f 1 -wi 2 -i 3 -w 2s -r 3s
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
@State(Scope.Benchmark)
public class ScimClientBenchmark {
  private static final byte[] USER = ("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
      + "\"userName\":\"bjensen\",\"externalId\":\"E1\",\"active\":true,"
      + "\"emails\":[{\"value\":\"bjensen@example.com\",\"type\":\"work\",\"primary\":true}]}")
      .getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private MiniScimServer server;
  private ScimClient usher;
  private HttpClient raw;
  private ObjectMapper mapper;
  private URI users;
  private UserResource user;
  private JsonNode userJson;

  @Setup(Level.Trial)
  public void start() throws IOException {
    server = new MiniScimServer();
    usher = ScimClient.builder(server.baseUrl().toString()).build();
    raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    // Jackson would close the body at the end of the JSON, before the client saw its end:
    // the JDK client then drops the connection. Read to the end, as Usher does.
    mapper = new ObjectMapper().disable(com.fasterxml.jackson.core.JsonParser.Feature.AUTO_CLOSE_SOURCE);
    users = URI.create(server.baseUrl() + "/Users");
    userJson = mapper.readTree(USER);
    user = UserResource.of(dev.usher.scim.ScimResource.of((com.fasterxml.jackson.databind.node.ObjectNode) userJson));
  }

  @TearDown(Level.Trial)
  public void stop() {
    usher.close();
    server.close();
  }

  @Benchmark
  @Threads(8)
  public UserResource createUsher() {
    return usher.createUser(user);
  }

  @Benchmark
  @Threads(8)
  public JsonNode createRaw() throws IOException, InterruptedException {
    HttpResponse<InputStream> r = raw.send(HttpRequest.newBuilder(users)
        .header("Content-Type", "application/scim+json; charset=utf-8")
        .header("Accept", "application/scim+json, application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(userJson))).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = r.body()) {
      if (r.statusCode() != 201) {
        throw new IllegalStateException("status " + r.statusCode());
      }
      JsonNode created = mapper.readTree(in);
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return created;
    }
  }

  @Benchmark
  @OperationsPerInvocation(MiniScimServer.TOTAL)
  public int listUsher() {
    int seen = 0;
    for (int start = 1; start <= MiniScimServer.TOTAL; start += MiniScimServer.PAGE) {
      ListResponse<UserResource> page = usher.searchUsers(
          SearchRequest.builder().startIndex(start).count(MiniScimServer.PAGE).build());
      for (UserResource u : page.resources()) {
        if (u.userName().isPresent()) {
          seen++;
        }
      }
    }
    return check(seen);
  }

  @Benchmark
  @OperationsPerInvocation(MiniScimServer.TOTAL)
  public int listRaw() throws IOException, InterruptedException {
    int seen = 0;
    for (int start = 1; start <= MiniScimServer.TOTAL; start += MiniScimServer.PAGE) {
      HttpResponse<InputStream> r = raw.send(HttpRequest.newBuilder(
          URI.create(users + "?startIndex=" + start + "&count=" + MiniScimServer.PAGE))
          .header("Accept", "application/scim+json, application/json").GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = r.body()) {
        for (JsonNode u : mapper.readTree(in).get("Resources")) {
          if (u.has("userName")) {
            seen++;
          }
        }
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
    }
    return check(seen);
  }

  private static int check(int seen) {
    if (seen != MiniScimServer.TOTAL) {
      throw new IllegalStateException("listed " + seen + " users, expected " + MiniScimServer.TOTAL);
    }
    return seen;
  }
}
