package dev.ephemery.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.network.ChainId;
import dev.ephemery.network.Iteration;
import dev.ephemery.network.Release;
import dev.ephemery.ops.FilesystemRuntime;
import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.NodeFixture;
import dev.ephemery.ops.NodeRuntime;
import dev.ephemery.ops.ResetJournal;
import dev.ephemery.ops.ResetLock;
import dev.ephemery.ops.ResetState;
import dev.ephemery.runtime.local.TestnetInstaller;
import dev.ephemery.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the supervisor across three iteration boundaries on an injected clock (28 days each pass in
 * well under a second): a release published on time, one published late, and an unplanned one (a
 * rollback mid-period); then a period whose release never comes.
 */
class SupervisorClockTest {

  static final Duration PERIOD = Duration.ofDays(28);
  static final Duration GENESIS_DELAY = Duration.ofSeconds(600);
  static final Instant GENESIS_153 = Instant.ofEpochSecond(1393527600L + 153L * 2419200L);

  record Published(Release release, Instant at) {}

  static Release release(int iteration, Instant elGenesis) {
    return new Release(
        new Iteration(iteration),
        ChainId.ofIteration(new Iteration(iteration)),
        elGenesis,
        elGenesis.plus(GENESIS_DELAY),
        PERIOD,
        "0x" + "ab".repeat(32),
        List.of("enode://a@127.0.0.1:30303"),
        List.of("enr:-a"),
        null);
  }

  @Test
  void followsOnTimeLateAndUnplannedReleasesAndAlertsWhenOneNeverComes(@TempDir Path root) {
    NodeFixture node = NodeFixture.create(root, "geth", "lighthouse", false);
    FilesystemRuntime runtime = new FilesystemRuntime(node);
    MutableClock clock = new MutableClock(GENESIS_153.plus(Duration.ofDays(1)));
    JournalStore store = new JournalStore(node.baseDir);

    Instant genesis154 = GENESIS_153.plus(PERIOD);
    Instant genesis155 = genesis154.plus(PERIOD);
    Instant rollback = genesis155.plus(Duration.ofDays(10));
    Instant genesis156 = rollback.plus(Duration.ofHours(1));
    List<Published> schedule =
        List.of(
            new Published(release(153, GENESIS_153), GENESIS_153.minus(Duration.ofHours(2))),
            // On time: out 90 minutes before its genesis.
            new Published(release(154, genesis154), genesis154.minus(Duration.ofMinutes(90))),
            // Late: the scheduled job was skipped; out 40 minutes after the genesis.
            new Published(release(155, genesis155), genesis155.plus(Duration.ofMinutes(40))),
            // Unplanned: a rollback mid-period, genesis one hour after publication.
            new Published(release(156, genesis156), rollback));
    TreeMap<Integer, Instant> seenAt = new TreeMap<>();
    Supervisor.Releases releases =
        () -> {
          Optional<Release> latest =
              schedule.stream()
                  .filter(p -> !p.at().isAfter(clock.instant()))
                  .map(Published::release)
                  .reduce((a, b) -> b);
          latest.ifPresent(r -> seenAt.putIfAbsent(r.iteration().number(), clock.instant()));
          return latest;
        };
    Supervisor.Node host = node(node, runtime, store, clock);
    List<String> alerts = new ArrayList<>();
    Supervisor supervisor =
        new Supervisor(
            clock,
            releases,
            host,
            store,
            (key, message) -> alerts.add(key),
            Supervisor.Settings.DEFAULT,
            inProcess(node, runtime, store, clock));

    Instant end = genesis156.plus(PERIOD).plus(Duration.ofHours(2));
    int ticks = 0;
    while (clock.instant().isBefore(end) && ticks < 1_000_000) {
      // Each reset step takes a little time, as real container operations do.
      Duration next = supervisor.tick();
      clock.advance(next.isZero() ? Duration.ofSeconds(1) : next);
      ticks++;
    }

    List<ResetJournal> resets = store.all();
    assertThat(resets).extracting(ResetJournal::toIteration).containsExactly(154, 155, 156);
    assertThat(resets).allMatch(j -> j.state() == ResetState.DONE);
    // On time: switched at the EL genesis, running before the CL genesis.
    ResetJournal onTime = resets.get(0);
    assertThat(onTime.startedAt()).isEqualTo(genesis154);
    assertThat(onTime.updatedAt()).isBefore(genesis154.plus(GENESIS_DELAY));
    // Late: switched within one poll of the release appearing.
    ResetJournal late = resets.get(1);
    assertThat(Duration.between(seenAt.get(155), late.startedAt()))
        .isLessThanOrEqualTo(Duration.ofSeconds(60));
    assertThat(seenAt.get(155)).isBefore(genesis155.plus(Duration.ofMinutes(40)).plusSeconds(61));
    // Unplanned: switched at its own genesis, not the schedule's.
    assertThat(resets.get(2).startedAt()).isEqualTo(genesis156);
    assertThat(resets.get(2).updatedAt()).isBefore(genesis156.plus(GENESIS_DELAY));
    // Iteration 157 never comes: the old chain keeps running and an alert is raised.
    assertThat(alerts).contains("release-missing-157");
    assertThat(runtime.running).containsExactlyInAnyOrder("execution", "consensus", "validator");
    assertThat(new TestnetInstaller(node.layoutFor(0)).installedIteration()).contains(156);
    // Keys kept across three resets; each old iteration's slashing DB archived.
    assertThat(node.dataFiles()).containsAll(node.mustKeep());
    for (int old : new int[] {153, 154, 155}) {
      assertThat(
              node.baseDir.resolve(
                  "slashing-protection/"
                      + old
                      + "/validator/validators/slashing_protection.sqlite"))
          .exists();
    }
    assertThat(ticks).isLessThan(1_000_000);
  }

