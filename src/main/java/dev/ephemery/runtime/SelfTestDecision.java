package dev.ephemery.runtime;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Whether {@code up} runs the EL-CL link self-test (a signed {@code engine_exchangeCapabilities}
 * call from the node's network), decided without Docker from what this {@code up} changed and what
 * the last passing self-test was made against.
 *
 * <p>Why it may be skipped: the link depends on the EL and CL containers (their flags, network and
 * the JWT secret they read at start), the secret file and the release files; when none of these
 * changed since the self-test passed against the very same containers, running it again proves
 * nothing new and costs a helper container (about 2 s). Whatever {@code up} changed that the link
 * depends on, or containers it has not passed against, runs it.
 *
 * @param run whether to run it
 * @param reason why, for {@code up}'s output
 */
public record SelfTestDecision(boolean run, String reason) {

  /** Change kinds the link depends on: any change of one of them runs the self-test. */
  static final Set<String> LINK_KINDS =
      Set.of("container", "jwt-secret", "release", "network", "image");

  /**
   * The decision.
   *
   * @param enginePlanned whether the plan names an Engine API port (else there is nothing to test)
   * @param asked whether the caller asked for it ({@code up --verify})
   * @param changes what this {@code up} changed
   * @param passedFor the {@link #fingerprint} recorded when the self-test last passed on this node,
   *     or null when none is
   * @param current the {@link #fingerprint} of the node's EL and CL containers as {@code up} found
   *     them
   */
  public static SelfTestDecision decide(
      boolean enginePlanned,
      boolean asked,
      List<Change> changes,
      String passedFor,
      String current) {
    if (!enginePlanned) {
      return new SelfTestDecision(false, "the plan has no Engine API port");
    }
    if (asked) {
      return new SelfTestDecision(true, "asked for");
    }
    for (Change change : changes) {
      if (!change.isEnsure() && LINK_KINDS.contains(change.kind())) {
        return new SelfTestDecision(true, change.describe());
      }
    }
    if (passedFor == null) {
      return new SelfTestDecision(true, "it has not passed on this node yet");
    }
    if (!passedFor.equals(current)) {
      return new SelfTestDecision(true, "the EL or CL container is not the one it passed against");
    }
    return new SelfTestDecision(
        false, "nothing it depends on changed since it passed; up --verify runs it");
  }

  /**
   * What a pass is recorded against: the EL and CL containers by name and id. A container created
   * anew (recreated, or by hand) has another id, so the record no longer matches.
   *
   * @param idsByName the node's execution and consensus containers, container name to id
   */
  public static String fingerprint(Map<String, String> idsByName) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(idsByName)
        .forEach((name, id) -> text.append(name).append('=').append(id).append('\n'));
    return text.toString();
  }

  /** How {@code up} says it: {@code ran (reason)} or {@code skipped (reason)}. */
  public String describe() {
    return (run ? "ran" : "skipped") + " (" + reason + ")";
  }
}
