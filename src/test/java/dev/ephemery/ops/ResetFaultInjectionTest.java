package dev.ephemery.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.runtime.local.TestnetInstaller;
import dev.ephemery.testing.CrashOnce;
import dev.ephemery.testkit.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kills the reset at every point where a crash can land (entering a state just after its journal
 * write, in the middle of its work, after its work but before the next journal write), reruns it
 * from the journal as a fresh process would, and checks the node ends up exactly as an
 * uninterrupted reset leaves it.
 */
class ResetFaultInjectionTest {

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

  static Stream<Arguments> layoutsAndCrashPoints() {
    List<Arguments> cases = new ArrayList<>();
    for (String[] pair :
        new String[][] {{"geth", "lighthouse"}, {"besu", "teku"}, {"nethermind", "nimbus"}}) {
      for (String point : crashPoints()) {
        cases.add(Arguments.of(pair[0], pair[1], point));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}+{1} killed at {2}")
  @MethodSource("layoutsAndCrashPoints")
  void resumesAfterACrashAndKeepsExactlyTheRightFiles(
      String el, String cl, String point, @TempDir Path root) {
    NodeFixture node = NodeFixture.create(root, el, cl, false);
    FilesystemRuntime runtime = new FilesystemRuntime(node);
    MutableClock clock = new MutableClock(Instant.parse("2026-11-26T19:00:00Z"));
    VerifiedReleases releases =
        iteration -> Optional.of(node.releaseCache.resolve("ephemery-" + iteration));
    JournalStore store = new JournalStore(node.baseDir);
    FaultInjector killer = new CrashOnce(point);

    ResetMachine first =
        new ResetMachine(node.layout, runtime, releases, store, clock, RetryPolicy.DEFAULT, killer);
    ResetJournal started = first.begin(154, false);
    assertThatThrownBy(() -> first.run(started, d -> true, 50))
        .isInstanceOf(CrashOnce.SimulatedCrash.class);

    // A new process: nothing survives but the files and the containers' state.
    ResetMachine second =
        new ResetMachine(
            node.layout, runtime, releases, store, clock, RetryPolicy.DEFAULT, FaultInjector.NONE);
    ResetJournal resumed = second.begin(154, false);
    assertThat(resumed.id()).isEqualTo(started.id());
    ResetJournal end = second.run(resumed, d -> true, 50);

    assertThat(end.state()).as(end.reason()).isEqualTo(ResetState.DONE);
    Set<String> expected = new TreeSet<>(node.mustKeep());
    expected.add(node.freshSlashingDb());
    if (el.equals("geth")) {
      expected.add("data/execution/geth/chaindata/GENESIS");
    }
    assertThat(node.dataFiles()).containsExactlyElementsOf(expected);
    assertThat(node.files(node.baseDir.resolve("slashing-protection")))
        .containsExactlyInAnyOrderElementsOf(node.mustArchive(153));
    // Exported from the archived DB of the old chain with its genesis, never the new chain's DB.
    assertThat(
            node.baseDir.resolve("slashing-protection/153/validator/" + ResetMachine.EIP3076_FILE))
        .content()
        .contains("\"0x153\"", "validator:")
        .doesNotContain("fresh");
    assertThat(TestnetInstaller.iterationOf(node.layout.testnetDir())).contains(154);
    assertThat(node.baseDir.resolve("testnet/ephemery-154.next")).doesNotExist();
    assertThat(node.baseDir.resolve("testnet/ephemery-154.next.tmp")).doesNotExist();
    assertThat(node.baseDir.resolve("testnet/ephemery-153/retention.vars")).exists();
    assertThat(runtime.running).containsExactlyInAnyOrder("execution", "consensus", "validator");
    assertThat(store.all()).hasSize(1);
    assertThat(end.fromIteration()).isEqualTo(153);
    // The last start sequence runs in plan order.
    List<String> starts = runtime.calls.stream().filter(c -> c.startsWith("start ")).toList();
    assertThat(starts.subList(starts.size() - 3, starts.size()))
        .containsExactly("start execution", "start consensus", "start validator");
    assertThat(Files.exists(store.dir().resolve(end.id() + ".json"))).isTrue();
  }
}
