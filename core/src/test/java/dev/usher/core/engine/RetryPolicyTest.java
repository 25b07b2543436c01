package dev.usher.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  final RetryPolicy policy = RetryPolicy.defaults().withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));

  @Test
  void theCapDoublesPerAttemptUpToTheMaximumAndJitterScalesWithinIt() {
    assertThat(policy.backoff(1, 0.999999, Duration.ZERO)).isEqualTo(Duration.ofMillis(99));
    assertThat(policy.backoff(2, 0.5, Duration.ZERO)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.backoff(4, 0.5, Duration.ZERO)).isEqualTo(Duration.ofMillis(400));
    assertThat(policy.backoff(5, 0.5, Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.backoff(60, 0.5, Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.backoff(3, 0.0, Duration.ZERO)).isEqualTo(Duration.ZERO);
  }

  @Test
  void neverWaitsLessThanTheApplicationsRetryAfter() {
    assertThat(policy.backoff(1, 0.5, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    assertThat(policy.backoff(5, 0.9, Duration.ofMillis(10))).isEqualTo(Duration.ofMillis(900));
  }

  @Test
  void rejectsSettingsThatMakeNoSense() {
    assertThatThrownBy(() -> RetryPolicy.defaults().withMaxAttempts(0)).hasMessageContaining("maxAttempts must be at least 1, was 0");
    assertThatThrownBy(() -> RetryPolicy.defaults().withMaxElapsed(Duration.ZERO)).hasMessageContaining("maxElapsed must be positive");
    assertThatThrownBy(() -> new QuarantinePolicy(0, 1)).hasMessageContaining("failureRatio must be in (0, 1]");
  }

  @Test
  void quarantineNeedsTheMinimumOfFinishedOperations() {
    QuarantinePolicy q = new QuarantinePolicy(0.5, 4);
    assertThat(q.crossed(3, 3)).isFalse();
    assertThat(q.crossed(4, 2)).isTrue();
    assertThat(q.crossed(4, 1)).isFalse();
    assertThat(QuarantinePolicy.never().crossed(1000, 1000)).isFalse();
  }
}
