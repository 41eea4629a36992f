package dev.ephemery.plan;

import dev.ephemery.client.ClientProfile;
import dev.ephemery.client.ContainerPaths;
import dev.ephemery.client.SlashingExport;
import dev.ephemery.client.SlashingImport;
import dev.ephemery.client.VotingKeys;
import dev.ephemery.client.WipeRules;
import java.util.List;
import java.util.Objects;

/**
 * A client's data on the host and what a reset does to it, filled by the planner from the client's
 * profile: the plan carries it, so a reset (and any runtime) works from the plan alone and never
 * looks a profile up again. Not part of the plan hash: it says how to reset a container's data, not
 * what the container is.
 *
 * @param dataDir the host folder the client keeps its data in (mounted at {@link
 *     ContainerPaths#DATA})
 * @param rules what a reset keeps, wipes and archives there, and whether it initialises it again
 * @param initStep the planned run-once container that initialises a fresh data folder (genesis
 *     init) before the client starts, or null
 * @param slashingExport the client's own EIP-3076 export (the testnet folder at {@link
 *     ContainerPaths#TESTNET}), or null when it keeps no slashing protection
 * @param slashingImport the client's own EIP-3076 import (the testnet folder at {@link
 *     ContainerPaths#TESTNET}), or null
 * @param votingKeys for a client that refuses to start with voting keys and no slashing database,
 *     the file that names those keys: a reset registers them in a new database before the first
 *     start; null for the others
 */
public record DataLayout(
    String dataDir,
    WipeRules rules,
    String initStep,
    SlashingExport slashingExport,
    SlashingImport slashingImport,
    VotingKeys votingKeys) {

  public DataLayout {
    Objects.requireNonNull(dataDir, "dataDir");
    rules = rules == null ? WipeRules.NONE : rules;
  }

  /** What {@code profile} says about its data folder at {@code dataDir}. */
  public static DataLayout of(ClientProfile profile, String dataDir, String initStep) {
    return new DataLayout(
        dataDir,
        profile.wipeRules(),
        initStep,
        profile.slashingExport(ContainerPaths.TESTNET).orElse(null),
        profile.slashingImport(ContainerPaths.TESTNET).orElse(null),
        profile.votingKeys().orElse(null));
  }

  /** A data folder only {@code rules} apply to: no init step, no slashing protection. */
  public static DataLayout of(String dataDir, WipeRules rules) {
    return new DataLayout(dataDir, rules, null, null, null, null);
  }

  // The reset reads the rules through these, so it needs nothing of the client package.

  /** Never deleted, nor anything under them ({@link WipeRules#keep}). */
  public List<String> keep() {
    return rules.keep();
  }

  /** Deleted at every reset, except what {@link #keep} names ({@link WipeRules#wipe}). */
  public List<String> wipe() {
    return rules.wipe();
  }

  /** The slashing-protection databases, archived and then deleted at every reset. */
  public List<String> resetPerIteration() {
    return rules.resetPerIteration();
  }

  /** True when the data folder needs its init step again after the wipe. */
  public boolean reinit() {
    return rules.reinit();
  }

  /** True when the reset registers the voting keys in a new slashing database before a start. */
  public boolean registersKeysBeforeStart() {
    return votingKeys != null;
  }
}
