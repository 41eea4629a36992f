package dev.ephemery.network;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The facts of one verified Ephemery release that the plan needs. Parsing and verification of the
 * release files produce it; nothing else should construct one outside tests.
 *
 * @param elGenesisTime the execution genesis timestamp (genesis.json {@code timestamp})
 * @param clGenesisTime the beacon genesis time (EL genesis + GENESIS_DELAY)
 * @param resetPeriod the time between two iterations' genesis, read from the release
 * @param genesisValidatorsRoot 0x-prefixed hex
 * @param enodeBootnodes execution bootnodes (enode URLs)
 * @param enrBootnodes consensus bootnodes (ENRs)
 * @param genesisBlockHash the EL genesis block hash (nodevars GENESIS_BLOCK), or null
 */
public record Release(
    Iteration iteration,
    ChainId chainId,
    Instant elGenesisTime,
    Instant clGenesisTime,
    Duration resetPeriod,
    String genesisValidatorsRoot,
    List<String> enodeBootnodes,
    List<String> enrBootnodes,
    String genesisBlockHash) {
  public Release {
    enodeBootnodes = List.copyOf(enodeBootnodes);
    enrBootnodes = List.copyOf(enrBootnodes);
  }

  /** When the next iteration's execution chain starts, if the reset period stays as it is. */
  public Instant nextReset() {
    return elGenesisTime.plus(resetPeriod);
  }
}
