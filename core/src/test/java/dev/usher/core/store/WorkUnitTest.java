package dev.usher.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkUnitTest {

  @Test
  void bucketsAreFixedValuesTheSameInEveryJvm() {
    // String.hashCode is specified, so these never change; a change would move work between
    // nodes running different versions during a rolling upgrade.
    assertThat(List.of("E1", "E2", "E3", "E1001", "alice").stream().map(WorkUnit::bucketOf).toList())
        .containsExactly(659, 530, 522, 314, 315);
  }

  @Test
  void splittingCoversEveryBucketExactlyOnceAndSpreadsSequentialIds() {
    List<WorkUnit> parts = WorkUnit.split("google", 4);

    assertThat(parts).extracting(WorkUnit::fromBucket).containsExactly(0, 256, 512, 768);
    assertThat(parts.get(3).toBucket()).isEqualTo(WorkUnit.BUCKETS);
    long[] perPart = new long[4];
    for (int i = 0; i < 10_000; i++) {
      String id = "E" + i;
      List<WorkUnit> covering = parts.stream().filter(p -> p.covers(id)).toList();
      assertThat(covering).hasSize(1);
      perPart[parts.indexOf(covering.get(0))]++;
    }
    for (long n : perPart) {
      assertThat(n).isBetween(2_200L, 2_800L);
    }
  }

  @Test
  void refusesBadRangesNamingTheApplication() {
    assertThatThrownBy(() -> new WorkUnit("google", 10, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("google").hasMessageContaining("[10,10)");
    assertThatThrownBy(() -> WorkUnit.split("google", 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 1024");
    assertThatThrownBy(() -> WorkUnit.of(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("applicationId");
  }

  @Test
  void aWholeApplicationOverlapsItsParts() {
    assertThat(WorkUnit.of("google").overlaps(WorkUnit.split("google", 2).get(1))).isTrue();
    assertThat(WorkUnit.of("google").overlaps(WorkUnit.of("slack"))).isFalse();
    assertThat(WorkUnit.of("google").key()).isEqualTo("google[0,1024)");
  }
}
