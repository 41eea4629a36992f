package dev.ephemery.ops;

import dev.ephemery.common.Plural;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Carries one host's reset through its states. {@link #step} does the current state's work and says
 * what comes next; {@link #advance} persists that before the next state's work can start, so every
 * side effect is preceded by a journal write naming it.
 */
public final class ResetMachine {

  /** The validator's EIP-3076 export, beside its archived slashing DB. */
  public static final String EIP3076_FILE = "slashing-protection-eip3076.json";

  /**
   * Steps one run of a reset may take before it gives up: a bound on a machine that loops, far
   * above a reset's dozen states and its retries with backoff.
   */
  public static final int MAX_STEPS = 10_000;

  private final NodeLayout layout;
  private final NodeRuntime runtime;
  private final VerifiedReleases releases;
  private final JournalStore store;
  private final Clock clock;
  private final RetryPolicy retry;
  private final FaultInjector faults;

  public ResetMachine(
      NodeLayout layout,
      NodeRuntime runtime,
      VerifiedReleases releases,
      JournalStore store,
      Clock clock,
      RetryPolicy retry,
      FaultInjector faults) {
    this.layout = layout;
    this.runtime = runtime;
    this.releases = releases;
    this.store = store;
    this.clock = clock;
    this.retry = retry;
    this.faults = faults;
  }

  /** Opens (and saves) a new reset to {@code iteration}, or returns the unfinished one. */
  public ResetJournal begin(int iteration, boolean forced) {
    return begin(layout, runtime.files(), store, clock, iteration, forced);
  }

  /**
   * Opens (and saves) a new reset of {@code layout}'s host to {@code iteration}, or returns the
   * unfinished one: all a reset needs before its first step, so whoever only begins one (the
   * supervisor, whose child process runs it) needs no machine.
   */
  public static ResetJournal begin(
      NodeLayout layout,
      NodeFiles files,
      JournalStore store,
      Clock clock,
      int iteration,
      boolean forced) {
    Optional<ResetJournal> unfinished = store.unfinished();
    if (unfinished.isPresent()) {
      return unfinished.get();
    }
    Integer from = files.installedIteration(layout).orElse(null);
    ResetJournal journal =
        ResetJournal.start(
            layout.host(), from, iteration, layout.wrapper(), forced, clock.instant());
    store.save(journal);
    return journal;
  }

  /** Does the work of the journal's state; throws what the work throws. */
  public StepResult step(ResetJournal journal) {
    ResetState state = journal.state();
    faults.at("enter:" + state);
    StepResult result =
        switch (state) {
          case DETECTED -> fetch(journal);
          case FETCHED -> checkFetched(journal);
          case STOPPING -> stop();
          case WIPING -> wipe(journal);
          case INSTALLING -> install(journal);
          case INITIALISING -> initialise();
          case STARTING -> start();
          case VERIFYING -> verify(journal);
          case DONE, FAILED -> throw new IllegalStateException("the reset has ended: " + state);
        };
    faults.at("exit:" + state);
    return result;
  }

  /** One step, its outcome persisted; a failure after the node was touched becomes a retry. */
  public Outcome advance(ResetJournal journal) {
    StepResult result;
    try {
      result = step(journal);
    } catch (RuntimeException e) {
      String why = e.getClass().getSimpleName() + ": " + e.getMessage();
      if (!journal.state().touchesNode()) {
        result = StepResult.fail("before stopping anything (old iteration kept running): " + why);
      } else if (journal.attempts() + 1 >= retry.attempts()) {
        result = StepResult.fail(journal.attempts() + 1 + " attempts failed: " + why);
      } else {
        result = StepResult.retry(journal.state(), retry.backoff(journal.attempts() + 1), why);
      }
    }
    ResetJournal next;
    if (result.isRetry()) {
      next = journal.failedAttempt(result.note(), clock.instant());
    } else {
      next = journal.moveTo(result.next(), result.note(), clock.instant());
      if (result.next() == ResetState.FETCHED && pendingReleaseDir != null) {
        next = next.withReleaseDir(pendingReleaseDir.toString());
      }
    }
    pendingReleaseDir = null;
    store.save(next);
    return new Outcome(next, result);
  }

  /** The journal after a step, and the step's decision (a retry carries its delay). */
  public record Outcome(ResetJournal journal, StepResult result) {}

  /** Re-enters the state a resumable FAILED reset failed in. */
  public ResetJournal resume(ResetJournal journal) {
    if (journal.state() != ResetState.FAILED || !JournalStore.resumable(journal)) {
      return journal;
    }
    ResetJournal resumed = journal.moveTo(journal.failedIn(), "resumed", clock.instant());
    store.save(resumed);
    return resumed;
  }

  /**
   * Runs steps until the reset ends or {@code maxSteps} ran, waiting out retries with {@code
   * sleeper} (the supervisor passes its scheduler, tests a fake clock).
   */
  public ResetJournal run(ResetJournal journal, Sleeper sleeper, int maxSteps) {
    ResetJournal current = resume(journal);
    for (int i = 0; i < maxSteps && !current.state().terminal(); i++) {
      Outcome outcome = advance(current);
      current = outcome.journal();
      if (outcome.result().isRetry()) {
        if (!sleeper.sleep(outcome.result().retryAfter())) {
          break;
        }
      }
    }
    return current;
  }

  /** Waits for a retry; false when the wait was interrupted (shutdown): stop and resume later. */
  @FunctionalInterface
  public interface Sleeper {
    boolean sleep(Duration duration);
  }

  private Path pendingReleaseDir;

  private StepResult fetch(ResetJournal journal) {
    Optional<Path> release = releases.verified(journal.toIteration());
    if (release.isEmpty()) {
      return StepResult.retry(
          ResetState.DETECTED,
          Duration.ofMinutes(1),
          "release " + journal.toIteration() + " not published yet");
    }
    pendingReleaseDir = release.get();
    return StepResult.advance(ResetState.FETCHED, "verified release at " + release.get());
  }

  private StepResult checkFetched(ResetJournal journal) {
    // The release folder is in this machine's release cache, not among the node's files.
    if (journal.releaseDir() == null || !Files.isDirectory(Path.of(journal.releaseDir()))) {
      return StepResult.fail("the verified release folder is gone: " + journal.releaseDir());
    }
    if (journal.wrapper()) {
      return StepResult.advance(
          ResetState.VERIFYING, "wrapper flavor: the images reset themselves; verifying only");
    }
    // Done now, while the old iteration still runs and nothing of it is touched, so that the path
    // from the first stop to the last start is shorter: INSTALLING only renames.
    runtime.files().stage(layout, Path.of(journal.releaseDir()), journal.toIteration());
    runtime.prepare();
    return StepResult.advance(ResetState.STOPPING, "staged " + layout.testnetDir() + ".next");
  }

  private StepResult stop() {
    List<Component> reversed = new ArrayList<>(layout.components());
    java.util.Collections.reverse(reversed);
    for (Component component : reversed) {
      runtime.stop(component);
    }
    faults.at("mid:" + ResetState.STOPPING);
    return StepResult.advance(
        ResetState.WIPING, "stopped " + Plural.of(reversed.size(), "container"));
  }

  private StepResult wipe(ResetJournal journal) {
    WipePlan plan = runtime.files().wipe(layout, oldIteration(journal), faults);
    if (!plan.refused().isEmpty()) {
      return StepResult.advance(
          ResetState.INSTALLING,
          "deleted " + plan.delete().size() + ", refused: " + String.join("; ", plan.refused()));
    }
    return StepResult.advance(
        ResetState.INSTALLING,
        "deleted " + plan.delete().size() + ", archived " + plan.archive().size());
  }

  private StepResult install(ResetJournal journal) {
    // The old iteration's folder stays until the next reset, also after a skip of several
    // iterations: VERIFYING's EIP-3076 export reads its genesis.
    int keepFrom = journal.toIteration() - 1;
    if (journal.fromIteration() != null) {
      keepFrom = Math.min(keepFrom, journal.fromIteration());
    }
    runtime
        .files()
        .install(layout, Path.of(journal.releaseDir()), journal.toIteration(), keepFrom, faults);
    return StepResult.advance(ResetState.INITIALISING, "installed " + layout.testnetDir());
  }

  private StepResult initialise() {
    List<String> done = new ArrayList<>();
    for (Component component : layout.components()) {
      if (component.layout().reinit()) {
        runtime.init(component, layout.testnetDir());
        done.add(component.name());
      }
    }
    return StepResult.advance(ResetState.STARTING, "genesis init: " + done);
  }

  private StepResult start() {
    // STARTING follows WIPING only (ResetState.allowedNext), so this is the first start after the
    // slashing DBs were deleted; a DB that is there again was made by this step's earlier run or by
    // the client started since (a rerun after a crash), and is never touched: the import must not
    // run beside a running client. All before the first start: Docker's up starts all at once.
    List<String> registered = new ArrayList<>();
    for (Component component :
        keysRegisteredBeforeStart(layout.components(), runtime.files()::hasSlashingDb)) {
      runtime.registerSlashingKeys(component, layout.testnetDir());
      registered.add(component.name());
    }
    for (Component component : layout.components()) {
      runtime.start(component);
    }
    return StepResult.advance(
        ResetState.VERIFYING,
        "started in order" + (registered.isEmpty() ? "" : "; keys registered for " + registered));
  }

  /**
   * The components whose client refuses to start with voting keys and no slashing DB (the plan's
   * layout names its voting-keys file) and whose DB the wipe deleted and nothing made again: their
   * keys are registered in a new DB for the new chain before the first start after the wipe.
   */
  static List<Component> keysRegisteredBeforeStart(
      List<Component> components, java.util.function.Predicate<Component> hasSlashingDb) {
    return components.stream()
        .filter(c -> !c.layout().resetPerIteration().isEmpty())
        .filter(c -> !hasSlashingDb.test(c))
        .filter(c -> c.layout().registersKeysBeforeStart())
        .toList();
  }

  private StepResult verify(ResetJournal journal) {
    // The export reads the archived copy, so it runs beside the wait for the started containers
    // to stay up, off the critical path; both are over before the state's outcome is written.
    CompletableFuture<List<String>> exports =
        CompletableFuture.supplyAsync(() -> exportArchived(journal), ResetMachine::daemon);
    NodeRuntime.Verification seen;
    try {
      seen = runtime.verify(journal.toIteration());
    } finally {
      exports.join();
    }
    String detail = seen.detail() + exportNote(exports.join());
    if (seen.ok()) {
      return StepResult.advance(ResetState.DONE, detail);
    }
    if (journal.attempts() + 1 >= retry.attempts() * 6) {
      return StepResult.fail(
          "node did not reach iteration " + journal.toIteration() + ": " + seen.detail());
    }
    return StepResult.retry(ResetState.VERIFYING, retry.verifyEvery(), detail);
  }

  private static void daemon(Runnable task) {
    Thread thread = new Thread(task, "ephemery-reset-export");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * The validators' EIP-3076 export, from the slashing DB WIPING archived (never from the live data
   * folder: the validator runs on the new chain by now). Done in VERIFYING's first attempt (attempt
   * count 0, so also when a killed process reruns it), not in its retries; skipped when the file is
   * already there. A failure is noted and the reset goes on: the archived database is kept anyway.
   */
  private List<String> exportArchived(ResetJournal journal) {
    List<String> exported = new ArrayList<>();
    if (journal.wrapper() || journal.fromIteration() == null) {
      return exported;
    }
    for (Component component : layout.components()) {
      // Whatever keeps a slashing DB: the validator client, or a beacon node with a built-in
      // validator (grandine); no archive folder, nothing to export.
      if (component.layout().resetPerIteration().isEmpty()) {
        continue;
      }
      try {
        Optional<Path> archive =
            runtime.files().slashingArchive(layout, component, oldIteration(journal));
        if (archive.isEmpty()) {
          continue;
        }
        Path target = archive.get().resolve(EIP3076_FILE);
        if (runtime.files().exists(target)
            || (journal.attempts() == 0 && runtime.exportSlashingProtection(component, target))) {
          exported.add(component.name());
        }
      } catch (RuntimeException e) {
        exported.add(component.name() + " failed: " + e.getMessage());
      }
    }
    return exported;
  }

  private static String exportNote(List<String> exported) {
    return exported.isEmpty() ? "" : "; EIP-3076 export: " + exported;
  }

  static String label(Integer iteration) {
    return iteration == null ? "unknown" : Integer.toString(iteration);
  }

  private static String oldIteration(ResetJournal journal) {
    return label(journal.fromIteration());
  }
}
