package dev.ephemery.supervisor;

import dev.ephemery.ops.ResetState;
import java.time.Duration;
import java.time.Instant;

/**
 * When a planned reset makes the node look broken on purpose: containers stop, chains restart from
 * genesis, peers reconnect. Alerts that would fire then are held back for this window ({@code
 * ephemery_reset_window}). It opens {@link #BEFORE} the expected switch, stays open while a reset
 * runs, and closes {@link #AFTER} the reset ended (or the expected switch passed without one, so a
 * missing release cannot hold the alerts back for good).
 */
final class ResetWindow {
  static final Duration BEFORE = Duration.ofMinutes(10);
  static final Duration AFTER = Duration.ofMinutes(30);

  private ResetWindow() {}

  static boolean open(Supervisor.Status status, Instant now) {
    if (status.phase() == Phase.RESETTING) {
      return true;
    }
    Instant next = status.nextSwitch();
    if (next != null && !now.isBefore(next.minus(BEFORE)) && now.isBefore(next.plus(AFTER))) {
      return true;
    }
    var last = status.lastReset();
    return last != null && last.state().terminal() && now.isBefore(last.updatedAt().plus(AFTER));
  }

  /** The phase as one of {@code EphemeryMetrics.PHASES}, the label values the metric documents. */
  static String phaseId(Phase phase) {
    return switch (phase) {
      case STARTING -> "starting";
      case RUNNING -> "running";
      case WAITING_TO_SWITCH -> "waiting";
      case RESETTING -> "resetting";
      case RESET_ELSEWHERE -> "locked";
      case RESET_FAILED -> "failed";
      case RESET_UNFINISHED -> "unfinished";
    };
  }

  static Double success(ResetState state) {
    return switch (state) {
      case DONE -> 1.0;
      case FAILED -> 0.0;
      default -> null;
    };
  }
}
