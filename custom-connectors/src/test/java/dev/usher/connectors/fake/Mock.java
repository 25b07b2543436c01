package dev.usher.connectors.fake;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import java.util.concurrent.TimeUnit;

/** Shorthands for MockWebServer tests. */
public final class Mock {
  private Mock() {}

  public static MockResponse json(int status, String body, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.addHeader(headers[i], headers[i + 1]);
    }
    if (!body.isEmpty()) {
      b.body(body);
    }
    return b.build();
  }

  public static MockResponse empty(int status) {
    return new MockResponse.Builder().code(status).build();
  }

  public static RecordedRequest take(MockWebServer server) {
    try {
      RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
      if (r == null) {
        throw new AssertionError("no request arrived");
      }
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public static String body(RecordedRequest r) {
    return r.getBody() == null ? "" : r.getBody().utf8();
  }

  /** The base URL of the server without a trailing slash. */
  public static String base(MockWebServer server) {
    String u = server.url("/").toString();
    return u.substring(0, u.length() - 1);
  }
}
