package dev.ephemery.supervisor;

/**
 * What the supervisor is doing, as {@code /status} and its page show it ({@link #text}). Code
 * compares the constant; only people read the text.
 */
public enum Phase {
  /** Before the first look at the node and the release cache. */
  STARTING("starting"),
  /** The node runs its iteration and no newer release is due. */
  RUNNING("running"),
  /** A newer release is verified; the switch waits for its time (before the new genesis). */
  WAITING_TO_SWITCH("waiting to switch"),
  /** A reset of this host is under way in a child process. */
  RESETTING("resetting"),
  /** An operator's {@code ephemery reset} holds the host's lock; it finishes the journal. */
  RESET_ELSEWHERE("another reset in progress"),
  /** The reset ran out of retries; the supervisor resumes it after a pause. */
  RESET_FAILED("reset failed"),
  /** The reset stopped before a terminal state; the next look resumes it. */
  RESET_UNFINISHED("reset unfinished (resumes at the next look)");

  private final String text;

  Phase(String text) {
    this.text = text;
  }

  /** The words {@code /status} shows, unchanged since the phase was a string. */
  public String text() {
    return text;
  }
}
