package dev.ephemery.runtime;

/**
 * The EL-CL link's self-test: the EL answered an Engine API call signed with the node's JWT, as the
 * CL makes it.
 *
 * @param problem what failed and the fix, or null when {@code ok}
 * @param unknownReason why the runtime cannot run the self-test (then neither ok nor broken), or
 *     null when it ran
 */
public record LinkCheck(boolean ok, String problem, String unknownReason) {

  public LinkCheck(boolean ok, String problem) {
    this(ok, problem, null);
  }

  /** Not run, for a reason the runtime states (shown as UNKNOWN, never as a failure). */
  public static LinkCheck unknown(String reason) {
    return new LinkCheck(false, null, reason);
  }

  public boolean known() {
    return unknownReason == null;
  }
}
