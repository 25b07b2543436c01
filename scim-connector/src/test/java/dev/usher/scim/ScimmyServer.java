package dev.usher.scim;

import static org.assertj.core.api.Assertions.fail;

import dev.usher.core.model.Secret;
import dev.usher.core.spi.ConnectorContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the real third-party SCIM server (scimmy on Express, {@code src/test/scimmy/server.js})
 * on a free loopback port for one test class, and stops it afterwards.
 *
 * <p>Without {@code node_modules} (run {@code npm ci} in that folder) the tests are skipped,
 * unless {@code CI=true}, where they fail: CI installs the packages.
 */
final class ScimmyServer implements BeforeAllCallback, AfterAllCallback {
  private static final Pattern PORT = Pattern.compile("\"port\"\\s*:\\s*(\\d+)");

  private final String token = "t-" + UUID.randomUUID();
  private Process process;
  private int port;
  private final StringBuilder stderr = new StringBuilder();

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src", "test", "scimmy");
    boolean ci = "true".equals(System.getenv("CI"));
    boolean installed = Files.isDirectory(dir.resolve("node_modules").resolve("scimmy"));
    if (!installed) {
      if (ci) {
        fail("CI=true but " + dir + "/node_modules is missing: .ci/run must run 'npm ci' there");
      }
      Assumptions.assumeTrue(false,
          "scimmy is not installed: run 'npm ci' in " + dir + " to run the tests against the real SCIM server");
    }
    ProcessBuilder pb = new ProcessBuilder("node", "server.js", "0").directory(dir.toFile());
    pb.environment().put("SCIM_TOKEN", token);
    try {
      process = pb.start();
    } catch (IOException e) {
      if (ci) {
        throw e;
      }
      Assumptions.assumeTrue(false, "cannot start node (" + e.getMessage() + "); install Node.js 18+ to run these tests");
    }
    Thread errors = new Thread(() -> {
      try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = err.readLine()) != null) {
          synchronized (stderr) {
            stderr.append(line).append('\n');
          }
        }
      } catch (IOException ignored) {
        // process ended
      }
    }, "scimmy-stderr");
    errors.setDaemon(true);
    errors.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> first = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        first.complete(out.readLine());
      } catch (IOException e) {
        first.complete(null);
      }
    }, "scimmy-stdout");
    reader.setDaemon(true);
    reader.start();
    String line;
    try {
      line = first.get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      process.destroyForcibly();
      throw new AssertionError("scimmy server did not start within 30 s; stderr: " + stderr(), e);
    }
    Matcher m = line == null ? null : PORT.matcher(line);
    if (m == null || !m.find()) {
      process.destroyForcibly();
      fail("scimmy server did not report its port; stdout: " + line + "; stderr: " + stderr());
    }
    port = Integer.parseInt(m.group(1));
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  String stderr() {
    synchronized (stderr) {
      return stderr.toString();
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port + "/scim/v2";
  }

  Secret token() {
    return Secret.of(token);
  }

  /** Empties the server's store. */
  void reset() throws IOException, InterruptedException {
    HttpResponse<Void> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_reset"))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() != 204) {
      fail("reset answered " + r.statusCode());
    }
  }

  ScimConfig config() {
    return ScimConfig.of(baseUrl(), ScimConfig.Auth.bearer(token()));
  }

  ScimConnector connector() {
    return ScimConnector.open(config(), ConnectorContext.of("scimmy"));
  }

  ScimConnector connector(Map<String, Object> overrides) {
    Map<String, Object> config = new java.util.LinkedHashMap<>();
    config.put("baseUrl", baseUrl());
    config.put("auth", Map.of("type", "bearer", "token", token()));
    config.putAll(overrides);
    return (ScimConnector) dev.usher.core.spi.ConnectorRegistry.discover()
        .open("scim", config, ConnectorContext.of("scimmy"));
  }

  ScimClient client() {
    return ScimClient.builder(baseUrl()).auth(ScimAuth.bearer(token())).build();
  }
}
