package dev.ephemery.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.runtime.Change;
import dev.ephemery.runtime.Purge;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code down}'s removals around the node's reset lock Lease, by a fixed clock. */
class RemoverTest {

  static final String NS = "ephemery";
  static final Instant NOW = Instant.parse("2025-12-18T19:00:00Z");
  static final String LOCK = "ephemery-node1-reset-lock";

  MockCluster cluster = new MockCluster();
  KubeNames names = KubeNames.of("node1");

  @BeforeEach
  void service() {
    cluster
        .client
        .services()
        .inNamespace(NS)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("ephemery-node1-p2p")
                .withLabels(KubeLabels.ours("node1"))
                .endMetadata()
                .build())
        .create();
  }

  @AfterEach
  void close() {
    cluster.close();
  }

  List<Change> down(Purge purge, boolean dryRun) {
    return new Remover(cluster.client, NS, "node1", Clock.fixed(NOW, ZoneOffset.UTC))
        .remove(null, purge, dryRun);
  }

  void plant(String holder, Instant renewed) {
    cluster
        .client
        .leases()
        .inNamespace(NS)
        .resource(
            new LeaseBuilder()
                .withNewMetadata()
                .withName(LOCK)
                .withLabels(KubeLabels.of("node1", names, "reset"))
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity(holder)
                .withLeaseDurationSeconds(60)
                .withRenewTime(renewed == null ? null : renewed.atZone(ZoneOffset.UTC))
                .endSpec()
                .build())
        .create();
  }

  Lease lease() {
    return cluster.client.leases().inNamespace(NS).withName(LOCK).get();
  }

  @Test
  void aLiveResetLockStaysWhateverThePurgeAndIsNamedWithItsHolderAndRenewal() {
    plant("ephemery run, pid 7 on supervisor-pod", NOW.minusSeconds(59));

    for (boolean dryRun : new boolean[] {true, false}) {
      List<Change> changes = down(Purge.DATA, dryRun);

      assertThat(changes)
          .filteredOn(c -> "lease".equals(c.kind()))
          .extracting(Change::describe)
          .containsExactly(
              "keep lease "
                  + LOCK
                  + " (a reset holds it: ephemery run, pid 7 on supervisor-pod, renewed"
                  + " 2025-12-18T18:59:01Z; wait for the reset to finish (ephemery history --host"
                  + " node1) or stop it)");
      assertThat(lease().getSpec().getHolderIdentity())
          .isEqualTo("ephemery run, pid 7 on supervisor-pod");
    }
    // The rest goes, as on a Docker host where down leaves only the reset lock file alone.
    assertThat(cluster.client.services().inNamespace(NS).list().getItems()).isEmpty();
  }

  @Test
  void anExpiredResetLockIsRemoved() {
    plant("ephemery run, pid 7 on supervisor-pod", NOW.minusSeconds(60));

    assertThat(down(Purge.NONE, true))
        .extracting(Change::describe)
        .contains("remove lease " + LOCK);
    assertThat(lease()).as("a dry run changes nothing").isNotNull();

    List<Change> changes = down(Purge.NONE, false);

    assertThat(changes)
        .extracting(Change::describe)
        .containsExactlyInAnyOrder("remove service ephemery-node1-p2p", "remove lease " + LOCK);
    assertThat(lease()).isNull();
  }

  @Test
  void aReleasedResetLockIsRemoved() {
    plant(null, null);

    assertThat(down(Purge.NONE, false))
        .extracting(Change::describe)
        .contains("remove lease " + LOCK);
    assertThat(lease()).isNull();
  }

  @Test
  void withoutALeaseDownRemovesTheRestAsBefore() {
    assertThat(down(Purge.NONE, false))
        .extracting(Change::describe)
        .containsExactly("remove service ephemery-node1-p2p");
    assertThat(cluster.client.services().inNamespace(NS).list().getItems()).isEmpty();
  }
}
