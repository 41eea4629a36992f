package dev.ephemery.client;

import java.util.List;

/**
 * What a reset does to a client's data folder. Paths are relative to the data folder; a trailing
 * {@code /*} means the folder's content (the folder itself stays), a lone {@code *} the data
 * folder's content.
 *
 * @param keep never deleted, nor anything under them: node identity, validator keys and their
 *     secrets
 * @param wipe deleted at every reset (chain data), except what {@code keep} names
 * @param resetPerIteration slashing-protection databases, bound to one genesis_validators_root:
 *     archived under {@code <baseDir>/slashing-protection/<old iteration>/} and then deleted, even
 *     inside a kept folder
 * @param reinit true when the client needs its init step again on the wiped folder (geth, erigon)
 */
public record WipeRules(
    List<String> keep, List<String> wipe, List<String> resetPerIteration, boolean reinit) {
  public WipeRules {
    keep = List.copyOf(keep);
    wipe = List.copyOf(wipe);
    resetPerIteration = List.copyOf(resetPerIteration);
  }

  /** Nothing kept, wiped or archived. */
  public static final WipeRules NONE = new WipeRules(List.of(), List.of(), List.of(), false);
}
