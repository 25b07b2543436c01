package dev.usher.benchmarks.connectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.usher.connectors.msgraph.MicrosoftGraphConfig;
import dev.usher.connectors.msgraph.MicrosoftGraphConnectorProvider;
import dev.usher.core.model.Account;
import dev.usher.core.model.Secret;
import dev.usher.core.spi.Connector;
import dev.usher.core.spi.ConnectorContext;
import dev.usher.core.spi.ConnectorException;
import dev.usher.core.spi.Listing;
import dev.usher.core.spi.Pages;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reading every user of a directory through a vendor connector: the REST toolkit's HTTP
 * exchange, JSON parsing, {@code @odata.nextLink} paging and mapping to {@link Account}, against
 * a loopback server that answers Microsoft Graph-shaped pages prepared in advance (so the
 * figure is the connector's cost plus loopback HTTP, not a fake's).
 *
 * <p>Run with {@code -Dsun.net.httpserver.nodelay=true}. One operation lists {@value #USERS} users.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VendorListingBenchmark {
  static final int USERS = 10_000;
  private static final ConnectorException.Origin ORIGIN =
      new ConnectorException.Origin("microsoft-graph", "bench", "listAccounts");

  @Param({"100", "999"})
  int pageSize;

  private HttpServer server;
  private Connector graph;
  private List<byte[]> pages;

  @Setup
  public void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    pages = new ArrayList<>();
    for (int from = 0; from < USERS; from += pageSize) {
      StringBuilder sb = new StringBuilder("{\"@odata.context\":\"").append(base)
          .append("/v1.0/$metadata#users\",\"value\":[");
      for (int i = from; i < Math.min(USERS, from + pageSize); i++) {
        if (i > from) {
          sb.append(',');
        }
        sb.append("{\"id\":\"").append(String.format("%08d-0000-4000-8000-000000000000", i))
            .append("\",\"userPrincipalName\":\"user").append(i).append("@contoso.example\",")
            .append("\"displayName\":\"User ").append(i).append("\",\"givenName\":\"User\",\"surname\":\"N")
            .append(i).append("\",\"mail\":\"user").append(i).append("@contoso.example\",\"jobTitle\":\"Engineer\",")
            .append("\"department\":\"R&D\",\"employeeId\":\"E").append(i).append("\",\"accountEnabled\":true}");
      }
      sb.append(']');
      if (from + pageSize < USERS) {
        sb.append(",\"@odata.nextLink\":\"").append(base).append("/v1.0/users?$top=").append(pageSize)
            .append("&$skiptoken=").append(pages.size() + 1).append('"');
      }
      pages.add(sb.append('}').toString().getBytes(StandardCharsets.UTF_8));
    }
    server.createContext("/token", ex -> reply(ex,
        "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"bench-token\"}".getBytes(StandardCharsets.UTF_8)));
    server.createContext("/v1.0/users", ex -> {
      String q = ex.getRequestURI().getRawQuery();
      int at = q == null ? -1 : q.indexOf("$skiptoken=");
      reply(ex, pages.get(at < 0 ? 0 : Integer.parseInt(q.substring(at + "$skiptoken=".length()))));
    });
    server.start();
    graph = new MicrosoftGraphConnectorProvider().create(
        MicrosoftGraphConfig.of("contoso.example", "bench-client", Secret.of("bench-secret"))
            .withEndpoints(base + "/v1.0", base + "/token"),
        ConnectorContext.of("bench"));
  }

  private static void reply(HttpExchange ex, byte[] body) throws IOException {
    try (ex) {
      ex.getRequestBody().readAllBytes();
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    }
  }

  @TearDown
  public void stop() {
    graph.close();
    server.stop(0);
  }

  /** Lists every user; returns the count so the work is not optimised away. */
  @Benchmark
  public int listAllUsers() {
    Listing<Account> all = Pages.readAll(graph::listAccounts, pageSize, ORIGIN);
    if (all.items().size() != USERS) {
      throw new IllegalStateException("listed " + all.items().size() + " users, expected " + USERS);
    }
    return all.items().size();
  }
}
