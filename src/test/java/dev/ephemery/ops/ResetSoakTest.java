package dev.ephemery.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.plan.Planner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One hundred resets back to back on a compressed clock, in a JVM started with the supervisor's
 * options ({@link ResetSoak}): keys survive every one, each old iteration's slashing DB is
 * archived, old testnet folders are pruned, and the memory the resets leave behind does not grow.
 */
class ResetSoakTest {

  @Test
  void hundredResetsInARowKeepKeysArchiveEveryIterationAndDoNotGrowMemory(@TempDir Path root)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(Planner.SUPERVISOR_JVM_OPTIONS);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            ResetSoak.class.getName(),
            root.toString()));
    Process soak = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(soak.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(soak.waitFor(5, TimeUnit.MINUTES)).isTrue();
    System.out.print(output.lines().filter(l -> l.startsWith("soak:")).findFirst().orElse(""));
    System.out.println();
    assertThat(soak.exitValue()).as(output).isZero();

    long[] f =
        output
            .lines()
            .filter(l -> l.startsWith("figures "))
            .map(l -> Arrays.stream(l.substring(8).split(" ")).mapToLong(Long::parseLong).toArray())
            .findFirst()
            .orElseThrow(() -> new AssertionError("no figures in: " + output));
    long heapAt10 = f[0];
    long heapAt100 = f[1];
    long offHeapAt50 = f[4];
    long offHeapAt100 = f[5];
    assertThat(output).contains("mustKeep true");
    Path base = root.resolve("node");
    try (Stream<Path> archives = Files.list(base.resolve("slashing-protection"))) {
      assertThat(archives.count()).isEqualTo(100);
    }
    try (Stream<Path> testnets = Files.list(base.resolve("testnet"))) {
      assertThat(testnets.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("ephemery-252", "ephemery-253");
    }
    assertThat(new JournalStore(base).all())
        .hasSize(100)
        .allMatch(j -> j.state() == ResetState.DONE);
    // Journals are read from disk, so the heap holds nothing per reset: it stays flat.
    assertThat((double) heapAt100).isLessThanOrEqualTo(heapAt10 * 1.10 + 2_000_000);
    // Resident memory outside the heap the JVM chose to commit (metaspace, code, malloc) does not
    // grow either between the 50th and the 100th reset.
    assertThat((double) offHeapAt100).isLessThanOrEqualTo(offHeapAt50 * 1.15 + 8_192);
  }
}
