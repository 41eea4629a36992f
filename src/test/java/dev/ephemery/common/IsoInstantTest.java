package dev.ephemery.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantTest {

  @Test
  void writesWhatInstantToStringWrites() {
    long[] seconds = {
      0,
      -1,
      1,
      59,
      60,
      3_600,
      1_763_665_200L,
      1_765_479_600L,
      -62_167_219_200L,
      -62_167_219_201L,
      253_402_300_799L,
      253_402_300_800L,
      Instant.MIN.getEpochSecond(),
      Instant.MAX.getEpochSecond()
    };
    int[] nanos = {0, 1, 999, 1_000, 1_000_000, 10_000_000, 100_000_000, 123_456_789, 999_999_999};
    for (long second : seconds) {
      for (int nano : nanos) {
        Instant instant = Instant.ofEpochSecond(second, nano);
        assertThat(IsoInstant.of(instant)).as("%s", instant).isEqualTo(instant.toString());
      }
    }
    SplittableRandom random = new SplittableRandom(153);
    for (int i = 0; i < 20_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(
              random.nextLong(-70_000_000_000L, 260_000_000_000L),
              random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
      assertThat(IsoInstant.of(instant)).as("%s", instant).isEqualTo(instant.toString());
    }
  }
}
