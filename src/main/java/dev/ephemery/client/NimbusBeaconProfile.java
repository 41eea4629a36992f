package dev.ephemery.client;

import dev.ephemery.inventory.Flavor;
import java.util.List;
import java.util.Map;

/**
 * Nimbus beacon node. Options: status-im/nimbus-eth2 beacon_chain/conf.nim (--el, --jwt-secret,
 * --doppelganger-detection defaulting to true). {@code --network=<dir>} needs
 * deposit_contract_block_hash.txt in that folder, which Ephemery releases ship.
 */
public final class NimbusBeaconProfile extends BeaconProfile {
  /** The release both the beacon node image and the validator client image are pinned to. */
  static final String RELEASE_TAG = "multiarch-v26.7.0";

  static final int REST = 5052;
  static final int METRICS = 8008;
  static final String NETKEY = "netkey";

  public NimbusBeaconProfile() {
    super(REST, METRICS);
  }

  @Override
  public String id() {
    return "nimbus";
  }

  @Override
  public String image() {
    return "statusim/nimbus-eth2:" + RELEASE_TAG;
  }

  @Override
  public String wrapperUnsupportedReason() {
    return "no pk910/ephemery-nimbus image is published (only its sources exist)";
  }

  @Override
  public List<String> command(ClientContext context) {
    Args args =
        Args.of()
            .flag("--data-dir", ContainerPaths.DATA)
            .flag("--network", context.testnetDir())
            .flag("--non-interactive", "true");
    for (String enr : context.release().enrBootnodes()) {
      args.flag("--bootstrap-node", enr);
    }
    return args.flag("--el", context.executionEndpoint())
        .flag("--jwt-secret", ContainerPaths.JWT)
        .flag("--tcp-port", context.p2pPort())
        .flag("--udp-port", context.p2pPort())
        // The default netkey "random" makes a new peer id at every start. A path is loaded when
        // the file exists, else a key is made and saved there (status-im/nimbus-eth2
        // beacon_chain/networking/eth2_network.nim getPersistentNetKeys; conf.nim --netkey-file).
        // The file is a keystore: without --insecure-netkey-password nimbus would ask for its
        // password, which a container cannot answer. The key only names the node on the network.
        .flag("--netkey-file", ContainerPaths.DATA + "/" + NETKEY)
        .flag("--insecure-netkey-password", "true")
        .add("--rest")
        .flag("--rest-address", "0.0.0.0")
        .flag("--rest-port", REST)
        .add("--metrics")
        .flag("--metrics-address", "0.0.0.0")
        .flag("--metrics-port", METRICS)
        // A new iteration starts at genesis: there is no other instance to detect, and detection
        // costs two epochs of attestations after every start.
        .flag("--doppelganger-detection", "false")
        .build();
  }

  @Override
  public List<String> tunableDefaults() {
    // Off because a new iteration has no twin to detect; an operator may still want it on.
    return List.of("--doppelganger-detection");
  }

  @Override
  public String entrypointBinary(Flavor flavor) {
    return "nimbus_beacon_node";
  }

  @Override
  public String owner() {
    return "1000:1000"; // USER user
  }

  @Override
  public int dataDirMode() {
    return 0700; // nimbus refuses a data dir that others can read
  }

  @Override
  public WipeRules wipeRules() {
    // Never the whole dir: validator keys may live in validators/ and secrets/.
    // The blobs and data columns live in the database (db/nbc.sqlite3); the netkey is the
    // node's network identity.
    return new WipeRules(List.of("validators", "secrets", NETKEY), List.of("db"), List.of(), false);
  }

  @Override
  public List<String> repeatableFlags() {
    return List.of("--bootstrap-node");
  }

  @Override
  public Map<String, String> removedFlags() {
    return Map.of("--web3-url", "--el");
  }

  /**
   * The plan gives nimbus no checkpoint URL (its trusted-node sync is a separate command), so an
   * unanswered server cannot stop it from starting.
   */
  @Override
  public boolean startsWithoutCheckpoint() {
    return true;
  }
}
