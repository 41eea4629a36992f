package dev.ephemery.network;

import java.util.List;
import java.util.Map;

/**
 * Everything read from a release's files, before any cross-check. Values are as written (strings);
 * a file that is absent gives an empty map or null. The verifier decides what they mean together.
 *
 * @param retention retention.vars
 * @param nodevars nodevars_env.txt
 * @param config config.yaml top-level keys
 * @param genesisJson genesis.json (geth format), or null
 * @param besuJson besu.json, or null
 * @param chainspec chainspec.json (Nethermind), or null
 * @param validatorsRoot genesis_validators_root.txt, or null
 * @param ssz the head of genesis.ssz, or null
 * @param enrBootnodes boot_enr.yaml, else bootstrap_nodes.txt, else nodevars BOOTNODE_ENR_LIST
 * @param enodeBootnodes enodes/boot_enode.txt, boot_enode.txt, enodes.txt, else nodevars list
 * @param problems what could not be read
 */
public record ParsedRelease(
    Map<String, String> retention,
    Map<String, String> nodevars,
    Map<String, String> config,
    GenesisFacts genesisJson,
    GenesisFacts besuJson,
    GenesisFacts chainspec,
    String validatorsRoot,
    SszHead ssz,
    List<String> enrBootnodes,
    List<String> enodeBootnodes,
    List<ReleaseProblem> problems) {

  public ParsedRelease {
    retention = Map.copyOf(retention);
    nodevars = Map.copyOf(nodevars);
    config = Map.copyOf(config);
    enrBootnodes = List.copyOf(enrBootnodes);
    enodeBootnodes = List.copyOf(enodeBootnodes);
    problems = List.copyOf(problems);
  }

  /** Chain id and genesis timestamp of an EL genesis file; a component is null when absent. */
  public record GenesisFacts(Long chainId, Long timestamp) {}

  /** The first two fields of a BeaconState: genesis_time and genesis_validators_root (0x hex). */
  public record SszHead(long genesisTime, String genesisValidatorsRoot) {}
}
