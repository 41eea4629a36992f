package dev.ephemery.supervisor;

import dev.ephemery.network.IterationInfo;
import dev.ephemery.network.PrefetchSchedule;
import dev.ephemery.network.Release;
import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.ResetJournal;
import dev.ephemery.ops.ResetLock;
import dev.ephemery.ops.ResetMachine;
import dev.ephemery.ops.ResetState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision loop of {@code ephemery run} for one host. Each {@link #tick} looks at the clock,
 * the newest verified release and the installed iteration, does at most one thing (finish an
 * unfinished reset, start a due one, alert on a missing release) and returns when to look again.
 */
public final class Supervisor {

  private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

  /** How long a reset that ran out of retries rests before the supervisor resumes it. */
  static final Duration FAILED_RESET_PAUSE = Duration.ofMinutes(10);

  /** What the supervisor needs from the release side: the newest published and verified one. */
  public interface Releases {
    /** Polls the release source, fetches and verifies a new release into the cache. */
    Optional<Release> latestVerified();
  }

  /** The host's node: what it runs now, and the start of a reset to a target release. */
  public interface Node {
    Optional<Integer> installedIteration();

    /**
     * Opens (and saves) a reset to {@code release} with the layout planned for it, or returns the
     * unfinished one.
     */
    ResetJournal begin(Release release, boolean forced);
  }

  /** Carries a begun reset to its end. */
  public interface Resets {
    /**
     * Runs the journal's reset under the host's reset lock until it is DONE or FAILED (or the
     * supervisor stops).
     *
     * @return the journal as the run left it; empty when another reset holds the host's lock
     */
    Optional<ResetJournal> run(ResetJournal journal);

    /**
     * In this process: the steps of the machine {@code machines} gives for the journal's target
     * iteration, with the supervisor's interruptible waits.
     */
    static Resets inProcess(
        JournalStore journals,
        Clock clock,
        ResetMachine.Sleeper sleeper,
        IntFunction<ResetMachine> machines) {
      return journal -> {
        ResetMachine machine = machines.apply(journal.toIteration());
        Optional<ResetLock> lock = journals.tryLock("ephemery run", clock.instant());
        if (lock.isEmpty()) {
          return Optional.empty();
        }
        try (ResetLock held = lock.get()) {
          return Optional.of(machine.run(journal, sleeper, ResetMachine.MAX_STEPS));
        }
      };
    }
  }

  /** Where alerts go (log, metrics, a webhook later). */
  public interface Alerts {
    void raise(String key, String message);
  }

  /**
   * @param switchLead how long before the new EL genesis to switch (zero: at the EL genesis, when
   *     the old chain's period ends)
   * @param prefetch when to ask for a new release: often in the window before the expected reset,
   *     rarely otherwise (an unplanned rollback is still seen within the idle interval), never
   *     beyond the API's hourly limit
   * @param missingGrace how long after the expected genesis a missing release raises an alert
   */
  public record Settings(
      Duration switchLead, PrefetchSchedule.Policy prefetch, Duration missingGrace) {
    public static final Settings DEFAULT =
        new Settings(
            Duration.ZERO, PrefetchSchedule.Policy.UNAUTHENTICATED, Duration.ofMinutes(15));

    Duration poll() {
      return prefetch.windowInterval();
    }
  }

  private final Clock clock;
  private final Releases releases;
  private final Node node;
  private final JournalStore journals;
  private final Alerts alerts;
  private final Settings settings;
  private final Resets resets;
  private volatile Release installedRelease;
  private int doneIteration = -1;
  private volatile Status status = Status.initial();

  public Supervisor(
      Clock clock,
      Releases releases,
      Node node,
      JournalStore journals,
      Alerts alerts,
      Settings settings,
      Resets resets) {
    this.clock = clock;
    this.releases = releases;
    this.node = node;
    this.journals = journals;
    this.alerts = alerts;
    this.settings = settings;
    this.resets = resets;
  }

  /**
   * A snapshot for /status and /metrics.
   *
   * @param phaseDetail what the phase waits on, shown after it in parentheses (the holder of the
   *     host's reset lock), or null
   * @param times the release times the metrics publish (genesis of the running and of the newest
   *     iteration, when the newest release was first seen)
   */
  public record Status(
      Integer iteration,
      Integer latestRelease,
      Instant nextSwitch,
      Phase phase,
      String phaseDetail,
      ResetJournal lastReset,
      int failedResets,
      ReleaseTimes times) {
    public Status {
      times = times == null ? ReleaseTimes.NONE : times;
    }

    public Status(
        Integer iteration,
        Integer latestRelease,
        Instant nextSwitch,
        Phase phase,
        String phaseDetail,
        ResetJournal lastReset,
        int failedResets) {
      this(
          iteration,
          latestRelease,
          nextSwitch,
          phase,
          phaseDetail,
          lastReset,
          failedResets,
          ReleaseTimes.NONE);
    }

    public Status(
        Integer iteration,
        Integer latestRelease,
        Instant nextSwitch,
        Phase phase,
        ResetJournal lastReset,
        int failedResets) {
      this(iteration, latestRelease, nextSwitch, phase, null, lastReset, failedResets);
    }

    static Status initial() {
      return new Status(null, null, null, Phase.STARTING, null, 0);
    }

    /** The phase as {@code /status} shows it: its text, then the detail in parentheses. */
    public String phaseText() {
      return phaseDetail == null ? phase.text() : phase.text() + " (" + phaseDetail + ")";
    }
  }

  /**
   * @param clGenesis the CL genesis of the iteration the node runs, or null when unknown
   * @param latestClGenesis the CL genesis of the newest verified release, or null
   * @param releaseDetected when this supervisor first saw the newest verified release, or null
   */
  public record ReleaseTimes(Instant clGenesis, Instant latestClGenesis, Instant releaseDetected) {
    public static final ReleaseTimes NONE = new ReleaseTimes(null, null, null);
  }

  private int seenRelease = -1;
  private Instant releaseDetected;

  /** Keeps when the newest release was first seen, and the genesis times the alerts compare. */
  private void noteReleases(Optional<Release> latest, Instant now) {
    latest.ifPresent(
        r -> {
          if (r.iteration().number() != seenRelease) {
            seenRelease = r.iteration().number();
            releaseDetected = now;
          }
        });
    times =
        new ReleaseTimes(
            installedRelease == null ? null : installedRelease.clGenesisTime(),
            latest.map(Release::clGenesisTime).orElse(null),
            releaseDetected);
  }

  private volatile ReleaseTimes times = ReleaseTimes.NONE;

  /** The verified release of the iteration the node runs, once the supervisor has seen it. */
  public Optional<Release> installedRelease() {
    return Optional.ofNullable(installedRelease);
  }

  public Status status() {
    Status s = status;
    return new Status(
        s.iteration(),
        s.latestRelease(),
        s.nextSwitch(),
        s.phase(),
        s.phaseDetail(),
        s.lastReset(),
        s.failedResets(),
        times);
  }

  private volatile boolean resetRequested;

  /** Asks for a reset to the newest verified release at the next tick, due or not. */
  public void requestReset() {
    resetRequested = true;
  }

  public Duration tick() {
    Instant now = clock.instant();
    Optional<ResetJournal> unfinished = unfinishedJournal();
    if (unfinished.isPresent()) {
      // A crash or a stop during a reset: finish it before anything else.
      ResetJournal journal = unfinished.get();
      Instant retryAt = journal.updatedAt().plus(FAILED_RESET_PAUSE);
      if (journal.state() == ResetState.FAILED && now.isBefore(retryAt)) {
        return Duration.between(now, retryAt);
      }
      LOG.info("resuming reset {} in state {}", journal.id(), journal.state());
      return finish(journal);
    }
    Optional<Release> latest = releases.latestVerified();
    Optional<Integer> installed = node.installedIteration();
    if (resetRequested && latest.isPresent()) {
      resetRequested = false;
      LOG.info("reset requested over HTTP: to iteration {}", latest.get().iteration());
      return finish(node.begin(latest.get(), true));
    }
    latest
        .filter(r -> installed.isPresent() && r.iteration().number() == installed.get())
        .ifPresent(r -> installedRelease = r);
    noteReleases(latest, now);
    if (latest.isPresent()
        && (installed.isEmpty() || latest.get().iteration().number() > installed.get())) {
      Release target = latest.get();
      int iteration = target.iteration().number();
      if (doneIteration == iteration || journals.done(iteration).isPresent()) {
        doneIteration = iteration;
        // Never reset twice for one iteration, even if the installed folder says otherwise.
        return settings.poll();
      }
      Instant switchAt = target.elGenesisTime().minus(settings.switchLead());
      publish(installed.orElse(null), iteration, switchAt, Phase.WAITING_TO_SWITCH);
      if (now.isBefore(switchAt)) {
        Duration wait = Duration.between(now, switchAt);
        return wait.compareTo(settings.poll()) < 0 ? wait : settings.poll();
      }
      LOG.info("switching to iteration {} (switch time {}, now {})", iteration, switchAt, now);
      return finish(node.begin(target, false));
    }
    if (installedRelease != null) {
      Instant expected = installedRelease.nextReset();
      publish(
          installed.orElse(null),
          latest.map(r -> r.iteration().number()).orElse(null),
          expected,
          Phase.RUNNING);
      if (now.isAfter(expected.plus(settings.missingGrace()))) {
        alerts.raise(
            "release-missing-" + (installedRelease.iteration().number() + 1),
            "no release for iteration "
                + (installedRelease.iteration().number() + 1)
                + " since "
                + expected
                + ": keeping the old chain running");
      }
      return new PrefetchSchedule(settings.prefetch())
          .next(IterationInfo.of(installedRelease), now, List.of(), Optional.empty())
          .waitFrom(now);
    }
    return settings.poll();
  }

  private long journalsStamp = Long.MIN_VALUE;
  private Optional<ResetJournal> unfinishedCache = Optional.empty();

  // Reading every journal on every tick is wasted work: re-read only when the folder changed.
  private Optional<ResetJournal> unfinishedJournal() {
    long stamp = journals.stamp();
    if (stamp != journalsStamp || unfinishedCache.isPresent()) {
      unfinishedCache = journals.unfinished();
      journalsStamp = stamp;
    }
    return unfinishedCache;
  }

  private Duration finish(ResetJournal journal) {
    Status before = status;
    status =
        new Status(
            journal.fromIteration(),
            journal.toIteration(),
            null,
            Phase.RESETTING,
            journal,
            before.failedResets());
    Optional<ResetJournal> ran = resets.run(journal);
    if (ran.isEmpty()) {
      // An operator's `ephemery reset` is at work: it finishes the journal; look again later.
      status =
          new Status(
              before.iteration(),
              journal.toIteration(),
              null,
              Phase.RESET_ELSEWHERE,
              journals.lockHolder(),
              before.lastReset(),
              before.failedResets());
      return settings.poll();
    }
    ResetJournal end = ran.get();
    int failures = status.failedResets() + (end.state() == ResetState.FAILED ? 1 : 0);
    if (end.state() == ResetState.FAILED) {
      alerts.raise(
          "reset-failed-" + end.toIteration(),
          "reset to iteration "
              + end.toIteration()
              + " failed in "
              + end.failedIn()
              + ": "
              + end.reason());
    }
    status =
        new Status(
            end.state() == ResetState.DONE ? end.toIteration() : end.fromIteration(),
            end.toIteration(),
            null,
            switch (end.state()) {
              case DONE -> Phase.RUNNING;
              case FAILED -> Phase.RESET_FAILED;
              default -> Phase.RESET_UNFINISHED;
            },
            end,
            failures);
    return end.state().terminal() ? Duration.ZERO.plusSeconds(1) : settings.poll();
  }

  private void publish(Integer iteration, Integer latest, Instant next, Phase phase) {
    status = new Status(iteration, latest, next, phase, status.lastReset(), status.failedResets());
  }
}
