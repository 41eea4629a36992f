package dev.ephemery.ops;

import java.util.List;

/**
 * What a reset does to one client's data folder. Paths are relative to the data folder; a trailing
 * {@code /*} means the folder's content (the folder itself stays), a lone {@code *} the data
 * folder's content.
 *
 * @param keep never deleted, nor anything under them (identity keys, validator keys)
 * @param wipe deleted on every reset, except what {@code keep} names
 * @param resetPerIteration slashing-protection databases: archived under {@code
 *     <baseDir>/slashing-protection/<old iteration>/} and then deleted, even inside a kept folder
 * @param reinit true when the client needs a genesis init on a fresh folder (geth, erigon)
 */
public record DataDirRules(
    List<String> keep, List<String> wipe, List<String> resetPerIteration, boolean reinit) {
  public DataDirRules {
    keep = List.copyOf(keep);
    wipe = List.copyOf(wipe);
    resetPerIteration = List.copyOf(resetPerIteration);
  }

  public static final DataDirRules NONE = new DataDirRules(List.of(), List.of(), List.of(), false);
}
