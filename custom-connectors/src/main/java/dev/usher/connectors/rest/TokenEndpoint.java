package dev.usher.connectors.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.usher.core.model.Secret;
import dev.usher.core.spi.ConnectorException;
import dev.usher.core.spi.ForbiddenException;
import dev.usher.core.spi.InvalidRequestException;
import dev.usher.core.spi.UnauthorizedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Caches one access token and fetches the next from an OAuth 2.0 token endpoint when the
 * cached one is within the refresh margin of expiring. Errors from the endpoint name the
 * endpoint and the OAuth error code, and never contain the credentials sent.
 */
final class TokenEndpoint {
  /** Tokens are renewed this long before they expire, so a request never carries a dying token. */
  static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);
  /** When the endpoint does not say how long a token lives. */
  static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

  private final RestClient http;
  private final String url;
  private final ConnectorException.Origin origin;
  private final List<Secret> credentials;
  private final Function<RestRequest, RestRequest> prepare;
  private @Nullable Secret token;
  private @Nullable Instant refreshAt;
  private int fetches;

  /**
   * @param credentials every secret the request carries, scrubbed from error messages
   * @param prepare adds the grant's form and authentication to the POST
   */
  TokenEndpoint(RestClient http, String url, ConnectorException.Origin origin, List<Secret> credentials,
      Function<RestRequest, RestRequest> prepare) {
    this.http = http.toBuilder().tokens(null).build();
    this.url = Objects.requireNonNull(url, "url");
    this.origin = Objects.requireNonNull(origin, "origin");
    this.credentials = List.copyOf(credentials);
    this.prepare = prepare;
  }

  synchronized Secret token() {
    Instant now = clock().instant();
    if (token == null || refreshAt == null || !now.isBefore(refreshAt)) {
      fetch(now);
    }
    return Objects.requireNonNull(token);
  }

  synchronized void invalidate() {
    token = null;
    refreshAt = null;
  }

  /** How many tokens were fetched so far (for tests and diagnostics). */
  synchronized int fetches() {
    return fetches;
  }

  private Clock clock() {
    return http.clock();
  }

  private void fetch(Instant now) {
    RestResponse r;
    try {
      r = prepare.apply(http.requestUrl("POST", url)).send(origin);
    } catch (UnauthorizedException | ForbiddenException | InvalidRequestException e) {
      throw refused(e);
    } catch (ConnectorException e) {
      throw e;
    }
    JsonNode body = r.body();
    String access = body.path("access_token").asText("");
    if (access.isBlank()) {
      throw new ConnectorException(origin, r.status(),
          "token endpoint " + url + " answered without an access_token", null);
    }
    long expiresIn = body.path("expires_in").asLong(0);
    Duration lifetime = expiresIn > 0 ? Duration.ofSeconds(expiresIn) : DEFAULT_LIFETIME;
    Duration margin = lifetime.compareTo(REFRESH_MARGIN.multipliedBy(2)) < 0 ? lifetime.dividedBy(2) : REFRESH_MARGIN;
    token = Secret.of(access);
    refreshAt = now.plus(lifetime).minus(margin);
    fetches++;
  }

  private ConnectorException refused(ConnectorException e) {
    String detail = scrub(e.detail());
    String msg = "token endpoint " + url + " refused the credentials: " + detail;
    if (e instanceof InvalidRequestException && !detail.contains("invalid_client")
        && !detail.contains("invalid_grant") && !detail.contains("unauthorized_client")) {
      return new InvalidRequestException(origin, e.httpStatus().orElse(0), scrub("token endpoint " + url
          + " rejected the request: " + e.detail()), null);
    }
    return new UnauthorizedException(origin, e.httpStatus().orElse(0), msg, null);
  }

  private String scrub(String text) {
    String out = text;
    for (Secret s : credentials) {
      String v = s.reveal();
      if (v.length() >= 4) {
        out = out.replace(v, Secret.MASK);
      }
    }
    return out;
  }
}
