package dev.ephemery.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.inventory.Host;
import dev.ephemery.network.Release;
import dev.ephemery.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** How the planner uses a {@link CheckpointChoice}: only for {@code checkpointSyncUrl: auto}. */
class AutoCheckpointPlanTest {

  static final Release RELEASE = Fixtures.release153();

  static Service consensus(Host host, CheckpointChoice choice) {
    return new Planner()
        .planHost(host, RELEASE, choice).services().stream()
            .filter(s -> s.role() == Role.CONSENSUS)
            .findFirst()
            .orElseThrow();
  }

  static Host host(ConsensusClient cl, String checkpoint) {
    return Fixtures.host(ExecutionClient.GETH, cl).checkpoint(checkpoint).build();
  }

  @Test
  void thePickedEndpointIsTheClientsFlagAndTheContainersLabel() {
    Host host = host(ConsensusClient.LIGHTHOUSE, "auto");
    assertThat(Preflight.check(Fixtures.inventory(host), RELEASE)).isEmpty();
    Service cl = consensus(host, new CheckpointChoice("http://picked.example", "picked: use it"));
    assertThat(cl.command()).contains("--checkpoint-sync-url=http://picked.example");
    assertThat(cl.command()).noneMatch(a -> a.contains("auto"));
    assertThat(cl.labels()).containsEntry(LabelKeys.CHECKPOINT, "http://picked.example");
  }

  @Test
  void genesisOrNoPickGivesNoCheckpointFlag() {
    Host host = host(ConsensusClient.TEKU, "auto");
    for (CheckpointChoice choice :
        new CheckpointChoice[] {CheckpointChoice.genesis("none"), CheckpointChoice.UNRESOLVED}) {
      Service cl = consensus(host, choice);
      assertThat(String.join(" ", cl.command())).doesNotContain("checkpoint");
      assertThat(cl.labels()).containsEntry(LabelKeys.CHECKPOINT, CheckpointChoice.GENESIS);
    }
    assertThat(new Planner().planHost(host, RELEASE))
        .isEqualTo(new Planner().planHost(host, RELEASE, CheckpointChoice.UNRESOLVED));
  }

  @Test
  void aConfiguredEndpointIgnoresAnyChoiceAndHasNoLabel() {
    Host host = host(ConsensusClient.LIGHTHOUSE, "https://checkpoint-sync.ephemery.ethpandaops.io");
    Service cl = consensus(host, new CheckpointChoice("http://other.example", "picked"));
    assertThat(cl.command())
        .contains("--checkpoint-sync-url=https://checkpoint-sync.ephemery.ethpandaops.io");
    assertThat(cl.labels()).doesNotContainKey(LabelKeys.CHECKPOINT);
    assertThat(new Planner().planHost(host, RELEASE))
        .isEqualTo(new Planner().planHost(host, RELEASE, CheckpointChoice.UNRESOLVED));
  }
}
