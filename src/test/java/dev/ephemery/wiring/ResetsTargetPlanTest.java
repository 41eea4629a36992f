package dev.ephemery.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.health.CheckpointPicker;
import dev.ephemery.health.CheckpointScoring;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.inventory.Host;
import dev.ephemery.network.Release;
import dev.ephemery.plan.CheckpointChoice;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Planner;
import dev.ephemery.testing.Fixtures;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reset's target plan: with {@code auto}, the endpoints are scored again for its release. */
class ResetsTargetPlanTest {

  static final Release RELEASE = Fixtures.release153();
  static final Clock CLOCK = Clock.fixed(RELEASE.clGenesisTime().plusSeconds(600), ZoneOffset.UTC);

  static String label(HostPlan plan) {
    return CheckpointChoice.labelIn(plan).orElse(null);
  }

  @Test
  void autoAsksThePickerForTheTargetReleaseAndPlansItsPick() {
    Host host =
        Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE).checkpoint("auto").build();
    List<Integer> askedFor = new ArrayList<>();
    CheckpointPicker picker =
        (expected, now) -> {
          askedFor.add(expected.iteration());
          assertThat(now).isEqualTo(CLOCK.instant());
          return new CheckpointScoring.Pick(
              Optional.of("http://picked.example"), List.of(), "use http://picked.example");
        };
    List<String> said = new ArrayList<>();
    HostPlan plan = Resets.targetPlan(host, RELEASE, picker, CLOCK, said::add);
    assertThat(askedFor).containsExactly(153);
    assertThat(label(plan)).isEqualTo("http://picked.example");
    assertThat(said).singleElement().asString().contains("checkpoint sync from http://picked");

    CheckpointPicker none =
        (expected, now) ->
            new CheckpointScoring.Pick(Optional.empty(), List.of(), "no endpoint qualifies");
    HostPlan genesis = Resets.targetPlan(host, RELEASE, none, CLOCK, said::add);
    assertThat(label(genesis)).isEqualTo(CheckpointChoice.GENESIS);
    assertThat(said.get(1)).contains("sync from genesis");
  }

  @Test
  void withoutAutoNothingIsAskedAndThePlanIsThePlannersOwn() {
    Host host =
        Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
            .checkpoint("https://checkpoint-sync.ephemery.ethpandaops.io")
            .build();
    CheckpointPicker fails =
        (expected, now) -> {
          throw new AssertionError("asked without auto");
        };
    assertThat(Resets.targetPlan(host, RELEASE, fails, CLOCK, line -> {}))
        .isEqualTo(new Planner().planHost(host, RELEASE));
  }
}
