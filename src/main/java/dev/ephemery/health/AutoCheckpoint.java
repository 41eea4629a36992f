package dev.ephemery.health;

import dev.ephemery.inventory.Host;
import dev.ephemery.plan.CheckpointChoice;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides where the consensus client of a host with {@code checkpointSyncUrl: auto} starts from.
 * Pure: what the node has and the scoring's outcome (asked only when needed) in, the choice out.
 *
 * <p>A checkpoint only matters while the client's database is empty: a new node, or right after a
 * reset's wipe. So a consensus container that already exists for the planned iteration keeps the
 * endpoint it was created with (its {@code ephemery.checkpoint} label): a new pick would recreate a
 * client that has its database and would ignore the URL. Otherwise the endpoints are scored and the
 * best is used; with none good, the node syncs from genesis, and the choice says so.
 */
public final class AutoCheckpoint {

  private AutoCheckpoint() {}

  /**
   * @param kept the {@code ephemery.checkpoint} label of the host's consensus container when one
   *     exists for the planned iteration, else empty
   * @param pick the scoring of the endpoints, asked only when a pick is needed
   * @return null when the host's checkpointSyncUrl is not {@code auto} (the plan uses the
   *     configured value)
   */
  public static CheckpointChoice choose(
      Host host, Optional<String> kept, Supplier<CheckpointScoring.Pick> pick) {
    if (!host.consensus().checkpointAuto()) {
      return null;
    }
    if (kept.isPresent()) {
      return CheckpointChoice.ofLabel(
          kept.get(),
          "kept: the consensus client exists for this iteration and has its database; the"
              + " endpoint was picked when it was created");
    }
    return fromPick(pick.get());
  }

  /** The best scored endpoint, or genesis sync when none qualifies, with the scoring's note. */
  public static CheckpointChoice fromPick(CheckpointScoring.Pick pick) {
    return pick.pick()
        .map(url -> new CheckpointChoice(url, "picked: " + pick.note()))
        .orElseGet(() -> CheckpointChoice.genesis("picked: " + pick.note()));
  }
}
