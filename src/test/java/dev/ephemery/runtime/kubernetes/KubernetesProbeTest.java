package dev.ephemery.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.health.Finding;
import dev.ephemery.health.Verdict;
import dev.ephemery.health.probe.HostProbe;
import dev.ephemery.health.probe.LocalStreams;
import dev.ephemery.health.probe.NodeHttp;
import dev.ephemery.inventory.Address;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.inventory.Host;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.PlanOptions;
import dev.ephemery.plan.Planner;
import dev.ephemery.runtime.DiskSpace;
import dev.ephemery.runtime.LinkCheck;
import dev.ephemery.testing.Fixtures;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * status/doctor on a kubernetes:// host: what a cluster cannot measure is UNKNOWN, not an error.
 */
class KubernetesProbeTest {

  static final String NS = "ephemery";

  MockCluster cluster = new MockCluster();
  Host host =
      Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
          .address(new Address.Kubernetes("test", NS))
          .build();
  HostPlan plan =
      new Planner()
          .plan(Fixtures.inventory(host), Fixtures.release153(), new PlanOptions(null))
          .hosts()
          .get(0);

  @AfterEach
  void close() {
    cluster.close();
  }

  KubernetesHost runtime() {
    return new KubernetesHost(cluster.client, NS, host.kubernetes(), false, line -> {});
  }

  @Test
  void diskSpaceAndTheLinkCheckAreUnknownWithTheReason() {
    DiskSpace disk = runtime().diskSpace("node1", plan.baseDir(), null);
    LinkCheck link = runtime().checkEngineLink(plan, null, Duration.ofSeconds(1));

    assertThat(disk.known()).isFalse();
    assertThat(disk.unknownReason())
        .contains("pods/exec")
        .contains("kubectl -n ephemery exec ephemery-node1-0 -- df -h");
    assertThat(link.known()).isFalse();
    assertThat(link.ok()).isFalse();
    assertThat(link.problem()).isNull();
    assertThat(link.unknownReason()).contains("pods/exec");
  }

  @Test
  void theProbeOfARunningNodeReportsDiskAndLinkAsUnknownNeverAsFailures() throws Exception {
    cluster
        .client
        .pods()
        .inNamespace(NS)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("ephemery-node1-0")
                .endMetadata()
                .withNewStatus()
                .withContainerStatuses(running("execution"), running("consensus"))
                .endStatus()
                .build())
        .create();

    List<Finding> findings;
    try (NodeHttp http =
        new NodeHttp(new LocalStreams(), Clock.systemUTC(), Duration.ofSeconds(1))) {
      findings =
          new HostProbe(runtime(), http, Clock.systemUTC())
              .probe(new HostProbe.Target("node1", plan, plan.baseDir(), null, null, null))
              .health()
              .findings();
    }

    assertThat(findings)
        .filteredOn(f -> f.component().equals("ephemery-node1-geth"))
        .extracting(Finding::verdict)
        .containsExactly(Verdict.OK); // the link check is reached only when EL and CL run
    assertThat(findings)
        .filteredOn(f -> f.component().equals("disk") || f.component().equals("link"))
        .extracting(f -> f.component() + " " + f.verdict() + " " + f.detail())
        .containsExactlyInAnyOrder(
            "link UNKNOWN not measured: on a cluster the self-test needs pods/exec (the consensus"
                + " container's logs name a refused Engine API call)",
            "disk UNKNOWN free space not measured: on a cluster the volume claims need pods/exec"
                + " to measure (kubectl -n ephemery exec ephemery-node1-0 -- df -h)");
    assertThat(findings).extracting(Finding::verdict).doesNotContain(Verdict.FAIL);
  }

  private static ContainerStatus running(String name) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withRestartCount(0)
        .withReady(true)
        .withNewState()
        .withNewRunning()
        .endRunning()
        .endState()
        .build();
  }
}
