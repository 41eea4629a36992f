package dev.ephemery.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.testing.ReleaseFixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReleaseAgeTest {
  static final Release RELEASE = ReleaseVerifier.verify(ReleaseFixtures.release153()).release();

  @Test
  void aReleaseIsCurrentUntilItsNextReset() {
    assertThat(ReleaseAge.expired(RELEASE, Instant.parse("2025-12-18T18:59:59Z"))).isEmpty();
  }

  @Test
  void anEndedReleaseNamesItsIterationItsEndAndTheCurrentIteration() {
    var expired = ReleaseAge.expired(RELEASE, Instant.parse("2026-01-20T00:00:00Z"));

    assertThat(expired).isPresent();
    assertThat(expired.get().current().orElseThrow().iteration().number()).isEqualTo(155);
    assertThat(expired.get().describe())
        .isEqualTo(
            "release ephemery-153 (iteration 153) is out of date: its period ended at"
                + " 2025-12-18T19:00:00Z; iteration 155 (chain id 39438155) is current at"
                + " 2026-01-20T00:00:00Z by the schedule formula");
  }
}
