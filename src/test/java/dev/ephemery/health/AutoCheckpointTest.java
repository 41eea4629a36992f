package dev.ephemery.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.inventory.Host;
import dev.ephemery.plan.CheckpointChoice;
import dev.ephemery.testing.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The decision behind {@code checkpointSyncUrl: auto}: keep, pick the best, or genesis. */
class AutoCheckpointTest {

  static final Expected EXPECTED = HealthRulesTest.EXPECTED;
  static final Instant NOW = EXPECTED.clGenesisTime().plusSeconds(10 * 3600);
  static final long EPOCH_NOW = 10 * 3600 / CheckpointScoring.EPOCH_SECONDS;
  static final String ROOT = EXPECTED.genesisValidatorsRoot();
  static final long GENESIS = EXPECTED.clGenesisTime().getEpochSecond();

  static Host host(String checkpoint) {
    return Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
        .checkpoint(checkpoint)
        .build();
  }

  static CheckpointScoring.Candidate answered(String url, long genesis, String root, long epoch) {
    return new CheckpointScoring.Candidate(url, "known", null, root, genesis, epoch, 20);
  }

  static Supplier<CheckpointScoring.Pick> scoring(
      AtomicInteger asked, CheckpointScoring.Candidate... candidates) {
    return () -> {
      asked.incrementAndGet();
      return CheckpointScoring.score(List.of(candidates), EXPECTED, NOW);
    };
  }

  @Test
  void aConfiguredUrlOrNoneIsNotChosenAndNothingIsAsked() {
    AtomicInteger asked = new AtomicInteger();
    assertThat(AutoCheckpoint.choose(host("https://cp.example"), Optional.empty(), scoring(asked)))
        .isNull();
    assertThat(AutoCheckpoint.choose(host(null), Optional.empty(), scoring(asked))).isNull();
    assertThat(asked).hasValue(0);
  }

  @Test
  void theBestEndpointIsPickedOverOneOnThePreviousIterationAndAStaleOne() {
    AtomicInteger asked = new AtomicInteger();
    CheckpointChoice choice =
        AutoCheckpoint.choose(
            host("auto"),
            Optional.empty(),
            scoring(
                asked,
                answered("http://previous", GENESIS - EXPECTED.resetPeriodSeconds(), "0x01", 70),
                answered("http://stale", GENESIS, ROOT, EPOCH_NOW - 40),
                answered("http://good", GENESIS, ROOT, EPOCH_NOW - 2)));
    assertThat(choice.url()).isEqualTo("http://good");
    assertThat(choice.label()).isEqualTo("http://good");
    assertThat(choice.reason()).startsWith("picked: use http://good").contains("2 behind");
    assertThat(asked).hasValue(1);
  }

  @Test
  void noGoodEndpointMeansGenesisSyncAndSaysSo() {
    CheckpointChoice choice =
        AutoCheckpoint.choose(
            host("auto"),
            Optional.empty(),
            scoring(
                new AtomicInteger(),
                new CheckpointScoring.Candidate(
                    "http://down", "known", "connection refused", null, null, null, 3),
                answered("http://stale", GENESIS, ROOT, EPOCH_NOW - 40)));
    assertThat(choice.url()).isNull();
    assertThat(choice.label()).isEqualTo(CheckpointChoice.GENESIS);
    assertThat(choice.reason()).contains("no endpoint qualifies: sync from genesis");
    assertThat(choice.describe()).startsWith("sync from genesis: ");
  }

  @Test
  void aConsensusClientThatExistsForThisIterationKeepsItsEndpointWithoutAsking() {
    AtomicInteger asked = new AtomicInteger();
    CheckpointChoice kept =
        AutoCheckpoint.choose(host("auto"), Optional.of("http://earlier"), scoring(asked));
    assertThat(kept.url()).isEqualTo("http://earlier");
    assertThat(kept.reason()).startsWith("kept");
    CheckpointChoice keptGenesis =
        AutoCheckpoint.choose(host("auto"), Optional.of(CheckpointChoice.GENESIS), scoring(asked));
    assertThat(keptGenesis.url()).isNull();
    assertThat(asked).hasValue(0);
  }
}
