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
  void theSevenDayPeriodMatchesThePublishedReleases() {
    // ephemery-testnet/ephemery-genesis values.env at tags ephemery-62, -100, -134
    // (GENESIS_TIMESTAMP,
    // CHAIN_ID, GENESIS_INTERVAL 604800) and cl-config.yaml GENESIS_DELAY: 300.
    long[][] published = {
      {62, 1_675_969_200L}, {100, 1_698_951_600L}, {112, 1_706_209_200L}, {134, 1_719_514_800L}
    };
    for (long[] release : published) {
      Instant el = Instant.ofEpochSecond(release[1]);
      IterationInfo info = IterationFormula.predict(el.plus(Duration.ofDays(3)));
      assertThat(info.iteration().number()).isEqualTo((int) release[0]);
      assertThat(info.chainId().value()).isEqualTo(39_438_000L + release[0]);
      assertThat(info.elGenesisTime()).isEqualTo(el);
      assertThat(info.clGenesisTime()).isEqualTo(el.plusSeconds(300));
      assertThat(info.resetPeriod()).isEqualTo(Duration.ofDays(7));
    }
  }

  @Test
  void theTwentyEightDayPeriodStartsWithIteration135() {
    Instant start =
        Instant.parse("2024-07-04T19:00:00Z"); // ephemery-135 GENESIS_TIMESTAMP 1720119600
    assertThat(start).isEqualTo(IterationFormula.MONTHLY_START);
    assertThat(IterationFormula.iterationAt(start.minusSeconds(1)).number()).isEqualTo(134);
    IterationInfo info = IterationFormula.predict(start);
    assertThat(info.iteration().number()).isEqualTo(135);
    assertThat(info.clGenesisTime()).isEqualTo(start.plusSeconds(600));
    assertThat(info.nextReset()).isEqualTo(Instant.ofEpochSecond(1_722_538_800L)); // ephemery-136
    assertThat(IterationFormula.predict(start.minusSeconds(1)).nextReset()).isEqualTo(start);
  }

  @Test
  void refusesInstantsBeforeTheSevenDayPeriodAndNamesWhy() {
    assertThat(IterationFormula.unsupported(Instant.parse("2023-01-01T00:00:00Z")))
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .contains("2023-02-09T19:00:00Z")
                    .contains("iteration 62")
                    .contains("1337500"));
    assertThat(IterationFormula.unsupported(Instant.parse("2014-03-01T00:00:00Z")))
        .hasValueSatisfying(reason -> assertThat(reason).contains("2022-11-14T19:00:00Z"));
    assertThat(IterationFormula.unsupported(IterationFormula.WEEKLY_START)).isEmpty();
    assertThatThrownBy(() -> IterationFormula.elGenesisOf(new Iteration(61)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesInstantsPastTheLatestInsteadOfOverflowing() {
    Instant far = Instant.parse("+1000000000-01-01T00:00:00Z");
    assertThat(IterationFormula.unsupported(far)).isPresent();
    assertThatThrownBy(() -> IterationFormula.iterationAt(far))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("9999-12-31T23:59:59Z");
    assertThat(IterationFormula.iterationAt(IterationFormula.LATEST).number()).isPositive();
  }

  @Test
  void aProjectionTooFarForAnIterationNumberIsRefused() {
    Release release = ReleaseVerifier.verify(ReleaseFixtures.release153()).release();
    assertThatThrownBy(
            () -> IterationInfo.at(release, Instant.parse("+1000000000-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("than can be counted");
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

  @Test
  void theLatestInstantIsTheEndOfYear9999() {
    assertThat(IterationFormula.LATEST).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
  }
}
