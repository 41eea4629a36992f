package dev.ephemery.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MutableClockTest {

  @Test
  void setAndAdvanceAreSeenThroughEveryZoneView() {
    MutableClock clock = MutableClock.at("2026-11-26T00:00:00Z");
    MutableClock berlin = clock.withZone(ZoneId.of("Europe/Berlin"));

    clock.advance(Duration.ofDays(28));
    assertThat(berlin.instant()).isEqualTo(Instant.parse("2026-12-24T00:00:00Z"));

    berlin.set(Instant.EPOCH);
    assertThat(clock.millis()).isZero();
    assertThat(berlin.getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
  }
}
