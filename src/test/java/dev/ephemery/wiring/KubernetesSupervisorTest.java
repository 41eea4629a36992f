package dev.ephemery.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.Address;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.inventory.Host;
import dev.ephemery.network.Release;
import dev.ephemery.network.ReleaseVerifier;
import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.ResetHistory;
import dev.ephemery.ops.ResetState;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.PlanOptions;
import dev.ephemery.plan.Planner;
import dev.ephemery.runtime.RuntimeOptions;
import dev.ephemery.runtime.kubernetes.KubernetesHost;
import dev.ephemery.runtime.kubernetes.MockCluster;
import dev.ephemery.supervisor.Supervisor;
import dev.ephemery.testing.Fixtures;
import dev.ephemery.testing.ReleaseFixtures;
import dev.ephemery.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor ({@code ephemery run}) on a {@code kubernetes://} host, through its reset site:
 * the installed iteration from the StatefulSet, the journal begun in the node's ConfigMap, the
 * reset run under the node's Lease to the new iteration, and the history read back from the
 * cluster. fabric8's mock API server in CRUD mode stands in for the cluster.
 */
class KubernetesSupervisorTest {

  static final String NS = "ephemery";

  @TempDir Path temp;
  MockCluster cluster = new MockCluster();

  @AfterEach
  void close() {
    cluster.close();
  }

  @Test
  void theSupervisorResetsAKubernetesNodeThroughItsJournalAndLeaseInTheCluster() {
    Host host =
        Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
            .address(new Address.Kubernetes("test", NS))
            .build();
    HostPlan plan153 =
        new Planner()
            .plan(Fixtures.inventory(host), Fixtures.release153(), new PlanOptions(null))
            .hosts()
            .get(0);
    ResetSite site =
        new ResetSite.Kubernetes(host, KubernetesHost.on(cluster.client, host, line -> {}));
    KubernetesHost.on(cluster.client, host, line -> {})
        .up(
            plan153,
            new RuntimeOptions(
                false,
                Fixtures.releaseFolder(temp.resolve("ephemery-153")),
                null,
                Duration.ofSeconds(5)));
    var files154 = ReleaseFixtures.releaseFor(154);
    Path folder154 = ReleaseFixtures.writeFolderUnchecked(files154, temp.resolve("ephemery-154"));
    Release release154 = ReleaseVerifier.verify(files154).requireValid("154");
    MutableClock clock = new MutableClock(release154.elGenesisTime().plusSeconds(5));
    Thread controllers = cluster.controllers(NS);
    try {
      JournalStore journals = site.journals();
      Supervisor supervisor =
          new Supervisor(
              clock,
              () -> Optional.of(release154),
              SupervisorDaemon.node(host, site, journals, clock),
              journals,
              (key, message) -> {},
              Supervisor.Settings.DEFAULT,
              Supervisor.Resets.inProcess(
                  journals,
                  clock,
                  d -> {
                    clock.advance(d);
                    return true;
                  },
                  iteration ->
                      Resets.machine(
                          new Planner().planHost(host, release154),
                          site.runtime(new Planner().planHost(host, release154), folder154, l -> {})
                              .node(),
                          i -> i == 154 ? Optional.of(folder154) : Optional.empty(),
                          journals,
                          clock)));
      assertThat(site.installedIteration()).contains(153);

      for (int tick = 0; tick < 20 && journals.done(154).isEmpty(); tick++) {
        supervisor.tick();
        clock.advance(Duration.ofSeconds(1));
      }

      assertThat(journals.done(154)).isPresent();
      assertThat(site.installedIteration()).contains(154);
      ResetHistory history = ResetHistory.of(host.name(), site.journals());
      assertThat(history.resets()).hasSize(1);
      assertThat(history.resets().get(0).state()).isEqualTo(ResetState.DONE);
      assertThat(journals.lockHolder()).as("the Lease is let go").isEqualTo("holder unknown");
    } finally {
      controllers.interrupt();
      site.close();
    }
  }
}
