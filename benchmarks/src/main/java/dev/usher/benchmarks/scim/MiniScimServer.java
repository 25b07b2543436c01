package dev.usher.benchmarks.scim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The smallest SCIM server that serves the benchmarks: POST /scim/Users answers 201 with a fixed
 * user, GET /scim/Users answers pages of a fixed population of {@code total} users, built once.
 *
 * <p>Sets {@code sun.net.httpserver.nodelay=true} before the first server is made: without
 * TCP_NODELAY each small exchange waits ~40 ms for delayed ACKs (read once when the JDK's server
 * classes load, so the benchmark JVM also gets it on its command line).
 */
final class MiniScimServer implements AutoCloseable {
  static final int TOTAL = 100_000;
  static final int PAGE = 1000;

  private final HttpServer server;
  private final ExecutorService executor;
  private final byte[][] pages;
  private final byte[] created;

  MiniScimServer() throws IOException {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    pages = new byte[TOTAL / PAGE][];
    for (int p = 0; p < pages.length; p++) {
      pages[p] = page(p * PAGE + 1);
    }
    created = ("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"id\":\"2819c223-7f76-453a-919d-413861904646\","
        + "\"userName\":\"bjensen\",\"active\":true,\"meta\":{\"resourceType\":\"User\",\"created\":\"2026-12-03T10:00:00Z\","
        + "\"lastModified\":\"2026-12-03T10:00:00Z\",\"location\":\"/scim/Users/2819c223-7f76-453a-919d-413861904646\"}}")
        .getBytes(StandardCharsets.UTF_8);
    executor = Executors.newFixedThreadPool(8);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(executor);
    server.createContext("/scim/Users", this::users);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/scim");
  }

  private static byte[] page(int startIndex) {
    StringBuilder sb = new StringBuilder(PAGE * 420);
    sb.append("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":").append(TOTAL)
        .append(",\"startIndex\":").append(startIndex).append(",\"itemsPerPage\":").append(PAGE).append(",\"Resources\":[");
    for (int i = 0; i < PAGE; i++) {
      int n = startIndex + i;
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"id\":\"u-").append(n)
          .append("\",\"externalId\":\"E").append(n).append("\",\"userName\":\"user").append(n)
          .append("@example.com\",\"name\":{\"givenName\":\"Given").append(n).append("\",\"familyName\":\"Family")
          .append(n).append("\"},\"displayName\":\"User ").append(n).append("\",\"active\":true,")
          .append("\"emails\":[{\"value\":\"user").append(n).append("@example.com\",\"type\":\"work\",\"primary\":true}],")
          .append("\"meta\":{\"resourceType\":\"User\",\"created\":\"2026-01-01T00:00:00Z\",\"lastModified\":\"2026-06-01T00:00:00Z\"}}");
    }
    return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private void users(HttpExchange ex) throws IOException {
    try (ex) {
      try (InputStream in = ex.getRequestBody()) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      ex.getResponseHeaders().set("Content-Type", "application/scim+json");
      byte[] body;
      int status;
      if (ex.getRequestMethod().equals("POST")) {
        status = 201;
        body = created;
      } else {
        int start = 1;
        String q = ex.getRequestURI().getRawQuery();
        if (q != null) {
          for (String kv : q.split("&")) {
            if (kv.startsWith("startIndex=")) {
              start = Integer.parseInt(kv.substring("startIndex=".length()));
            }
          }
        }
        int p = (start - 1) / PAGE;
        status = 200;
        body = p < pages.length ? pages[p] : ("{\"totalResults\":" + TOTAL + ",\"Resources\":[]}").getBytes(StandardCharsets.UTF_8);
      }
      ex.sendResponseHeaders(status, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
