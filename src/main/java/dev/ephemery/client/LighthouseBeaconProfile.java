package dev.ephemery.client;

import dev.ephemery.inventory.Flavor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lighthouse beacon node. Flags: sigp/lighthouse book/src/help_bn.md (v8). There is no built-in
 * Ephemery network ({@code --network} takes mainnet, gnosis, chiado, sepolia, holesky, hoodi):
 * {@code --testnet-dir} reads config.yaml, genesis.ssz, deploy_block.txt and boot_enr.yaml.
 */
public final class LighthouseBeaconProfile extends BeaconProfile {
  /** One image runs both the beacon node and the validator client (LighthouseValidatorProfile). */
  static final String IMAGE = "sigp/lighthouse:v8.2.2";

  static final String WRAPPER_IMAGE = Wrappers.image("lighthouse");

  static final int REST = 5052;
  static final int METRICS = 5054;

  public LighthouseBeaconProfile() {
    super(REST, METRICS);
  }

  @Override
  public String id() {
    return "lighthouse";
  }

  @Override
  public String image() {
    return IMAGE;
  }

  @Override
  public Optional<String> wrapperImage() {
    return Optional.of(WRAPPER_IMAGE);
  }

  @Override
  public List<String> command(ClientContext context) {
    // Both images have no entrypoint; in the wrapper image `lighthouse` is the wrapper script,
    // which adds --testnet-dir=/ephemery_config itself.
    Args args = Args.of("lighthouse", "bn").flag("--datadir", ContainerPaths.DATA);
    if (!context.wrapper()) {
      args.flag("--testnet-dir", context.testnetDir()).flag("--boot-nodes", context.enrs());
    }
    args.flag("--execution-endpoint", context.executionEndpoint())
        .flag("--execution-jwt", ContainerPaths.JWT)
        .add("--http")
        .flag("--http-address", "0.0.0.0")
        .flag("--http-port", REST)
        .flag("--port", context.p2pPort())
        .add("--disable-upnp")
        .add("--metrics")
        .flag("--metrics-address", "0.0.0.0")
        .flag("--metrics-port", METRICS);
    if (context.checkpointSyncUrl() != null) {
      args.flag("--checkpoint-sync-url", context.checkpointSyncUrl());
    } else {
      // Refused without it once the chain is past the weak-subjectivity period.
      args.add("--allow-insecure-genesis-sync");
    }
    return args.build();
  }

  @Override
  public String entrypointBinary(Flavor flavor) {
    return null; // no entrypoint: the command names the binary
  }

  @Override
  public List<PortSpec> ports(int p2pPort) {
    // QUIC listens on the next port (help_bn.md: --quic-port defaults to --port + 1).
    return BeaconPorts.of(p2pPort, REST, METRICS, PortSpec.p2p("quic", p2pPort + 1, "udp"));
  }

  @Override
  public WipeRules wipeRules() {
    return new WipeRules(List.of("beacon/network"), List.of("beacon/*"), List.of(), false);
  }

  @Override
  public List<String> wrapperManagedFlags() {
    return List.of("--testnet-dir");
  }

  @Override
  public Map<String, String> removedFlags() {
    return Map.of(
        "--eth1", "",
        "--eth1-endpoints", "",
        "--merge", "",
        "--execution-endpoints", "--execution-endpoint");
  }
}
