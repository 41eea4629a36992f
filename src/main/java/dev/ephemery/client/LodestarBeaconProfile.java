package dev.ephemery.client;

import dev.ephemery.inventory.Flavor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lodestar beacon node. Options: chainsafe.github.io/lodestar beacon CLI (--paramsFile,
 * --genesisStateFile, --checkpointSyncUrl, --dataDir); --execution.urls and --jwtSecret:
 * ChainSafe/lodestar packages/cli/src/options/beaconNodeOptions/execution.ts. Its built-in {@code
 * --network ephemery} is stale (7-day period, old forks): the release files are used instead.
 */
public final class LodestarBeaconProfile extends BeaconProfile {
  /** One image runs both the beacon node and the validator client (LodestarValidatorProfile). */
  static final String IMAGE = "chainsafe/lodestar:v1.45.0";

  static final String WRAPPER_IMAGE = Wrappers.image("lodestar");

  static final int REST = 9596;
  static final int METRICS = 8008;

  public LodestarBeaconProfile() {
    super(REST, METRICS);
  }

  @Override
  public String id() {
    return "lodestar";
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
    // The entrypoint runs `node ./packages/cli/bin/lodestar`; the command is the subcommand.
    Args args = Args.of("beacon").flag("--dataDir", ContainerPaths.DATA);
    if (!context.wrapper()) {
      args.flag("--paramsFile", context.testnetDir() + "/config.yaml")
          .flag("--genesisStateFile", context.testnetDir() + "/genesis.ssz")
          .flag("--bootnodes", context.enrs());
    }
    args.flag("--execution.urls", context.executionEndpoint())
        .flag("--jwtSecret", ContainerPaths.JWT)
        .flag("--port", context.p2pPort())
        .add("--rest")
        .flag("--rest.address", "0.0.0.0")
        .flag("--rest.port", REST)
        .add("--metrics")
        .flag("--metrics.address", "0.0.0.0")
        .flag("--metrics.port", METRICS);
    if (context.checkpointSyncUrl() != null) {
      args.flag("--checkpointSyncUrl", context.checkpointSyncUrl());
    }
    return args.build();
  }

  @Override
  public String entrypointBinary(Flavor flavor) {
    return "lodestar";
  }

  @Override
  public WipeRules wipeRules() {
    return new WipeRules(List.of("peer-id.json"), List.of("chain-db/*"), List.of(), false);
  }

  @Override
  public boolean builtInEphemery() {
    return true;
  }

  @Override
  public List<String> wrapperManagedFlags() {
    return List.of("--paramsFile", "--genesisStateFile", "--bootnodes");
  }

  @Override
  public Map<String, String> removedFlags() {
    return Map.of("--configFile", "--rcConfig");
  }
}
