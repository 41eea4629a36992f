package dev.ephemery.inventory;

import java.util.List;

/**
 * The execution client of a host.
 *
 * @param image a pinned image overriding the client profile's default, or null
 * @param p2pPort the host port for devp2p (TCP and UDP), or null for the profile's default
 * @param rpcPort the host port the JSON-RPC HTTP API is published on (127.0.0.1 only; inside the
 *     container it stays on the client's port), or null for the client's port (8545): several nodes
 *     on one machine each need their own
 */
public record ExecutionSpec(
    ExecutionClient client,
    String image,
    List<String> extraArgs,
    Integer p2pPort,
    Integer rpcPort) {
  public ExecutionSpec {
    extraArgs = List.copyOf(extraArgs);
  }

  public ExecutionSpec(
      ExecutionClient client, String image, List<String> extraArgs, Integer p2pPort) {
    this(client, image, extraArgs, p2pPort, null);
  }
}
