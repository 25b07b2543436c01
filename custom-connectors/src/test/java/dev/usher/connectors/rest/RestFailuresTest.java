package dev.usher.connectors.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.usher.core.spi.AlreadyExistsException;
import dev.usher.core.spi.ConnectorException;
import dev.usher.core.spi.ForbiddenException;
import dev.usher.core.spi.NotFoundException;
import dev.usher.core.spi.RateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestFailuresTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ConnectorException.Origin ORIGIN = new ConnectorException.Origin("t", "app", "op");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);

  static RestResponse response(int status, String body, String... headers) throws Exception {
    Map<String, List<String>> h = new java.util.HashMap<>();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      h.put(headers[i], List.of(headers[i + 1]));
    }
    return new RestResponse(status, h, body.isEmpty() ? MissingNode.getInstance() : JSON.readTree(body), body);
  }

  @Test
  void googleRateLimitReasonsOn403AreRateLimited() throws Exception {
    ConnectorException e = RestFailures.toException(ORIGIN, response(403, "{\"error\":{\"code\":403,\"message\":"
        + "\"Quota exceeded for quota metric 'Queries'\",\"errors\":[{\"message\":\"Quota exceeded\",\"domain\":\"usageLimits\","
        + "\"reason\":\"userRateLimitExceeded\"}],\"status\":\"PERMISSION_DENIED\"}}"), CLOCK);
    assertThat(e).isInstanceOfSatisfying(RateLimitedException.class,
        r -> assertThat(r.limitInfo()).contains("userRateLimitExceeded"));
  }

  @Test
  void googlePermissionDeniedStaysForbidden() throws Exception {
    ConnectorException e = RestFailures.toException(ORIGIN, response(403, "{\"error\":{\"code\":403,\"message\":"
        + "\"Not Authorized to access this resource/api\",\"errors\":[{\"reason\":\"forbidden\"}]}}"), CLOCK);
    assertThat(e).isInstanceOf(ForbiddenException.class).hasMessageContaining("403: 403: Not Authorized");
  }

  @Test
  void zoomErrorBodiesGiveCodeAndMessage() throws Exception {
    assertThat(RestFailures.toException(ORIGIN, response(404, "{\"code\":1001,\"message\":\"User does not exist: x.\"}"), CLOCK))
        .isInstanceOf(NotFoundException.class).hasMessageEndingWith("404: 1001: User does not exist: x.");
    assertThat(RestFailures.toException(ORIGIN, response(409, "{\"code\":1005,\"message\":\"User already in the account\"}"), CLOCK))
        .isInstanceOf(AlreadyExistsException.class);
  }

  @Test
  void githubValidationErrorsListTheirMessages() throws Exception {
    RestResponse r = response(422, "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Team\",\"code\":"
        + "\"custom\",\"message\":\"cannot add a bot\"},\"second\"]}");
    assertThat(RestFailures.detail(r)).isEqualTo("Validation Failed (cannot add a bot; second)");
  }

  @Test
  void aTextBodyIsKeptShort() throws Exception {
    RestResponse r = new RestResponse(502, Map.of(), MissingNode.getInstance(), "<html>" + "x".repeat(2000));
    assertThat(RestFailures.detail(r)).hasSize(503).endsWith("...");
  }

  @Test
  void aGithubSecondaryLimitAnsweredWith429WaitsAMinuteToo() throws Exception {
    ConnectorException e = RestFailures.toException(ORIGIN,
        response(429, "{\"message\":\"You have exceeded a secondary rate limit.\"}"), CLOCK);
    assertThat(e).isInstanceOfSatisfying(RateLimitedException.class,
        r -> assertThat(r.retryAfter()).contains(Duration.ofMinutes(1)));
  }

  @Test
  void a503WithRetryAfterDateIsRateLimited() throws Exception {
    ConnectorException e = RestFailures.toException(ORIGIN,
        response(503, "", "retry-after", "Thu, 03 Dec 2026 12:00:30 GMT"), CLOCK);
    assertThat(e).isInstanceOfSatisfying(RateLimitedException.class,
        r -> assertThat(r.retryAfter()).contains(Duration.ofSeconds(30)));
  }
}
