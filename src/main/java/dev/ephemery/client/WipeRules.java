package dev.ephemery.client;

import java.util.List;

/**
 * What a reset does to a client's data dir. Paths are relative to the data dir; a trailing {@code
 * /*} means "the folder's content", so the folder itself stays.
 *
 * @param keep never deleted: node identity, validator keys and their secrets
 * @param wipe deleted at every reset (chain data)
 * @param resetPerIteration deleted at every reset because they are bound to one
 *     genesis_validators_root (the slashing-protection database)
 * @param reinit true when the client's init step must run again after the wipe
 */
public record WipeRules(
    List<String> keep, List<String> wipe, List<String> resetPerIteration, boolean reinit) {
  public WipeRules {
    keep = List.copyOf(keep);
    wipe = List.copyOf(wipe);
    resetPerIteration = List.copyOf(resetPerIteration);
  }
}
