package dev.ephemery.client;

import dev.ephemery.inventory.Flavor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Nethermind. Options: Nethermind.JsonRpc/IJsonRpcConfig.cs (EngineHost defaults to 127.0.0.1,
 * EnginePort to null: both must be set), Nethermind.Api/IInitConfig.cs (ChainSpecPath,
 * GenesisHash), docs.nethermind.io 1.39 configuration ({@code --config}, {@code --data-dir}).
 *
 * <p>{@code --config=none} selects the empty configuration Nethermind ships, so no network's
 * defaults (mainnet's otherwise) mix with the release's chainspec: Nethermind.Runner Program.cs
 * resolves a bare name to {@code configs/NAME.json} or {@code .cfg} and stops with "Configuration
 * file not found" when neither exists, so a wrong name fails loudly at start. The file: "an empty
 * config file to allow configuring everything via command line flags", NethermindEth/nethermind
 * #4644 ({@code none.cfg}); renamed {@code none.json} with all configs in #7653, the bare name
 * {@code none} resolving in both (a Nethermind developer in ethpandaops/ethereum-package #824,
 * whose Nethermind launcher passes it for every non-public network).
 */
public final class NethermindProfile extends ExecutionProfile {
  static final int METRICS = 9091;

  public NethermindProfile() {
    super(METRICS, "/metrics");
  }

  @Override
  public String id() {
    return "nethermind";
  }

  @Override
  public String image() {
    return "nethermind/nethermind:1.38.0";
  }

  @Override
  public Optional<String> wrapperImage() {
    return Optional.of(Wrappers.image("nethermind"));
  }

  @Override
  public List<String> command(ClientContext context) {
    Args args = Args.of();
    if (context.wrapper()) {
      // The wrapper parses --datadir to find what to reset and adds the chainspec and bootnodes.
      args.flag("--datadir", ContainerPaths.DATA);
    } else {
      // --datadir=<path> is mis-parsed since 1.30.2; --data-dir with a separate value is not.
      // The empty bundled config: everything below, nothing from a network preset.
      args.flag("--config", "none")
          .add("--data-dir")
          .add(ContainerPaths.DATA)
          .flag("--Init.ChainSpecPath", context.testnetDir() + "/chainspec.json")
          .flag("--Network.Bootnodes", context.enodes());
      if (context.release().genesisBlockHash() != null) {
        args.flag("--Init.GenesisHash", context.release().genesisBlockHash());
      }
    }
    return args.flag("--JsonRpc.Enabled", "true")
        .flag("--JsonRpc.Host", "0.0.0.0")
        .flag("--JsonRpc.Port", ExecutionPorts.HTTP)
        .flag("--JsonRpc.EngineHost", "0.0.0.0")
        .flag("--JsonRpc.EnginePort", ExecutionPorts.ENGINE)
        .flag("--JsonRpc.JwtSecretFile", ContainerPaths.JWT)
        .flag("--Network.P2PPort", context.p2pPort())
        .flag("--Network.DiscoveryPort", context.p2pPort())
        .flag("--Metrics.Enabled", "true")
        .flag("--Metrics.ExposeHost", "0.0.0.0")
        .flag("--Metrics.ExposePort", METRICS)
        .flag("--HealthChecks.Enabled", "true")
        .build();
  }

  @Override
  public String entrypointBinary(Flavor flavor) {
    return "nethermind"; // ENTRYPOINT ./nethermind (the wrapper image keeps that path)
  }

  @Override
  public WipeRules wipeRules() {
    return new WipeRules(
        List.of("keystore/node.key.plain"), List.of("db", "nethermind_db"), List.of(), false);
  }

  @Override
  public List<HealthCheck> health() {
    return List.of(
        HealthCheck.get(ExecutionPorts.HTTP, "/health"),
        HealthCheck.jsonRpc(ExecutionPorts.HTTP, "eth_chainId"),
        HealthCheck.jsonRpc(ExecutionPorts.HTTP, "eth_syncing"));
  }

  @Override
  public List<String> networkIdFlags() {
    return List.of("--Network.NetworkId", "--Init.NetworkId");
  }

  @Override
  public List<String> wrapperManagedFlags() {
    return List.of("--Init.ChainSpecPath", "--Discovery.Bootnodes");
  }

  @Override
  public Map<String, String> removedFlags() {
    return Map.of("--datadir", "--data-dir (with a separate value)");
  }
}
