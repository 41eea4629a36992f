package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.health.CheckpointPicker;
import dev.ephemery.health.CheckpointScoring;
import dev.ephemery.inventory.Address;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.inventory.Host;
import dev.ephemery.network.Release;
import dev.ephemery.plan.CheckpointChoice;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.plan.PlanOptions;
import dev.ephemery.plan.Planner;
import dev.ephemery.runtime.RuntimeOptions;
import dev.ephemery.runtime.UpReport;
import dev.ephemery.runtime.kubernetes.KubernetesHost;
import dev.ephemery.runtime.kubernetes.MockCluster;
import dev.ephemery.testing.Fixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code checkpointSyncUrl: auto} on a kubernetes:// host: the pick {@code up} applied is read back
 * from the node's StatefulSet, so the next {@code up} keeps it instead of picking anew.
 */
class AutoCheckpointsKubernetesTest {

  static final String NS = "ephemery";

  @TempDir Path temp;
  MockCluster cluster = new MockCluster();
  Host host =
      Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
          .checkpoint("auto")
          .address(new Address.Kubernetes("test", NS))
          .build();
  Release release = Fixtures.release153();
  HostPlan planned =
      new Planner().plan(Fixtures.inventory(host), release, new PlanOptions(null)).hosts().get(0);
  List<String> picks = new ArrayList<>();

  @AfterEach
  void close() {
    cluster.close();
  }

  /** Picks a different endpoint each time it is asked, and counts the asks. */
  CheckpointPicker picker() {
    return (expected, now) -> {
      String url = "https://checkpoint-" + (picks.size() + 1) + ".example";
      picks.add(url);
      return new CheckpointScoring.Pick(Optional.of(url), List.of(), "best of 1");
    };
  }

  HostPlan resolve(KubernetesHost runtime) {
    return AutoCheckpoints.resolve(
        host, planned, release, runtime, picker(), Clock.systemUTC(), line -> {});
  }

  @Test
  void aSecondUpKeepsThePickTheFirstApplied() throws Exception {
    Path releaseDir = Fixtures.releaseFolder(temp.resolve("ephemery-153"));
    RuntimeOptions options = new RuntimeOptions(false, releaseDir, null, Duration.ofSeconds(5));
    KubernetesHost runtime = KubernetesHost.on(cluster.client, host, line -> {});

    assertThat(runtime.labels("node1", "ephemery-node1-lighthouse")).isEmpty();
    HostPlan first = resolve(runtime);
    runtime.up(first, options);

    assertThat(picks).containsExactly("https://checkpoint-1.example");
    assertThat(runtime.labels("node1", "ephemery-node1-lighthouse").orElseThrow())
        .containsEntry(LabelKeys.ITERATION, "153")
        .containsEntry(LabelKeys.CHECKPOINT, "https://checkpoint-1.example");

    HostPlan second = resolve(runtime);
    UpReport again = runtime.up(second, options);

    assertThat(picks).as("no second pick").hasSize(1);
    assertThat(checkpoint(second)).isEqualTo("https://checkpoint-1.example");
    assertThat(again.changes()).isEmpty();
  }

  private static String checkpoint(HostPlan plan) {
    return CheckpointChoice.labelIn(plan).orElse(null);
  }
}
