package dev.ephemery.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.ResetJournal;
import dev.ephemery.ops.ResetLock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The journals in a ConfigMap: writes checked against the resourceVersion, the lock a Lease. */
class ConfigMapJournalStoreTest {

  static final String NS = "ephemery";
  static final Instant T0 = Instant.parse("2025-12-18T19:00:00Z");

  MockCluster cluster = new MockCluster();

  @AfterEach
  void close() {
    cluster.close();
  }

  JournalStore store() {
    return new ConfigMapJournalStore(
        cluster.client, NS, KubeNames.of("node1"), "node1", Path.of("/srv/ephemery"));
  }

  @Test
  void twoWritersAtOnceLoseNoJournal() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      int writer = w;
      JournalStore store = store();
      Thread thread =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < 6; i++) {
                  store.save(
                      ResetJournal.start(
                          "node1", 153, 154, false, false, T0.plusSeconds(writer * 100 + i)));
                }
              });
      thread.setUncaughtExceptionHandler((t, e) -> failures.add(e));
      thread.start();
      writers.add(thread);
    }
    go.countDown();
    for (Thread thread : writers) {
      thread.join(30_000);
    }

    assertThat(failures).isEmpty();
    assertThat(store().all()).hasSize(12);
    assertThat(
            cluster
                .client
                .configMaps()
                .inNamespace(NS)
                .withName("ephemery-node1-reset-journals")
                .get()
                .getMetadata()
                .getLabels())
        .containsEntry("ephemery.node", "node1");
  }

  @Test
  void theStampChangesWithEveryWrite() {
    JournalStore store = store();
    long empty = store.stamp();
    store.save(ResetJournal.start("node1", 153, 154, false, false, T0));
    long one = store.stamp();
    store.save(ResetJournal.start("node1", 153, 154, false, false, T0.plusSeconds(1)));

    assertThat(one).isNotEqualTo(empty);
    assertThat(store.stamp()).isNotEqualTo(one);
  }

  @Test
  void theLockIsTheNodesLeaseSharedByEveryStoreOfTheNode() {
    JournalStore first = store();
    Optional<ResetLock> held = first.tryLock("ephemery reset", Instant.now());
    assertThat(held).isPresent();

    assertThat(store().tryLock("ephemery run", Instant.now())).as("another process").isEmpty();
    assertThat(store().lockHolder()).startsWith("ephemery reset, pid ");

    held.get().close();
    Optional<ResetLock> again = store().tryLock("ephemery run", Instant.now());
    assertThat(again).isPresent();
    again.get().close();
  }
}
