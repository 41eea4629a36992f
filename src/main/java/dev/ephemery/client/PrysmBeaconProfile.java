package dev.ephemery.client;

import dev.ephemery.inventory.Flavor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prysm beacon chain. Flags: OffchainLabs/prysm cmd/flags.go (--chain-config-file,
 * --accept-terms-of-use, --bootstrap-node repeated, --p2p-*, --monitoring-host defaulting to
 * 127.0.0.1) and cmd/beacon-chain/flags/base.go (--execution-endpoint, --jwt-secret, --http-*).
 */
public final class PrysmBeaconProfile extends BeaconProfile {
  /** The release both the beacon node image and the validator client image are pinned to. */
  static final String RELEASE_TAG = "v7.1.8";

  static final int REST = 3500;
  static final int GRPC = 4000;
  static final int METRICS = 8080;
  static final int DISCOVERY_OFFSET = -1000; // 13000/tcp libp2p, 12000/udp discv5 by default

  public PrysmBeaconProfile() {
    super(REST, METRICS);
  }

  @Override
  public String id() {
    return "prysm";
  }

  @Override
  public String image() {
    return "gcr.io/prysmaticlabs/prysm/beacon-chain:" + RELEASE_TAG;
  }

  @Override
  public Optional<String> wrapperImage() {
    return Optional.of(Wrappers.image("prysm-beacon"));
  }

  @Override
  public List<String> command(ClientContext context) {
    Args args =
        Args.of()
            .flag("--datadir", ContainerPaths.DATA)
            // No interactive prompt in a container; the wrapper does not add it either.
            .add("--accept-terms-of-use");
    if (!context.wrapper()) {
      // The release's config.yaml as prysm accepts it (see PrysmChainConfig); the wrapper flavor
      // keeps the wrapper's own folder, where only the release's file is.
      args.flag("--chain-config-file", context.testnetDir() + "/" + PrysmChainConfig.FILE)
          .flag("--genesis-state", context.testnetDir() + "/genesis.ssz");
      for (String enr : context.release().enrBootnodes()) {
        args.flag("--bootstrap-node", enr); // repeated, not comma-separated
      }
    }
    args.flag("--execution-endpoint", context.executionEndpoint())
        .flag("--jwt-secret", ContainerPaths.JWT)
        .flag("--http-host", "0.0.0.0")
        .flag("--http-port", REST)
        .flag("--rpc-host", "0.0.0.0")
        .flag("--rpc-port", GRPC)
        .flag("--p2p-tcp-port", context.p2pPort())
        .flag("--p2p-quic-port", context.p2pPort())
        .flag("--p2p-udp-port", context.p2pPort() + DISCOVERY_OFFSET)
        // Keeps the peer id (network-keys) across restarts and resets.
        .add("--p2p-static-id")
        .flag("--monitoring-host", "0.0.0.0")
        .flag("--monitoring-port", METRICS);
    if (context.checkpointSyncUrl() != null) {
      args.flag("--checkpoint-sync-url", context.checkpointSyncUrl())
          .flag("--genesis-beacon-api-url", context.checkpointSyncUrl());
    }
    return args.build();
  }

  @Override
  public String entrypointBinary(Flavor flavor) {
    return "beacon-chain";
  }

  @Override
  public int defaultP2pPort() {
    return 13000;
  }

  @Override
  public List<PortSpec> ports(int p2pPort) {
    return List.of(
        PortSpec.p2p("p2p", p2pPort, "tcp"),
        PortSpec.p2p("quic", p2pPort, "udp"),
        PortSpec.p2p("discovery", p2pPort + DISCOVERY_OFFSET, "udp"),
        PortSpec.local("http", REST),
        PortSpec.internal("grpc", GRPC),
        PortSpec.internal("metrics", METRICS));
  }

  @Override
  public WipeRules wipeRules() {
    // Blobs and data columns are files beside the database, not in it: --blob-path and
    // --data-column-path default to <datadir>/blobs and <datadir>/data-columns
    // (OffchainLabs/prysm v7.1.6 cmd/beacon-chain/storage/options.go); the old chain's would
    // otherwise stay, and be served, after a reset.
    return new WipeRules(
        List.of("network-keys"),
        List.of("beaconchaindata", "blobs", "data-columns"),
        List.of(),
        false);
  }

  @Override
  public List<String> wrapperManagedFlags() {
    return List.of("--chain-config-file", "--genesis-state", "--bootstrap-node");
  }

  @Override
  public List<String> repeatableFlags() {
    return List.of("--bootstrap-node");
  }

  @Override
  public Map<String, String> removedFlags() {
    return Map.of(
        "--grpc-gateway-host", "--http-host",
        "--grpc-gateway-port", "--http-port",
        "--grpc-gateway-corsdomain", "--http-cors-domain");
  }
}
