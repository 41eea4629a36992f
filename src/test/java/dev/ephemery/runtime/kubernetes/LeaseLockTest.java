package dev.ephemery.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.common.OperationalException;
import dev.ephemery.ops.ResetLock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The node's reset lock as a Lease on fabric8's mock API server in CRUD mode. */
class LeaseLockTest {

  static final String NS = "ephemery";
  static final Instant NOW = Instant.parse("2025-12-18T19:00:00Z");

  MockCluster cluster = new MockCluster();
  KubeNames names = KubeNames.of("node1");

  @AfterEach
  void close() {
    cluster.close();
  }

  LeaseLock lock(Duration duration) {
    return new LeaseLock(cluster.client, NS, names, "node1", duration, Clock.systemUTC());
  }

  Lease lease() {
    return cluster.client.leases().inNamespace(NS).withName("ephemery-node1-reset-lock").get();
  }

  void plant(String holder, Instant renewed) {
    cluster
        .client
        .leases()
        .inNamespace(NS)
        .resource(
            new LeaseBuilder()
                .withNewMetadata()
                .withName("ephemery-node1-reset-lock")
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity(holder)
                .withLeaseDurationSeconds(60)
                .withRenewTime(renewed.atZone(ZoneOffset.UTC))
                .withLeaseTransitions(3)
                .endSpec()
                .build())
        .create();
  }

  @Test
  void theFirstResetTakesTheLeaseWithItsIdentityAndLetsItGoWhenDone() {
    LeaseLock lock = lock(LeaseLock.DURATION);
    Optional<ResetLock> held = lock.tryAcquire("ephemery reset", NOW);

    assertThat(held).isPresent();
    Lease taken = lease();
    assertThat(taken.getSpec().getHolderIdentity()).startsWith("ephemery reset, pid ");
    assertThat(taken.getSpec().getRenewTime().toInstant()).isEqualTo(NOW);
    assertThat(taken.getSpec().getLeaseDurationSeconds()).isEqualTo(60);
    assertThat(taken.getMetadata().getLabels())
        .containsEntry(KubeLabels.MANAGED_BY, "ephemery")
        .containsEntry("ephemery.node", "node1");
    assertThat(lock.holder()).startsWith("ephemery reset, pid ");

    held.get().close();

    assertThat(lease().getSpec().getHolderIdentity()).isNull();
    assertThat(lock.tryAcquire("ephemery run", NOW)).as("free again").isPresent();
  }

  @Test
  void aLiveHolderIsRefusedAndNamed() {
    plant("ephemery run, pid 1 on supervisor-pod", NOW.minusSeconds(10));
    LeaseLock lock = lock(LeaseLock.DURATION);

    assertThat(lock.tryAcquire("ephemery reset", NOW)).isEmpty();
    assertThatThrownBy(() -> lock.acquire("ephemery reset", NOW))
        .isInstanceOf(OperationalException.class)
        .hasMessageContaining("another reset is in progress")
        .hasMessageContaining("ephemery run, pid 1 on supervisor-pod");
    assertThat(lease().getSpec().getHolderIdentity())
        .as("untouched")
        .isEqualTo("ephemery run, pid 1 on supervisor-pod");
  }

  @Test
  void anExpiredLeaseIsTakenOver() {
    plant("ephemery run, pid 1 on dead-pod", NOW.minusSeconds(61));

    Optional<ResetLock> held = lock(LeaseLock.DURATION).tryAcquire("ephemery reset", NOW);

    assertThat(held).isPresent();
    assertThat(lease().getSpec().getHolderIdentity()).startsWith("ephemery reset, pid ");
    assertThat(lease().getSpec().getLeaseTransitions()).isEqualTo(4);
    held.get().close();
  }

  @Test
  void aWriteBasedOnAStaleReadLosesTheRace() {
    plant("ephemery run, pid 1 on dead-pod", NOW.minusSeconds(120));
    Lease stale = lease();
    // Another process takes the expired lease between our read and our write.
    assertThat(lock(LeaseLock.DURATION).tryAcquire("ephemery run", NOW)).isPresent();
    stale.getSpec().setHolderIdentity("late writer");

    assertThatThrownBy(() -> cluster.client.leases().inNamespace(NS).resource(stale).update())
        .hasMessageContaining("409");
    assertThat(lease().getSpec().getHolderIdentity()).startsWith("ephemery run, pid ");
  }

  @Test
  void theHolderRenewsWhileItWorks() throws Exception {
    LeaseLock lock = lock(Duration.ofMillis(300));
    Instant start = Instant.now();
    try (ResetLock held = lock.tryAcquire("ephemery reset", start).orElseThrow()) {
      Thread.sleep(600);
      assertThat(lease().getSpec().getRenewTime().toInstant()).isAfter(start);
    }
  }
}
