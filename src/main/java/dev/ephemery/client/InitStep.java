package dev.ephemery.client;

import java.util.List;

/**
 * A command that must complete once on a fresh data dir before the client starts (geth and erigon
 * write the genesis block this way). It runs with the client's own image, data dir and user.
 *
 * @param entrypoint the entrypoint to set, or null to keep the image's own
 */
public record InitStep(List<String> entrypoint, List<String> command) {
  public InitStep {
    entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
    command = List.copyOf(command);
  }
}
