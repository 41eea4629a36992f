package dev.ephemery.plan;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the consensus client of a host whose {@code checkpointSyncUrl} is {@code auto} starts from:
 * the endpoint picked at the edge (scored by {@code health.CheckpointScoring}) before planning, or
 * genesis. The planner only reads it; picking does network I/O and so happens before the plan.
 *
 * @param url the picked endpoint, or null for genesis sync
 * @param reason why, in words (shown by {@code up} and resets; not part of the plan)
 */
public record CheckpointChoice(String url, String reason) {

  /** The {@link LabelKeys#CHECKPOINT} value of a node that syncs from genesis. */
  public static final String GENESIS = "genesis";

  public CheckpointChoice {
    Objects.requireNonNull(reason, "reason");
  }

  public static CheckpointChoice genesis(String reason) {
    return new CheckpointChoice(null, reason);
  }

  /** No pick was made (a command that does not pick): genesis sync, said so. */
  public static final CheckpointChoice UNRESOLVED =
      genesis("checkpointSyncUrl is auto, and nothing was picked: sync from genesis");

  /** The {@link LabelKeys#CHECKPOINT} value: the URL, or {@link #GENESIS}. */
  public String label() {
    return url == null ? GENESIS : url;
  }

  /**
   * The {@link LabelKeys#CHECKPOINT} value a plan's consensus client carries: its pick, or empty
   * when the host's {@code checkpointSyncUrl} is not {@code auto}.
   */
  public static Optional<String> labelIn(HostPlan plan) {
    return plan.services().stream()
        .filter(s -> s.role() == Role.CONSENSUS && !s.runOnce() && s.labels() != null)
        .map(s -> s.labels().get(LabelKeys.CHECKPOINT))
        .filter(Objects::nonNull)
        .findFirst();
  }

  /** The choice a {@link LabelKeys#CHECKPOINT} value records. */
  public static CheckpointChoice ofLabel(String label, String reason) {
    return GENESIS.equals(label) ? genesis(reason) : new CheckpointChoice(label, reason);
  }

  /** What {@code up} and resets print: the pick and its reason. */
  public String describe() {
    return (url == null ? "sync from genesis" : "checkpoint sync from " + url) + ": " + reason;
  }
}
