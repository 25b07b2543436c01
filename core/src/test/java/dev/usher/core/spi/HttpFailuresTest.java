package dev.usher.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HttpFailuresTest {
  private static final ConnectorException.Origin ORIGIN = new ConnectorException.Origin("scim", "slack", "create");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "400, InvalidRequestException, false",
      "401, UnauthorizedException, false",
      "403, ForbiddenException, false",
      "404, NotFoundException, false",
      "405, InvalidRequestException, false",
      "408, TransientException, true",
      "409, AlreadyExistsException, false",
      "412, InvalidRequestException, false",
      "413, InvalidRequestException, false",
      "422, InvalidRequestException, false",
      "429, RateLimitedException, true",
      "500, TransientException, true",
      "502, TransientException, true",
      "503, TransientException, true",
      "504, TransientException, true",
  })
  void mapsStatusToException(int status, String type, boolean retryable) {
    ConnectorException e = HttpFailures.toException(ORIGIN, status, Map.of(), "detail from server", CLOCK);
    assertThat(e.getClass().getSimpleName()).isEqualTo(type);
    assertThat(e.isRetryable()).isEqualTo(retryable);
    assertThat(e.httpStatus()).hasValue(status);
    assertThat(e.getMessage()).isEqualTo("[scim/slack create] " + status + ": detail from server");
    assertThat(e.origin()).isEqualTo(ORIGIN);
  }

  @Test
  void retryAfterInSeconds() {
    ConnectorException e = HttpFailures.toException(ORIGIN, 429, Map.of("Retry-After", List.of("30")), null, CLOCK);
    assertThat(e).isInstanceOf(RateLimitedException.class);
    assertThat(((RateLimitedException) e).retryAfter()).contains(Duration.ofSeconds(30));
    assertThat(e.getMessage()).isEqualTo("[scim/slack create] 429: Too Many Requests (retry after 30 s)");
  }

  @Test
  void retryAfterAsHttpDateIsRelativeToTheClock() {
    ConnectorException e = HttpFailures.toException(ORIGIN, 503,
        Map.of("retry-after", List.of("Thu, 03 Dec 2026 10:02:00 GMT")), null, CLOCK);
    assertThat(e).isInstanceOf(RateLimitedException.class);
    assertThat(((RateLimitedException) e).retryAfter()).contains(Duration.ofMinutes(2));
  }

  @Test
  void retryAfterInThePastMeansNow() {
    assertThat(HttpFailures.parseRetryAfter("Thu, 03 Dec 2026 09:00:00 GMT", CLOCK)).isEqualTo(Duration.ZERO);
    assertThat(HttpFailures.parseRetryAfter("soon", CLOCK)).isNull();
    assertThat(HttpFailures.parseRetryAfter("-5", CLOCK)).isNull();
  }

  @Test
  void forbiddenWithExhaustedRateLimitIsRateLimited() {
    long reset = CLOCK.instant().plusSeconds(90).getEpochSecond();
    ConnectorException e = HttpFailures.toException(ORIGIN, 403, Map.of(
        "X-RateLimit-Remaining", List.of("0"),
        "X-RateLimit-Limit", List.of("5000"),
        "X-RateLimit-Reset", List.of(Long.toString(reset))), "API rate limit exceeded", CLOCK);
    assertThat(e).isInstanceOf(RateLimitedException.class);
    RateLimitedException r = (RateLimitedException) e;
    assertThat(r.retryAfter()).contains(Duration.ofSeconds(90));
    assertThat(r.limitInfo()).contains("0/5000 remaining");
  }

  @Test
  void fiveHundredsMayHaveAppliedButServiceUnavailableDidNot() {
    assertThat(((TransientException) HttpFailures.toException(ORIGIN, 500, Map.of(), null, CLOCK)).mayHaveApplied()).isTrue();
    assertThat(((TransientException) HttpFailures.toException(ORIGIN, 503, Map.of(), null, CLOCK)).mayHaveApplied()).isFalse();
    assertThat(((TransientException) HttpFailures.toException(ORIGIN, 408, Map.of(), null, CLOCK)).mayHaveApplied()).isFalse();
  }

  @Test
  void blankDetailFallsBackToTheReasonPhrase() {
    assertThat(HttpFailures.toException(ORIGIN, 404, Map.of(), " ", CLOCK).getMessage())
        .isEqualTo("[scim/slack create] 404: Not Found");
  }

  @Test
  void successIsNotAFailure() {
    assertThatThrownBy(() -> HttpFailures.toException(ORIGIN, 204, Map.of(), null, CLOCK))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("HTTP 204 is not a failure");
  }
}
