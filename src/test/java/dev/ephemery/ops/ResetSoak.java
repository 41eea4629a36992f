package dev.ephemery.ops;

import dev.ephemery.testkit.MutableClock;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The soak's process: one hundred resets back to back on a compressed clock (one iteration per
 * loop) on a node laid out under {@code args[0]}, printing its memory at resets 10, 50 and 100 as
 * one line for {@link ResetSoakTest}. A process of its own, started with the supervisor's JVM
 * options, so the figures are the supervisor's and not those of a test JVM compiling other tests.
 */
public final class ResetSoak {

  private ResetSoak() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    NodeFixture node = NodeFixture.create(root, "geth", "lighthouse", false);
    FilesystemRuntime runtime = new FilesystemRuntime(node);
    MutableClock clock = new MutableClock(Instant.parse("2026-11-26T19:00:00Z"));
    JournalStore store = new JournalStore(node.baseDir);
    long heapAt10 = 0;
    long rssAt50 = 0;
    long offHeapAt50 = 0;
    for (int iteration = 154; iteration < 254; iteration++) {
      ResetMachine machine = node.machineFor(iteration, runtime, store, clock);
      ResetJournal end = machine.run(machine.begin(iteration, false), d -> true, 50);
      if (end.state() != ResetState.DONE) {
        System.out.println("failed: reset to " + iteration + ": " + end.reason());
        System.exit(1);
      }
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
    System.out.printf(
        "figures %d %d %d %d %d %d%n",
        heapAt10, heapAt100, rssAt50, rssAt100, offHeapAt50, offHeapAt100);
    System.out.println("mustKeep " + node.dataFiles().containsAll(node.mustKeep()));
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
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1024;
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
