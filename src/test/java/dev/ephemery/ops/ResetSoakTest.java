package dev.ephemery.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One hundred resets back to back on a compressed clock (one iteration per step of the loop): keys
 * survive every one, each old iteration's slashing DB is archived, old testnet folders are pruned,
 * and the memory the resets leave behind does not grow.
 */
class ResetSoakTest {

  @Test
  void hundredResetsInARowKeepKeysArchiveEveryIterationAndDoNotGrowMemory(@TempDir Path root)
      throws IOException {
    NodeFixture node = NodeFixture.create(root, "geth", "lighthouse", false);
    FilesystemRuntime runtime = new FilesystemRuntime(node);
    TestClock clock = new TestClock(Instant.parse("2026-11-26T19:00:00Z"));
    JournalStore store = new JournalStore(node.baseDir);
    long heapAt10 = 0;
    long rssAt50 = 0;
    long offHeapAt50 = 0;
    for (int iteration = 154; iteration < 254; iteration++) {
      NodeFixture.release(iteration, node.releaseCache.resolve("ephemery-" + iteration));
      ResetMachine machine =
          new ResetMachine(
              node.layoutFor(iteration),
              runtime,
              i -> Optional.of(node.releaseCache.resolve("ephemery-" + i)),
              store,
              clock,
              RetryPolicy.DEFAULT,
              FaultInjector.NONE);
      ResetJournal end = machine.run(machine.begin(iteration, false), d -> true, 50);
      assertThat(end.state())
          .as("reset to %d: %s", iteration, end.reason())
          .isEqualTo(ResetState.DONE);
      clock.advance(Duration.ofDays(28));
      if (iteration == 163) {
        heapAt10 = usedHeapAfterGc();
      }
      if (iteration == 203) {
        usedHeapAfterGc();
        rssAt50 = rssKb();
        offHeapAt50 = rssAt50 - committedHeapKb();
      }
    }
    long heapAt100 = usedHeapAfterGc();
    long rssAt100 = rssKb();
    long offHeapAt100 = rssAt100 - committedHeapKb();
    System.out.printf(
        "soak: 100 resets; used heap after GC %d KiB at reset 10, %d KiB at 100; RSS %d KiB at 50,"
            + " %d KiB at 100; RSS outside the committed heap %d KiB at 50, %d KiB at 100%n",
        heapAt10 / 1024, heapAt100 / 1024, rssAt50, rssAt100, offHeapAt50, offHeapAt100);

    assertThat(node.dataFiles()).containsAll(node.mustKeep());
    try (Stream<Path> archives = Files.list(node.baseDir.resolve("slashing-protection"))) {
      assertThat(archives.count()).isEqualTo(100);
    }
    try (Stream<Path> testnets = Files.list(node.baseDir.resolve("testnet"))) {
      assertThat(testnets.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("ephemery-252", "ephemery-253");
    }
    assertThat(store.all()).hasSize(100).allMatch(j -> j.state() == ResetState.DONE);
    // Journals are read from disk, so the heap holds nothing per reset: it stays flat.
    assertThat((double) heapAt100).isLessThanOrEqualTo(heapAt10 * 1.10 + 2_000_000);
    // Resident memory outside the heap the JVM chose to commit (metaspace, code, malloc) does not
    // grow either between the 50th and the 100th reset.
    assertThat((double) offHeapAt100).isLessThanOrEqualTo(offHeapAt50 * 1.15 + 8_192);
  }

  /** The process's resident memory (Linux), or 0 where /proc is missing. */
  static long rssKb() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return 0;
    }
    return Files.readAllLines(status).stream()
        .filter(l -> l.startsWith("VmRSS:"))
        .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
        .findFirst()
        .orElse(0L);
  }

  static long committedHeapKb() {
    return java.lang.management.ManagementFactory.getMemoryMXBean()
            .getHeapMemoryUsage()
            .getCommitted()
        / 1024;
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
