package dev.ephemery.client;

import dev.ephemery.inventory.Flavor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hyperledger Besu. Options: besu-eth/besu 26.8 CLI options; --data-path, --genesis-file and
 * --bootnodes as parsed by pk910 clients/besu/wrapper.sh. The image's besu-entry.sh starts as root,
 * drops to uid 1000 and re-joins the arguments through {@code bash -c}.
 */
public final class BesuProfile extends ExecutionProfile {
  static final int METRICS = 9545;

  public BesuProfile() {
    super(METRICS, "/metrics");
  }

  @Override
  public String id() {
    return "besu";
  }

  @Override
  public String image() {
    return "hyperledger/besu:26.8.1";
  }

  @Override
  public Optional<String> wrapperImage() {
    return Optional.of(Wrappers.image("besu"));
  }

  @Override
  public List<String> command(ClientContext context) {
    Args args = Args.of().flag("--data-path", ContainerPaths.DATA);
    if (!context.wrapper()) {
      args.flag("--genesis-file", context.testnetDir() + "/besu.json")
          .flag("--bootnodes", context.enodes());
    }
    return args.flag("--engine-rpc-port", ExecutionPorts.ENGINE)
        .flag("--engine-jwt-secret", ContainerPaths.JWT)
        // One token each: besu-entry.sh would glob a bare * into file names.
        .flag("--engine-host-allowlist", "*")
        .add("--rpc-http-enabled")
        .flag("--rpc-http-host", "0.0.0.0")
        .flag("--rpc-http-port", ExecutionPorts.HTTP)
        .flag("--host-allowlist", "*")
        .flag("--p2p-port", context.p2pPort())
        .add("--metrics-enabled")
        .flag("--metrics-host", "0.0.0.0")
        .flag("--metrics-port", METRICS)
        .build();
  }

  @Override
  public String entrypointBinary(Flavor flavor) {
    return "besu";
  }

  @Override
  public String owner() {
    return "1000:1000"; // besu-entry.sh drops to the besu user (uid 1000) before starting
  }

  @Override
  public WipeRules wipeRules() {
    return new WipeRules(
        List.of("key"),
        List.of("database", "caches", "DATABASE_METADATA.json", "VERSION_METADATA.json"),
        List.of(),
        false);
  }

  @Override
  public List<HealthCheck> health() {
    return List.of(
        HealthCheck.get(ExecutionPorts.HTTP, "/liveness"),
        HealthCheck.get(ExecutionPorts.HTTP, "/readiness"),
        HealthCheck.jsonRpc(ExecutionPorts.HTTP, "eth_chainId"));
  }

  @Override
  public boolean builtInEphemery() {
    return true; // --network=ephemery since 24.10.0; we use the release files instead
  }

  @Override
  public List<String> networkIdFlags() {
    return List.of("--network-id");
  }

  @Override
  public List<String> wrapperManagedFlags() {
    return List.of("--genesis-file", "--bootnodes");
  }

  @Override
  public boolean argumentsPassThroughShell() {
    return true;
  }

  @Override
  public Map<String, String> removedFlags() {
    Map<String, String> removed = new LinkedHashMap<>();
    removed.put("--Xv5-discovery-enabled", "");
    removed.put("--miner-enabled", "");
    removed.put("--miner-coinbase", "");
    return removed;
  }
}
