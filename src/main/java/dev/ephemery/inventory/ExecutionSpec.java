package dev.ephemery.inventory;

import java.util.List;

/**
 * The execution client of a host.
 *
 * @param image a pinned image overriding the client profile's default, or null
 * @param p2pPort the host port for devp2p (TCP and UDP), or null for the profile's default
 */
public record ExecutionSpec(
    ExecutionClient client, String image, List<String> extraArgs, Integer p2pPort) {
  public ExecutionSpec {
    extraArgs = List.copyOf(extraArgs);
  }
}
