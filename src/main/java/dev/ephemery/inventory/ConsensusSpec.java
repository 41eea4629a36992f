package dev.ephemery.inventory;

import java.util.List;

/**
 * The beacon node of a host.
 *
 * @param image a pinned image overriding the client profile's default, or null
 * @param checkpointSyncUrl a beacon API serving the current iteration's finalized state, {@link
 *     #AUTO} to pick the best of the known Ephemery endpoints whenever the consensus client's
 *     database is empty, or null for genesis sync
 * @param p2pPort the host port for libp2p (TCP and UDP), or null for the profile's default
 * @param restPort the host port the beacon REST API is published on (127.0.0.1 only; inside the
 *     container the client keeps its own port), or null for that same port
 */
public record ConsensusSpec(
    ConsensusClient client,
    String image,
    List<String> extraArgs,
    String checkpointSyncUrl,
    Integer p2pPort,
    Integer restPort) {
  /** The {@code checkpointSyncUrl} that asks {@code up} and resets to score and pick. */
  public static final String AUTO = "auto";

  public ConsensusSpec {
    extraArgs = List.copyOf(extraArgs);
  }

  /** With the REST API published on the client's own port. */
  public ConsensusSpec(
      ConsensusClient client,
      String image,
      List<String> extraArgs,
      String checkpointSyncUrl,
      Integer p2pPort) {
    this(client, image, extraArgs, checkpointSyncUrl, p2pPort, null);
  }

  /** Whether the checkpoint endpoint is picked by scoring rather than configured. */
  public boolean checkpointAuto() {
    return AUTO.equals(checkpointSyncUrl);
  }

  /**
   * The checkpoint server the inventory names, or null: for genesis sync, and for {@link #AUTO},
   * which names no server (what asks a server, scores or watches it, must not take "auto" for one).
   */
  public String configuredCheckpointUrl() {
    return checkpointAuto() ? null : checkpointSyncUrl;
  }
}
