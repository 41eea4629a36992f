package dev.ephemery.runtime;

import java.time.Duration;
import java.time.Instant;

/**
 * When a container that {@code up} started counts as settled: the check that catches a client
 * crashing at start (a wrong flag, a missing file) before {@code up} says it is done.
 *
 * <p>A client that answers its health endpoint has parsed its flags and opened what it needs, so an
 * answer while it runs settles it at once; one without an answer must stay running {@link #WINDOW}.
 * A client that exits, or is restarting, before it settled is reported as stopped.
 */
public final class Settling {

  /** How long a started container must stay running when its health endpoint has not answered. */
  public static final Duration WINDOW = Duration.ofSeconds(2);

  /** Where one started container stands. */
  public enum State {
    /** Neither answered nor running for {@link #WINDOW} yet. */
    WAITING,
    /** Answered its health endpoint while running, or stayed running {@link #WINDOW}. */
    SETTLED,
    /** Exited, died, or is restarting or restarted, since {@code up} started it. */
    STOPPED
  }

  /** What Docker says of the container, at one moment. */
  public record Observed(boolean running, String status, Instant startedAt, long restarts) {}

  private Settling() {}

  /**
   * The state of a started container.
   *
   * @param observed what Docker said, asked after {@code answered} was known
   * @param answered whether its health endpoint answered since it was started
   * @param now the time of {@code observed}
   */
  public static State of(Observed observed, boolean answered, Instant now) {
    // Docker says "running" during a restart policy's back-off, with the last start's time: a
    // crash loop would pass as settled once the back-off outgrew the window.
    if (observed.restarts() > 0
        || "restarting".equals(observed.status())
        || "exited".equals(observed.status())
        || "dead".equals(observed.status())) {
      return State.STOPPED;
    }
    if (!observed.running()) {
      return State.WAITING;
    }
    if (answered) {
      return State.SETTLED;
    }
    return Duration.between(observed.startedAt(), now).compareTo(WINDOW) >= 0
        ? State.SETTLED
        : State.WAITING;
  }
}
