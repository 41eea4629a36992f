package dev.ephemery.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.common.OperationalException;
import dev.ephemery.inventory.Address;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.inventory.Host;
import dev.ephemery.ops.ResetJournal;
import dev.ephemery.ops.ResetLock;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.plan.PlanOptions;
import dev.ephemery.plan.Planner;
import dev.ephemery.runtime.Change;
import dev.ephemery.runtime.Purge;
import dev.ephemery.runtime.RuntimeOptions;
import dev.ephemery.runtime.UpReport;
import dev.ephemery.testing.Fixtures;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** up, a second up, down and status against the API server stand-in in CRUD mode. */
class KubernetesHostTest {

  static final String NS = "ephemery";

  @TempDir Path temp;
  MockCluster cluster;
  Host host;
  HostPlan plan;
  Path release;

  @BeforeEach
  void start() {
    cluster = new MockCluster();
    host =
        Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
            .address(new Address.Kubernetes("test", NS))
            .build();
    plan =
        new Planner()
            .plan(Fixtures.inventory(host), Fixtures.release153(), new PlanOptions(null))
            .hosts()
            .get(0);
    release = Fixtures.releaseFolder(temp.resolve("ephemery-153"));
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  KubernetesHost runtime() {
    return new KubernetesHost(cluster.client, NS, host.kubernetes(), false, line -> {});
  }

  UpReport up() {
    return runtime().up(plan, new RuntimeOptions(false, release, null, Duration.ofSeconds(5)));
  }

  @Test
  void upCreatesTheNodesObjectsAndASecondUpChangesNothing() throws Exception {
    UpReport first = up();

    assertThat(first.changes())
        .extracting(Change::action, Change::kind, Change::object)
        .contains(
            org.assertj.core.groups.Tuple.tuple("create", "namespace", NS),
            org.assertj.core.groups.Tuple.tuple(
                "create", "secret", "ephemery-node1-secrets/jwt.hex"),
            org.assertj.core.groups.Tuple.tuple(
                "create", "configmap", "ephemery-node1-release-153"),
            org.assertj.core.groups.Tuple.tuple("create", "statefulset", "ephemery-node1"),
            org.assertj.core.groups.Tuple.tuple("create", "service", "ephemery-node1-p2p"),
            org.assertj.core.groups.Tuple.tuple(
                "create", "networkpolicy", "ephemery-node1-engine"));
    var set = cluster.client.apps().statefulSets().inNamespace(NS).withName("ephemery-node1").get();
    assertThat(set.getSpec().getReplicas()).isEqualTo(1);
    assertThat(set.getMetadata().getLabels())
        .containsEntry(LabelKeys.NODE, "node1")
        .containsEntry(LabelKeys.ITERATION, "153")
        .containsKey(LabelKeys.PLAN_HASH);
    String jwt = jwt();
    assertThat(jwt).matches("[0-9a-f]{64}");

    cluster.takeRequests();
    UpReport second = up();

    assertThat(second.changes()).isEmpty();
    assertThat(cluster.takeRequests()).noneMatch(r -> !r.startsWith("GET "));
    assertThat(jwt()).as("the JWT is never rewritten").isEqualTo(jwt);
  }

  private String jwt() {
    Secret secret =
        cluster.client.secrets().inNamespace(NS).withName("ephemery-node1-secrets").get();
    return new String(
        Base64.getDecoder().decode(secret.getData().get("jwt.hex")), StandardCharsets.US_ASCII);
  }

  @Test
  void aChangedPlanUpdatesOnlyWhatChangedByServerSideApply() throws Exception {
    up();
    cluster.takeRequests();
    plan =
        new Planner()
            .plan(
                Fixtures.inventory(
                    Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
                        .address(new Address.Kubernetes("test", NS))
                        .elArgs("--cache=2048")
                        .build()),
                Fixtures.release153(),
                new PlanOptions(null))
            .hosts()
            .get(0);

    assertThat(up().changes())
        .extracting(Change::action, Change::object)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("update", "ephemery-node1"));
    assertThat(cluster.takeRequests())
        .filteredOn(r -> !r.startsWith("GET "))
        .startsWith(
            "PATCH /apis/apps/v1/namespaces/ephemery/statefulsets/ephemery-node1"
                + "?fieldManager=ephemery&force=true")
        .as("the mock has no server-side apply (415): the object is replaced instead")
        .endsWith("PUT /apis/apps/v1/namespaces/ephemery/statefulsets/ephemery-node1");
  }

