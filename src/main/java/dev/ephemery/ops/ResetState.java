package dev.ephemery.ops;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of one reset of one host. The journal is written with a state before that state's side
 * effects run, so a process killed anywhere resumes in the state whose work may be half done, and
 * every state's work is idempotent.
 */
public enum ResetState {
  /** A newer release than the installed one is known. Next: FETCHED, or FAILED (node untouched). */
  DETECTED,
  /**
   * The verified release is in the cache. Next: STOPPING (upstream flavor), VERIFYING (wrapper
   * flavor: the images reset themselves, we only check), or FAILED (node untouched).
   */
  FETCHED,
  /** Stopping the containers, validator first. Next: WIPING. */
  STOPPING,
  /** Archiving slashing DBs, then deleting chain data by the wipe rules. Next: INSTALLING. */
  WIPING,
  /** Swapping the testnet folder for the new release's files. Next: INITIALISING. */
  INSTALLING,
  /** Running genesis init for clients that need it (geth, erigon). Next: STARTING. */
  INITIALISING,
  /** Starting the containers in plan order. Next: VERIFYING. */
  STARTING,
  /**
   * Waiting for the node to report the new iteration; beside it, the EIP-3076 export of the
   * archived slashing DBs. Next: DONE.
   */
  VERIFYING,
  /** Terminal: the node runs the new iteration. */
  DONE,
  /**
   * Terminal unless resumed: before STOPPING the old iteration keeps running; after it, retries ran
   * out and an explicit resume (reset command or supervisor) re-enters the state that failed.
   */
  FAILED;

  public Set<ResetState> allowedNext() {
    return switch (this) {
      case DETECTED -> EnumSet.of(FETCHED, FAILED);
      case FETCHED -> EnumSet.of(STOPPING, VERIFYING, FAILED);
      case STOPPING -> EnumSet.of(WIPING, FAILED);
      case WIPING -> EnumSet.of(INSTALLING, FAILED);
      case INSTALLING -> EnumSet.of(INITIALISING, FAILED);
      case INITIALISING -> EnumSet.of(STARTING, FAILED);
      case STARTING -> EnumSet.of(VERIFYING, FAILED);
      case VERIFYING -> EnumSet.of(DONE, FAILED);
      case DONE -> EnumSet.noneOf(ResetState.class);
      case FAILED -> EnumSet.of(STOPPING, WIPING, INSTALLING, INITIALISING, STARTING, VERIFYING);
    };
  }

  public boolean canMoveTo(ResetState next) {
    return allowedNext().contains(next);
  }

  public boolean terminal() {
    return this == DONE || this == FAILED;
  }

  /** True once the node may have been touched: a failure from here on is retried, not abandoned. */
  public boolean touchesNode() {
    return compareTo(STOPPING) >= 0 && compareTo(VERIFYING) <= 0;
  }
}
