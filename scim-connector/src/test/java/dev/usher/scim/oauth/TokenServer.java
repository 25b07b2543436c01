package dev.usher.scim.oauth;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A token endpoint for tests: answers with a function of the form, records every request. */
final class TokenServer implements AutoCloseable {
  record Answer(int status, String body) {}

  record Received(Map<String, String> form, String authorization) {}

  private final HttpServer http;
  private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
  private volatile Function<Map<String, String>, Answer> answers;
  private volatile long delayMillis;

  TokenServer(Function<Map<String, String>, Answer> answers) {
    this.answers = answers;
    try {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    http.setExecutor(Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "token-server");
      t.setDaemon(true);
      return t;
    }));
    http.createContext("/token", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> form = new LinkedHashMap<>();
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      received.add(new Received(form, auth == null ? "" : auth));
      if (delayMillis > 0) {
        try {
          Thread.sleep(delayMillis); // keeps concurrent callers overlapping; no assertion depends on time
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      Answer a = this.answers.apply(form);
      byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(a.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    http.start();
  }

  static Answer token(String accessToken, long expiresIn) {
    return new Answer(200, "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}");
  }

  String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/token";
  }

  void answers(Function<Map<String, String>, Answer> answers) {
    this.answers = answers;
  }

  void delay(long millis) {
    this.delayMillis = millis;
  }

  List<Received> received() {
    return new ArrayList<>(received);
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
