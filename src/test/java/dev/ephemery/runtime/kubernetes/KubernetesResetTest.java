package dev.ephemery.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.inventory.Address;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.inventory.Host;
import dev.ephemery.network.ReleaseVerifier;
import dev.ephemery.ops.FaultInjector;
import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.NodeLayouts;
import dev.ephemery.ops.ResetJournal;
import dev.ephemery.ops.ResetMachine;
import dev.ephemery.ops.ResetState;
import dev.ephemery.ops.RetryPolicy;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.plan.PlanOptions;
import dev.ephemery.plan.Planner;
import dev.ephemery.runtime.RuntimeOptions;
import dev.ephemery.testing.CrashOnce;
import dev.ephemery.testing.Fixtures;
import dev.ephemery.testing.ReleaseFixtures;
import dev.ephemery.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The unchanged reset machine on a Kubernetes node: its API calls in order, and a crash at every
 * point resumed from the journal (a ConfigMap) to the same end state.
 */
class KubernetesResetTest {

  static final String NS = "ephemery";
  static final KubernetesNodeRuntime.Waits FAST =
      new KubernetesNodeRuntime.Waits(
          Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofMillis(20));

  @TempDir Path temp;
  MockCluster cluster;
  Thread controllers;
  Host host;
  HostPlan plan154;
  Path release154;
  MutableClock clock = new MutableClock(Instant.parse("2025-12-18T19:00:00Z"));

  @BeforeEach
  void deployIteration153() {
    cluster = new MockCluster();
    host =
        Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
            .address(new Address.Kubernetes("test", NS))
            .build();
    HostPlan plan153 =
        new Planner()
            .plan(Fixtures.inventory(host), Fixtures.release153(), new PlanOptions(null))
            .hosts()
            .get(0);
    runtime()
        .up(
            plan153,
            new RuntimeOptions(
                false,
                Fixtures.releaseFolder(temp.resolve("ephemery-153")),
                null,
                Duration.ofSeconds(5)));
    var files154 = ReleaseFixtures.releaseFor(154);
    release154 = ReleaseFixtures.writeFolderUnchecked(files154, temp.resolve("ephemery-154"));
    plan154 =
        new Planner()
            .plan(
                Fixtures.inventory(host),
                ReleaseVerifier.verify(files154).requireValid("154"),
                new PlanOptions(null))
            .hosts()
            .get(0);
    controllers = cluster.controllers(NS);
  }

  @AfterEach
  void stop() {
    controllers.interrupt();
    cluster.close();
  }

  KubernetesHost runtime() {
    return new KubernetesHost(cluster.client, NS, host.kubernetes(), false, line -> {});
  }

  ResetMachine machine(JournalStore store, FaultInjector faults) {
    KubernetesNodeRuntime node = runtime().forReset(plan154, release154, FAST);
    return new ResetMachine(
        NodeLayouts.of(plan154),
        node,
        iteration -> Optional.of(release154),
        store,
        clock,
        new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(1), 8, Duration.ofMillis(50)),
        faults);
  }

  JournalStore store() {
    return runtime().journals("node1", Path.of(plan154.baseDir()));
  }

  ResetJournal run(ResetMachine machine, ResetJournal journal) {
    return machine.run(
        journal,
        d -> {
          try {
            Thread.sleep(Math.min(d.toMillis(), 50));
          } catch (InterruptedException e) {
            return false;
          }
          return true;
        },
        ResetMachine.MAX_STEPS);
  }

  @Test
  void aResetWalksTheStatesThroughTheApiCallsInOrder() throws Exception {
    JournalStore store = store();
    ResetMachine machine = machine(store, FaultInjector.NONE);
    cluster.takeRequests();
    ResetJournal journal = machine.begin(154, false);

    ResetJournal end = run(machine, journal);

    assertThat(end.state()).as(end.toString()).isEqualTo(ResetState.DONE);
    List<String> calls = new ArrayList<>();
    for (String request : cluster.takeRequests()) {
      if (request.startsWith("GET ")) {
        continue;
      }
      String call = request.replaceAll("\\?.*", "");
      if (call.endsWith("/configmaps/ephemery-node1-reset-journals")
          || call.endsWith("/configmaps")) {
        call = call.endsWith("/configmaps") ? "POST configmap" : "journal";
      }
      if (calls.isEmpty() || !calls.get(calls.size() - 1).equals(call)) {
        calls.add(call);
      }
    }
    String sts = "/apis/apps/v1/namespaces/ephemery/statefulsets/ephemery-node1";
    String jobs = "/apis/batch/v1/namespaces/ephemery/jobs";
    assertThat(calls)
        .containsSubsequence(
            "journal",
            "POST configmap",
            "journal",
            "PATCH " + sts,
            "journal",
            "POST " + jobs,
            "DELETE " + jobs + "/ephemery-node1-wipe-153",
            "journal",
            "PATCH " + sts,
            "journal",
            "PATCH " + sts,
            "journal");
    assertEndState(store);
  }

  static List<String> crashPoints() {
    List<String> points = new ArrayList<>();
    for (ResetState state : ResetState.values()) {
      if (state.terminal()) {
        continue;
      }
      points.add("enter:" + state);
      if (state == ResetState.STOPPING
          || state == ResetState.WIPING
          || state == ResetState.INSTALLING) {
        points.add("mid:" + state);
      }
      points.add("exit:" + state);
    }
    return points;
  }

  @ParameterizedTest(name = "killed at {0}")
  @MethodSource("crashPoints")
  void aCrashAnywhereResumesFromTheJournalToTheSameEnd(String point) {
    JournalStore store = store();
    ResetMachine crashing = machine(store, new CrashOnce(point));
    ResetJournal journal = crashing.begin(154, false);

    assertThatThrownBy(() -> run(crashing, journal)).isInstanceOf(CrashOnce.SimulatedCrash.class);

    // A fresh process: only the journal in the ConfigMap says where the reset was.
    JournalStore reread = store();
    ResetJournal unfinished = reread.unfinished().orElseThrow();
    ResetJournal end = run(machine(reread, FaultInjector.NONE), unfinished);

    assertThat(end.state()).as(end.toString()).isEqualTo(ResetState.DONE);
    assertEndState(reread);
  }

  private void assertEndState(JournalStore store) {
    var set = cluster.client.apps().statefulSets().inNamespace(NS).withName("ephemery-node1").get();
    assertThat(set.getMetadata().getLabels()).containsEntry(LabelKeys.ITERATION, "154");
    assertThat(set.getSpec().getReplicas()).isEqualTo(1);
    assertThat(
            set.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getConfigMap() != null)
                .map(v -> v.getConfigMap().getName()))
        .containsExactly("ephemery-node1-release-154");
    assertThat(
            cluster
                .client
                .configMaps()
                .inNamespace(NS)
                .withName("ephemery-node1-release-154")
                .get())
        .isNotNull();
    assertThat(cluster.client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
    assertThat(store.all()).hasSize(1);
    assertThat(store.all().get(0).state()).isEqualTo(ResetState.DONE);
    assertThat(store.done(154)).isPresent();
    assertThat(cluster.client.secrets().inNamespace(NS).withName("ephemery-node1-secrets").get())
        .as("the JWT is kept through the reset")
        .isNotNull();
  }
}
