package dev.ephemery.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.testing.ReleaseFixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class IterationFormulaTest {

  @Test
  void predictsIteration153OnTheDayAfterItsGenesis() {
    IterationInfo info = IterationFormula.predict(Instant.parse("2025-11-21T00:00:00Z"));

    assertThat(info.iteration()).isEqualTo(new Iteration(153));
    assertThat(info.chainId()).isEqualTo(new ChainId(39_438_153L));
    assertThat(info.elGenesisTime()).isEqualTo(Instant.parse("2025-11-20T19:00:00Z"));
    assertThat(info.clGenesisTime()).isEqualTo(Instant.parse("2025-11-20T19:10:00Z"));
    assertThat(info.nextReset()).isEqualTo(Instant.parse("2025-12-18T19:00:00Z"));
    assertThat(info.source()).isEqualTo(IterationInfo.Source.PREDICTED);
  }

  @Test
  void takesTheInstantFromAnInjectedClock() {
    Clock clock = Clock.fixed(Instant.parse("2025-12-18T18:59:59Z"), ZoneOffset.UTC);
    assertThat(IterationFormula.predict(clock).iteration().number()).isEqualTo(153);
  }

  @Test
  void switchesIterationExactlyAtTheElGenesis() {
    Instant genesis154 = Instant.parse("2025-12-18T19:00:00Z");
    assertThat(IterationFormula.iterationAt(genesis154.minusSeconds(1)).number()).isEqualTo(153);
    assertThat(IterationFormula.iterationAt(genesis154).number()).isEqualTo(154);
    assertThat(IterationFormula.elGenesisOf(new Iteration(154))).isEqualTo(genesis154);
  }

  @Test
  void agreesWithChainIdsSeenOnPublishedIterations() {
    for (int n : new int[] {140, 152, 153, 158, 159, 160}) {
      Instant inside = IterationFormula.elGenesisOf(new Iteration(n)).plus(Duration.ofDays(1));
      assertThat(IterationFormula.predict(inside).chainId().value()).isEqualTo(39_438_000L + n);
    }
  }

  @Test
  void refusesAnInstantBeforeTheFirstGenesis() {
    assertThatThrownBy(() -> IterationFormula.iterationAt(Instant.parse("2014-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aReleaseGivesItsOwnTimesAndPeriod() {
    Release release = ReleaseVerifier.verify(ReleaseFixtures.release153()).release();
    IterationInfo info = IterationInfo.at(release, Instant.parse("2025-11-21T00:00:00Z"));

    assertThat(info.source()).isEqualTo(IterationInfo.Source.RELEASE);
    assertThat(info.elGenesisTime()).isEqualTo(Instant.ofEpochSecond(ReleaseFixtures.EL_GENESIS));
    assertThat(info.clGenesisTime()).isEqualTo(Instant.ofEpochSecond(ReleaseFixtures.CL_GENESIS));
    assertThat(info.resetPeriod()).isEqualTo(Duration.ofSeconds(2_419_200L));
  }

  @Test
  void projectsLaterIterationsWithTheReleasePeriodNotTheFormula() {
    Release release = ReleaseVerifier.verify(ReleaseFixtures.release153()).release();
    // A release whose period is 7 days: the projection must use it.
    Release weekly =
        new Release(
            release.iteration(),
            release.chainId(),
            release.elGenesisTime(),
            release.clGenesisTime(),
            Duration.ofDays(7),
            release.genesisValidatorsRoot(),
            release.enodeBootnodes(),
            release.enrBootnodes(),
            release.genesisBlockHash());

    IterationInfo info =
        IterationInfo.at(weekly, release.elGenesisTime().plus(Duration.ofDays(15)));

    assertThat(info.iteration().number()).isEqualTo(155);
    assertThat(info.chainId().value()).isEqualTo(39_438_155L);
    assertThat(info.elGenesisTime()).isEqualTo(release.elGenesisTime().plus(Duration.ofDays(14)));
    assertThat(info.source()).isEqualTo(IterationInfo.Source.PROJECTED);
  }
}