  @Test
  void anObjectInTheWayThatIsNotOursStopsUpBeforeAnythingChanges() {
    cluster
        .client
        .namespaces()
        .resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName(NS)
                .endMetadata()
                .build())
        .create();
    cluster
        .client
        .services()
        .inNamespace(NS)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("ephemery-node1-p2p")
                .addToLabels("app", "someone-else")
                .endMetadata()
                .withNewSpec()
                .addNewPort()
                .withPort(1)
                .endPort()
                .endSpec()
                .build())
        .create();

    assertThatThrownBy(this::up)
        .isInstanceOf(OperationalException.class)
        .hasMessageContaining("service/ephemery-node1-p2p");
    assertThat(cluster.client.apps().statefulSets().inNamespace(NS).list().getItems()).isEmpty();
    assertThat(
            cluster
                .client
                .services()
                .inNamespace(NS)
                .withName("ephemery-node1-p2p")
                .get()
                .getMetadata()
                .getLabels())
        .containsEntry("app", "someone-else");
  }

  @Test
  void downRemovesWhatIsOursAndNothingElseAndKeepsClaimsAndSecrets() {
    up();
    cluster
        .client
        .configMaps()
        .inNamespace(NS)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("foreign")
                .addToLabels(LabelKeys.NODE, "node1")
                .endMetadata()
                .addToData("k", "v")
                .build())
        .create();
    cluster
        .client
        .configMaps()
        .inNamespace(NS)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("other-node")
                .withLabels(KubeLabels.ours("node2"))
                .endMetadata()
                .build())
        .create();
    Map<String, String> claimLabels = new java.util.LinkedHashMap<>(KubeLabels.ours("node1"));
    claimLabels.put(KubeLabels.COMPONENT, "data-geth");
    cluster
        .client
        .persistentVolumeClaims()
        .inNamespace(NS)
        .resource(
            new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName("data-geth-ephemery-node1-0")
                .withLabels(claimLabels)
                .endMetadata()
                .withNewSpec()
                .withNewResources()
                .addToRequests("storage", new Quantity("1Gi"))
                .endResources()
                .endSpec()
                .build())
        .create();

    List<Change> removed = runtime().down("node1", plan, Purge.NONE, null, false);

    assertThat(removed)
        .extracting(Change::object)
        .contains("ephemery-node1", "ephemery-node1-p2p", "ephemery-node1-release-153")
        .doesNotContain("foreign", "other-node", "ephemery-node1-secrets", NS);
    assertThat(cluster.client.apps().statefulSets().inNamespace(NS).list().getItems()).isEmpty();
    assertThat(cluster.client.services().inNamespace(NS).list().getItems()).isEmpty();
    assertThat(cluster.client.configMaps().inNamespace(NS).list().getItems())
        .extracting(c -> c.getMetadata().getName())
        .containsExactlyInAnyOrder("foreign", "other-node");
    assertThat(cluster.client.secrets().inNamespace(NS).withName("ephemery-node1-secrets").get())
        .isNotNull();
    assertThat(cluster.client.persistentVolumeClaims().inNamespace(NS).list().getItems())
        .hasSize(1);

    List<Change> purged = runtime().down("node1", plan, Purge.DATA, null, false);

    assertThat(purged).extracting(Change::object).containsExactly("data-geth-ephemery-node1-0");
    assertThat(cluster.client.persistentVolumeClaims().inNamespace(NS).list().getItems()).isEmpty();
  }

  @Test
  void downKeepsTheResetJournalsUnlessDataIsPurgedAndLeavesOtherNodesAlone() {
    up();
    ResetJournal journal =
        ResetJournal.start("node1", 153, 154, false, false, Instant.parse("2025-12-18T19:00:00Z"));
    runtime().journals("node1", Path.of(plan.baseDir())).save(journal);
    new ConfigMapJournalStore(
            cluster.client, NS, KubeNames.of("node2"), "node2", Path.of(plan.baseDir()))
        .save(
            ResetJournal.start(
                "node2", 153, 154, false, false, Instant.parse("2025-12-18T19:00:00Z")));

    List<Change> removed = runtime().down("node1", plan, Purge.NONE, null, false);

    assertThat(removed)
        .filteredOn(Change::isKeep)
        .extracting(Change::describe)
        .containsExactly(
            "keep configmap ephemery-node1-reset-journals (reset history; --purge-data removes it)");
    assertThat(removed)
        .filteredOn(c -> !c.isKeep())
        .extracting(Change::object)
        .contains("ephemery-node1-release-153")
        .doesNotContain("ephemery-node1-reset-journals");
    assertThat(configMaps())
        .containsExactlyInAnyOrder(
            "ephemery-node1-reset-journals", "ephemery-node2-reset-journals");
    assertThat(runtime().journals("node1", Path.of(plan.baseDir())).all())
        .extracting(ResetJournal::id)
        .containsExactly(journal.id());

    List<Change> dry = runtime().down("node1", plan, Purge.DATA, null, true);

    assertThat(dry)
        .extracting(Change::describe)
        .containsExactly("remove configmap ephemery-node1-reset-journals");
    assertThat(configMaps()).contains("ephemery-node1-reset-journals");

    List<Change> purged = runtime().down("node1", plan, Purge.DATA, null, false);

    assertThat(purged)
        .extracting(Change::describe)
        .containsExactly("remove configmap ephemery-node1-reset-journals");
    assertThat(configMaps()).containsExactly("ephemery-node2-reset-journals");
    assertThat(
            new ConfigMapJournalStore(
                    cluster.client, NS, KubeNames.of("node2"), "node2", Path.of(plan.baseDir()))
                .all())
        .hasSize(1);
  }

  @Test
  void downLeavesTheResetLockOfARunningResetAndRemovesItOnceReleased() {
    up();
    ResetLock held =
        runtime().journals("node1", Path.of(plan.baseDir())).lock("ephemery reset", Instant.now());

    List<Change> during = runtime().down("node1", plan, Purge.DATA, null, false);

    assertThat(during)
        .filteredOn(c -> "lease".equals(c.kind()))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.isKeep()).isTrue();
              assertThat(c.object()).isEqualTo("ephemery-node1-reset-lock");
              assertThat(c.reason())
                  .contains("ephemery reset, pid ", ", renewed ", "ephemery history --host node1");
            });
    assertThat(cluster.client.apps().statefulSets().inNamespace(NS).list().getItems()).isEmpty();
    assertThat(
            cluster
                .client
                .leases()
                .inNamespace(NS)
                .withName("ephemery-node1-reset-lock")
                .get()
                .getSpec()
                .getHolderIdentity())
        .startsWith("ephemery reset, pid ");

    held.close();
    List<Change> after = runtime().down("node1", plan, Purge.NONE, null, false);

    assertThat(after)
        .extracting(Change::describe)
        .contains("remove lease ephemery-node1-reset-lock");
    assertThat(cluster.client.leases().inNamespace(NS).list().getItems()).isEmpty();
  }

  List<String> configMaps() {
    return cluster.client.configMaps().inNamespace(NS).list().getItems().stream()
        .map(c -> c.getMetadata().getName())
        .toList();
  }

  @Test
  void statusReportsEachPlannedContainerFromThePod() {
    up();
    assertThat(runtime().status("node1", plan))
        .extracting(s -> s.container() + "=" + s.state())
        .containsExactly("execution=missing", "consensus=missing");
  }

  @Test
  void readSecretReadsAGeneratedSecretFromTheNodesSecretAndNamesAMissingOne() {
    up();
    var jwt =
        plan.paths().stream()
            .filter(p -> p.kind() == dev.ephemery.plan.PlannedPath.Kind.JWT_SECRET)
            .findFirst()
            .orElseThrow();

    String value = runtime().readSecret("node1", plan.baseDir(), jwt.path(), null);

    assertThat(value).matches("[0-9a-f]{64}").isEqualTo(jwt());
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> runtime().readSecret("node1", plan.baseDir(), "/srv/ephemery/none.txt", null))
        .hasMessageContaining("holds no 'none.txt'");
  }
}
