package dev.ephemery.client;

import dev.ephemery.inventory.Flavor;
import java.util.List;
import java.util.Optional;

/**
 * Teku beacon node. Options: Consensys/teku cli/options Eth2NetworkOptions.java (--network takes a
 * config file, --genesis-state, --checkpoint-sync-url xor --initial-state),
 * ExecutionLayerOptions.java, BeaconRestApiOptions.java (the host allowlist defaults to localhost,
 * which rejects a validator or probe calling by container name).
 */
public final class TekuBeaconProfile extends BeaconProfile {
  /** One image runs both the beacon node and the validator client (TekuValidatorProfile). */
  static final String IMAGE = "consensys/teku:26.8.0";

  static final String WRAPPER_IMAGE = Wrappers.image("teku");

  static final int REST = 5051;
  static final int METRICS = 8008;

  public TekuBeaconProfile() {
    super(REST, METRICS);
  }

  @Override
  public String id() {
    return "teku";
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
    Args args = Args.of().flag("--data-path", ContainerPaths.DATA);
    if (!context.wrapper()) {
      args.flag("--network", context.testnetDir() + "/config.yaml")
          .flag("--genesis-state", context.testnetDir() + "/genesis.ssz")
          .flag("--p2p-discovery-bootnodes", context.enrs());
    }
    args.flag("--ee-endpoint", context.executionEndpoint())
        .flag("--ee-jwt-secret-file", ContainerPaths.JWT)
        .flag("--p2p-port", context.p2pPort())
        .flag("--rest-api-enabled", "true")
        .flag("--rest-api-interface", "0.0.0.0")
        .flag("--rest-api-port", REST)
        .flag("--rest-api-host-allowlist", "*")
        .flag("--metrics-enabled", "true")
        .flag("--metrics-interface", "0.0.0.0")
        .flag("--metrics-port", METRICS)
        .flag("--metrics-host-allowlist", "*");
    if (context.checkpointSyncUrl() != null) {
      args.flag("--checkpoint-sync-url", context.checkpointSyncUrl());
    }
    return args.build();
  }

  @Override
  public String entrypointBinary(Flavor flavor) {
    return "teku"; // /opt/teku/bin/teku (the wrapper runs the same path)
  }

  @Override
  public String owner() {
    return "1000:1000"; // USER teku
  }

  @Override
  public WipeRules wipeRules() {
    // The node key lives inside beacon/kvstore: keeping it keeps the peer id.
    return new WipeRules(
        List.of("beacon/kvstore"), List.of("beacon/*", "logs/*"), List.of(), false);
  }

  @Override
  public boolean builtInEphemery() {
    return true;
  }

  @Override
  public List<String> wrapperManagedFlags() {
    return List.of("--network", "--genesis-state", "--p2p-discovery-bootnodes");
  }
}
