package dev.usher.testkit.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A thin java.net.http client for driving the fake server in tests. */
final class ScimHttp {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;
  private final String baseUrl;
  private final List<String> defaultHeaders = new ArrayList<>();

  ScimHttp(FakeScimServer server) {
    this(server.baseUrl());
  }

  ScimHttp(String baseUrl) {
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    this.baseUrl = baseUrl;
  }

  ScimHttp withHeader(String name, String value) {
    defaultHeaders.add(name);
    defaultHeaders.add(value);
    return this;
  }

  record Response(int status, HttpResponse<String> raw, @Nullable JsonNode body) {
    @Nullable String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    String id() {
      return body.get("id").asText();
    }

    String etag() {
      return raw.headers().firstValue("ETag").orElseThrow();
    }

    List<JsonNode> resources() {
      List<JsonNode> out = new ArrayList<>();
      JsonNode list = body.has("Resources") ? body.get("Resources") : body.get("resources");
      if (list != null) {
        list.forEach(out::add);
      }
      return out;
    }

    List<String> values(String attribute) {
      List<String> out = new ArrayList<>();
      resources().forEach(r -> out.add(r.path(attribute).asText()));
      return out;
    }

    @Override
    public String toString() {
      return status + " " + raw.body();
    }
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  Response get(String path, String... headers) {
    return send(builder(path, headers).GET());
  }

  Response list(String endpoint, String filter) {
    return get(endpoint + "?filter=" + encode(filter));
  }

  Response post(String path, String body, String... headers) {
    return send(builder(path, headers).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Response put(String path, String body, String... headers) {
    return send(builder(path, headers).PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  Response patch(String path, String body, String... headers) {
    return send(builder(path, headers).method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
  }

  Response delete(String path, String... headers) {
    return send(builder(path, headers).DELETE());
  }

  /** Sends and lets an IOException through, for fault tests. */
  HttpResponse<String> sendRaw(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder builder = builder(path)
        .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  Response createUser(String userName) {
    return post("/Users", user(userName));
  }

  static String user(String userName) {
    return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
        + userName + "\",\"active\":true}";
  }

  Response createGroup(String displayName, String... memberIds) {
    StringBuilder members = new StringBuilder();
    for (String id : memberIds) {
      members.append(members.length() == 0 ? "" : ",").append("{\"value\":\"").append(id).append("\"}");
    }
    return post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
        + "\"displayName\":\"" + displayName + "\",\"members\":[" + members + "]}");
  }

  static String patchOps(String... operations) {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
        + String.join(",", operations) + "]}";
  }

  static ObjectNode object(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpRequest.Builder builder(String path, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/scim+json");
    for (int i = 0; i < defaultHeaders.size(); i += 2) {
      builder.header(defaultHeaders.get(i), defaultHeaders.get(i + 1));
    }
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = response.body().isEmpty() ? null : JSON.readTree(response.body());
      return new Response(response.statusCode(), response, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
