package dev.usher.scim.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.usher.core.model.Secret;
import dev.usher.core.spi.ConnectorException;
import dev.usher.core.spi.ConnectorException.Origin;
import dev.usher.core.spi.HttpSettings;
import dev.usher.core.spi.TransientException;
import dev.usher.core.spi.UnauthorizedException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Posts grant requests to one token endpoint (RFC 6749 section 3.2) and reads the answer.
 * Never puts a secret or token into a message: error descriptions from the server are
 * shortened and scrubbed of anything that looks like one of the request's secrets.
 */
final class TokenEndpoint {
  private static final Pattern SAFE_TEXT = Pattern.compile("[^\\p{Print}]");

  /** What a successful grant returned. */
  record Tokens(Secret accessToken, @Nullable Duration expiresIn, @Nullable Secret refreshToken) {
    @Override
    public String toString() {
      return "Tokens[****, expiresIn=" + expiresIn + (refreshToken != null ? ", refresh ****" : "") + "]";
    }
  }

  /** The server refused the grant with an OAuth error code ({@code invalid_grant}, {@code invalid_client}, ...). */
  static final class GrantRefused extends UnauthorizedException {
    private static final long serialVersionUID = 1L;
    private final String error;

    GrantRefused(Origin origin, int status, String error, String detail) {
      super(origin, status, detail, null);
      this.error = error;
    }

    String error() {
      return error;
    }
  }

  private final URI uri;
  private final String clientId;
  private final @Nullable Secret clientSecret;
  private final ClientAuthentication clientAuthentication;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final String userAgent;
  private final Origin origin;
  private final ObjectMapper json = new ObjectMapper();

  TokenEndpoint(URI uri, String clientId, @Nullable Secret clientSecret, ClientAuthentication clientAuthentication,
      HttpSettings settings, Origin origin) {
    this.uri = uri;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.clientAuthentication = clientAuthentication;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    this.requestTimeout = settings.requestTimeout();
    this.userAgent = settings.userAgent();
    this.origin = origin;
  }

  /** A scope as RFC 6749 section 3.3 allows it: one non-blank word (scopes are joined by spaces). */
  static String requireScope(String scope) {
    Objects.requireNonNull(scope, "scope");
    if (scope.isBlank() || scope.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("a scope is one non-blank word, not '" + scope + "'");
    }
    return scope;
  }

  static URI parse(String tokenUrl) {
    Objects.requireNonNull(tokenUrl, "tokenUrl");
    URI u;
    try {
      u = new URI(tokenUrl.trim());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("tokenUrl '" + tokenUrl + "' is not a URL: " + e.getReason());
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!u.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null) {
      throw new IllegalArgumentException("tokenUrl '" + tokenUrl + "' must be an absolute http(s) URL");
    }
    if (u.getRawUserInfo() != null) {
      throw new IllegalArgumentException("tokenUrl must not carry credentials");
    }
    return u;
  }

  /** Sends the grant; the form's values are revealed only into the request body. */
  Tokens grant(Map<String, String> form) {
    Map<String, String> body = new LinkedHashMap<>(form);
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(requestTimeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .header("User-Agent", userAgent);
    if (clientSecret != null && clientAuthentication == ClientAuthentication.BASIC) {
      // RFC 6749 2.3.1: form-encode id and secret before base64.
      String pair = formEncode(clientId) + ":" + formEncode(clientSecret.reveal());
      req.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    } else {
      body.put("client_id", clientId);
      if (clientSecret != null) {
        body.put("client_secret", clientSecret.reveal());
      }
    }
    StringBuilder sb = new StringBuilder();
    body.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(formEncode(k)).append('=').append(formEncode(v)));
    HttpResponse<String> response;
    try {
      response = http.send(req.POST(HttpRequest.BodyPublishers.ofString(sb.toString())).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new TransientException(origin, 0, "POST " + uri + ": the token endpoint could not be reached ("
          + e.getClass().getSimpleName() + ")", null, false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException(origin, 0, "POST " + uri + ": interrupted while fetching a token", null, false);
    }
    return read(response, body);
  }

  private Tokens read(HttpResponse<String> response, Map<String, String> sent) {
    int status = response.statusCode();
    JsonNode n;
    try {
      n = json.readTree(response.body());
    } catch (IOException e) {
      n = null;
    }
    if (status >= 200 && status < 300) {
      if (n == null || !n.isObject() || !n.path("access_token").isTextual() || n.path("access_token").asText().isEmpty()) {
        throw new ConnectorException(origin, status, "POST " + uri + ": the token response has no access_token", null);
      }
      Duration expiresIn = n.path("expires_in").canConvertToLong() && n.path("expires_in").asLong() > 0
          ? Duration.ofSeconds(n.path("expires_in").asLong()) : null;
      String refresh = n.path("refresh_token").isTextual() && !n.path("refresh_token").asText().isEmpty()
          ? n.path("refresh_token").asText() : null;
      return new Tokens(Secret.of(n.path("access_token").asText()), expiresIn, refresh == null ? null : Secret.of(refresh));
    }
    String error = n != null && n.path("error").isTextual() ? n.path("error").asText() : null;
    String description = n != null && n.path("error_description").isTextual() ? scrub(n.path("error_description").asText(), sent) : null;
    String detail = "POST " + uri + ": " + status + (error != null ? " " + scrub(error, sent) : "")
        + (description != null ? ": " + description : "");
    if (status >= 500 || status == 429 || status == 408) {
      return throwTransient(status, detail);
    }
    if (error != null) {
      throw new GrantRefused(origin, status, error, detail);
    }
    throw new UnauthorizedException(origin, status, detail, null);
  }

  private Tokens throwTransient(int status, String detail) {
    throw new TransientException(origin, status, detail, null, false);
  }

  /** Removes any secret of the request from server-supplied text, and shortens it. */
  private String scrub(String text, Map<String, String> sent) {
    String out = SAFE_TEXT.matcher(text).replaceAll(" ");
    for (Map.Entry<String, String> e : sent.entrySet()) {
      if (!e.getKey().equals("grant_type") && !e.getKey().equals("scope") && !e.getKey().equals("client_id")
          && e.getValue().length() >= 4) {
        out = out.replace(e.getValue(), Secret.MASK);
      }
    }
    if (clientSecret != null && clientSecret.reveal().length() >= 4) {
      out = out.replace(clientSecret.reveal(), Secret.MASK);
    }
    return out.length() > 200 ? out.substring(0, 200) + "..." : out;
  }

  private static String formEncode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  URI uri() {
    return uri;
  }

  String clientId() {
    return clientId;
  }
}
