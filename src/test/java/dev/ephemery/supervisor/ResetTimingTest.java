package dev.ephemery.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.network.Release;
import dev.ephemery.ops.Component;
import dev.ephemery.ops.FilesystemRuntime;
import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.NodeFixture;
import dev.ephemery.ops.NodeRuntime;
import dev.ephemery.ops.ResetJournal;
import dev.ephemery.ops.ResetState;
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
 * The supervisor's timing on a simulated clock, over several iterations whose release is published
 * 15 minutes before its EL genesis at varying seconds: how long after publication the release is
 * seen (detection delay), and how long before the CL genesis the node runs the new chain (readiness
 * margin). Container stops and starts take simulated time: by default the critical path measured
 * with real containers (bench/reset.sh), overridable with -Dephemery.bench.stopMs and
 * -Dephemery.bench.startMs.
 */
class ResetTimingTest {

  static final Duration PERIOD = Duration.ofDays(28);

  /** A runtime whose stops and starts take (simulated) time. */
  record SlowRuntime(NodeRuntime inner, MutableClock clock, Duration stop, Duration start)
      implements NodeRuntime {
    @Override
    public dev.ephemery.ops.NodeFiles files() {
      return inner.files();
    }

    @Override
    public void stop(Component component) {
      clock.advance(stop);
      inner.stop(component);
    }

    @Override
    public boolean exportSlashingProtection(Component validator, Path target) {
      return inner.exportSlashingProtection(validator, target);
    }

    @Override
    public void init(Component component, Path testnetDir) {
      inner.init(component, testnetDir);
    }

    @Override
    public void registerSlashingKeys(Component validator, Path testnetDir) {
      inner.registerSlashingKeys(validator, testnetDir);
    }

    @Override
    public void start(Component component) {
      clock.advance(start);
      inner.start(component);
    }

    @Override
    public Verification verify(int iteration) {
      return inner.verify(iteration);
    }
  }

  @Test
  void releasesOutFifteenMinutesBeforeAreSeenWithinAMinuteAndTheNodeRunsNineMinutesBeforeCl(
      @TempDir Path root) {
    Duration stop = Duration.ofMillis(Long.getLong("ephemery.bench.stopMs", 1_000));
    Duration start = Duration.ofMillis(Long.getLong("ephemery.bench.startMs", 3_000));
    NodeFixture node = NodeFixture.create(root, "geth", "lighthouse", false);
    FilesystemRuntime files = new FilesystemRuntime(node);
    Instant genesis153 = SupervisorClockTest.GENESIS_153;
    MutableClock clock = new MutableClock(genesis153.plus(Duration.ofDays(1)));
    JournalStore store = new JournalStore(node.baseDir);
    NodeRuntime runtime = new SlowRuntime(files, clock, stop, start);

    List<SupervisorClockTest.Published> schedule = new ArrayList<>();
    schedule.add(
        new SupervisorClockTest.Published(
            SupervisorClockTest.release(153, genesis153), genesis153.minus(Duration.ofHours(2))));
    int resets = 10;
    for (int k = 1; k <= resets; k++) {
      Instant genesis = genesis153.plus(PERIOD.multipliedBy(k));
      // Published 15 min before its genesis, at a different second each time (0..59 s late).
      Instant out = genesis.minus(Duration.ofMinutes(15)).plusSeconds((k * 37L) % 60);
      schedule.add(
          new SupervisorClockTest.Published(SupervisorClockTest.release(153 + k, genesis), out));
    }
    TreeMap<Integer, Instant> seenAt = new TreeMap<>();
    Supervisor.Releases releases =
        () -> {
          Optional<Release> latest =
              schedule.stream()
                  .filter(p -> !p.at().isAfter(clock.instant()))
                  .map(SupervisorClockTest.Published::release)
                  .reduce((a, b) -> b);
          latest.ifPresent(r -> seenAt.putIfAbsent(r.iteration().number(), clock.instant()));
          return latest;
        };
    Supervisor.Node host = SupervisorClockTest.node(node, runtime, store, clock);
    Supervisor supervisor =
        new Supervisor(
            clock,
            releases,
            host,
            store,
            (key, message) -> {},
            Supervisor.Settings.DEFAULT,
            SupervisorClockTest.inProcess(node, runtime, store, clock));
    Instant end = schedule.get(schedule.size() - 1).release().elGenesisTime().plusSeconds(3600);
    for (int ticks = 0; clock.instant().isBefore(end) && ticks < 1_000_000; ticks++) {
      Duration next = supervisor.tick();
      clock.advance(next.isZero() ? Duration.ofSeconds(1) : next);
    }

    List<ResetJournal> done = store.all();
    assertThat(done).hasSize(resets).allMatch(j -> j.state() == ResetState.DONE);
    long worstDetection = 0;
    long worstMargin = Long.MAX_VALUE;
    long worstCriticalPath = 0;
    for (int k = 1; k <= resets; k++) {
      SupervisorClockTest.Published p = schedule.get(k);
      ResetJournal j = done.get(k - 1);
      worstDetection =
          Math.max(
              worstDetection,
              Duration.between(p.at(), seenAt.get(p.release().iteration().number())).toSeconds());
      Instant started = transitionAt(j, ResetState.VERIFYING);
      worstMargin =
          Math.min(worstMargin, Duration.between(started, p.release().clGenesisTime()).toSeconds());
      worstCriticalPath =
          Math.max(
              worstCriticalPath,
              Duration.between(transitionAt(j, ResetState.STOPPING), started).toSeconds());
    }
    System.out.printf(
        "reset timing (%d simulated resets, stop %d ms, start %d ms per container): worst"
            + " detection delay %d s (goal <= 60), worst readiness margin before CL genesis %d s"
            + " (goal >= 540), worst critical path %d s%n",
        resets, stop.toMillis(), start.toMillis(), worstDetection, worstMargin, worstCriticalPath);
    assertThat(worstDetection).isLessThanOrEqualTo(60);
    assertThat(worstMargin).isGreaterThanOrEqualTo(540);
  }

  static Instant transitionAt(ResetJournal journal, ResetState state) {
    return journal.transitions().stream()
        .filter(t -> t.state() == state)
        .map(ResetJournal.Transition::at)
        .findFirst()
        .orElseThrow();
  }
}
