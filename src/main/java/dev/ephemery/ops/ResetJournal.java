package dev.ephemery.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The persisted record of one reset: where it is, how it got there, and why it stopped if it did.
 *
 * @param id unique per reset, also the journal file's name
 * @param fromIteration the iteration installed when the reset began, or null if none was
 * @param releaseDir the verified release folder in the cache, once FETCHED
 * @param failedIn the state that failed when {@code state} is FAILED
 * @param attempts failed attempts of the current state
 */
public record ResetJournal(
    int version,
    String id,
    String host,
    Integer fromIteration,
    int toIteration,
    boolean wrapper,
    boolean forced,
    ResetState state,
    ResetState failedIn,
    String reason,
    int attempts,
    String releaseDir,
    Instant startedAt,
    Instant updatedAt,
    List<Transition> transitions) {

  public static final int FORMAT_VERSION = 1;

  public ResetJournal {
    transitions = List.copyOf(transitions);
  }

  /** One entry of the journal's timeline. */
  public record Transition(ResetState state, Instant at, String note) {}

  public static ResetJournal start(
      String host,
      Integer fromIteration,
      int toIteration,
      boolean wrapper,
      boolean forced,
      Instant now) {
    String id = String.format("%06d-%d", toIteration, now.toEpochMilli());
    return new ResetJournal(
        FORMAT_VERSION,
        id,
        host,
        fromIteration,
        toIteration,
        wrapper,
        forced,
        ResetState.DETECTED,
        null,
        "",
        0,
        null,
        now,
        now,
        List.of(new Transition(ResetState.DETECTED, now, "release of iteration " + toIteration)));
  }

  /** This journal moved to {@code next}; refuses a transition the state does not allow. */
  public ResetJournal moveTo(ResetState next, String note, Instant now) {
    if (!state.canMoveTo(next)) {
      throw new IllegalStateException("a reset cannot go from " + state + " to " + next);
    }
    List<Transition> timeline = new ArrayList<>(transitions);
    timeline.add(new Transition(next, now, note));
    boolean failing = next == ResetState.FAILED;
    return new ResetJournal(
        version,
        id,
        host,
        fromIteration,
        toIteration,
        wrapper,
        forced,
        next,
        failing ? state : null,
        failing ? note : "",
        0,
        releaseDir,
        startedAt,
        now,
        timeline);
  }

  public ResetJournal withReleaseDir(String dir) {
    return new ResetJournal(
        version,
        id,
        host,
        fromIteration,
        toIteration,
        wrapper,
        forced,
        state,
        failedIn,
        reason,
        attempts,
        dir,
        startedAt,
        updatedAt,
        transitions);
  }

  public ResetJournal failedAttempt(String why, Instant now) {
    return new ResetJournal(
        version,
        id,
        host,
        fromIteration,
        toIteration,
        wrapper,
        forced,
        state,
        failedIn,
        why,
        attempts + 1,
        releaseDir,
        startedAt,
        now,
        transitions);
  }

  /** When the journal first entered {@code wanted}, if it did. */
  public Instant enteredAt(ResetState wanted) {
    return transitions.stream()
        .filter(t -> t.state() == wanted)
        .map(Transition::at)
        .findFirst()
        .orElse(null);
  }

  /** From DETECTED to the last transition. */
  public Duration duration() {
    return Duration.between(startedAt, updatedAt);
  }

  /** The critical path: from STOPPING to the containers started (entering VERIFYING). */
  public Duration downtime() {
    Instant stop = enteredAt(ResetState.STOPPING);
    Instant started = enteredAt(ResetState.VERIFYING);
    return stop == null || started == null ? null : Duration.between(stop, started);
  }
}