  /** The supervisor's view of a fixture node: what is installed, and a reset begun per release. */
  static Supervisor.Node node(
      NodeFixture node, NodeRuntime runtime, JournalStore store, MutableClock clock) {
    return new Supervisor.Node() {
      @Override
      public Optional<Integer> installedIteration() {
        return new TestnetInstaller(node.layoutFor(0)).installedIteration();
      }

      @Override
      public ResetJournal begin(Release release, boolean forced) {
        return node.machineFor(release.iteration().number(), runtime, store, clock)
            .begin(release.iteration().number(), forced);
      }
    };
  }

  /** Resets run in this process by the fixture's machines, the clock advanced by each wait. */
  static Supervisor.Resets inProcess(
      NodeFixture node, NodeRuntime runtime, JournalStore store, MutableClock clock) {
    return Supervisor.Resets.inProcess(
        store,
        clock,
        d -> {
          clock.advance(d);
          return true;
        },
        iteration -> node.machineFor(iteration, runtime, store, clock));
  }

  @Test
  void aDueResetWaitsWhileAnOperatorsResetHoldsTheHostsLock(@TempDir Path root) {
    NodeFixture node = NodeFixture.create(root, "geth", "lighthouse", false);
    FilesystemRuntime runtime = new FilesystemRuntime(node);
    Instant genesis154 = GENESIS_153.plus(PERIOD);
    MutableClock clock = new MutableClock(genesis154.plusSeconds(5));
    JournalStore store = new JournalStore(node.baseDir);
    Release due = release(154, genesis154);
    Supervisor supervisor =
        new Supervisor(
            clock,
            () -> Optional.of(due),
            node(node, runtime, store, clock),
            store,
            (key, message) -> {},
            Supervisor.Settings.DEFAULT,
            inProcess(node, runtime, store, clock));
    // The operator's reset has opened its journal and holds the lock.
    ResetJournal operators;
    try (ResetLock held = store.lock("ephemery reset", clock.instant())) {
      operators = node(node, runtime, store, clock).begin(due, true);
      Duration next = supervisor.tick();

      assertThat(next).isEqualTo(Supervisor.Settings.DEFAULT.poll());
      assertThat(supervisor.status().phase()).isEqualTo(Phase.RESET_ELSEWHERE);
      assertThat(supervisor.status().phaseText())
          .startsWith("another reset in progress (ephemery reset, pid");
      assertThat(store.all())
          .singleElement()
          .satisfies(j -> assertThat(j.state()).isEqualTo(ResetState.DETECTED));
      assertThat(new TestnetInstaller(node.layoutFor(0)).installedIteration()).contains(153);
    }
    // Its holder gone (here: released) with the journal unfinished, the supervisor finishes it.
    supervisor.tick();
    assertThat(store.all())
        .singleElement()
        .satisfies(
            j -> {
              assertThat(j.id()).isEqualTo(operators.id());
              assertThat(j.state()).isEqualTo(ResetState.DONE);
            });
    assertThat(new TestnetInstaller(node.layoutFor(0)).installedIteration()).contains(154);
  }
}
