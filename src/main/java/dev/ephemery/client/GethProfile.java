package dev.ephemery.client;

import dev.ephemery.inventory.Flavor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * go-ethereum. Flags: go-ethereum cmd/utils/flags.go and docs/fundamentals/command-line-options.md;
 * the image's ENTRYPOINT is {@code geth} (Dockerfile).
 */
public final class GethProfile extends ExecutionProfile {
  static final int METRICS = 6060;

  public GethProfile() {
    super(METRICS, "/debug/metrics/prometheus");
  }

  @Override
  public String id() {
    return "geth";
  }

  @Override
  public String image() {
    return "ethereum/client-go:v1.17.5";
  }

  @Override
  public Optional<String> wrapperImage() {
    return Optional.of(Wrappers.image("geth"));
  }

  @Override
  public List<String> command(ClientContext context) {
    Args args = Args.of().flag("--datadir", ContainerPaths.DATA);
    if (!context.wrapper()) {
      // The wrapper adds --networkid and --bootnodes itself for whatever iteration it runs.
      args.flag("--networkid", context.chainId()).flag("--bootnodes", context.enodes());
    }
    return args.flag("--syncmode", "full")
        .flag("--authrpc.addr", "0.0.0.0")
        .flag("--authrpc.port", ExecutionPorts.ENGINE)
        // The beacon node calls by container name; the default vhost list (localhost) rejects it.
        .flag("--authrpc.vhosts", "*")
        .flag("--authrpc.jwtsecret", ContainerPaths.JWT)
        .add("--http")
        .flag("--http.addr", "0.0.0.0")
        .flag("--http.port", ExecutionPorts.HTTP)
        .flag("--http.api", "eth,net,web3")
        .flag("--http.vhosts", "*")
        .flag("--port", context.p2pPort())
        .flag("--discovery.port", context.p2pPort())
        .add("--metrics")
        .flag("--metrics.addr", "0.0.0.0")
        .flag("--metrics.port", METRICS)
        .build();
  }

  @Override
  public String entrypointBinary(Flavor flavor) {
    return "geth"; // upstream ENTRYPOINT ["geth"]; the wrapper's ./wrapper.sh runs geth <args>
  }

  @Override
  public Optional<InitStep> init(ClientContext context) {
    if (context.wrapper()) {
      return Optional.empty(); // the wrapper runs geth init itself after each reset
    }
    return Optional.of(
        new InitStep(
            null,
            List.of(
                "init",
                "--datadir=" + ContainerPaths.DATA,
                ContainerPaths.TESTNET + "/genesis.json")));
  }

  @Override
  public WipeRules wipeRules() {
    return new WipeRules(List.of("geth/nodekey"), List.of("geth/*"), List.of(), true);
  }

  @Override
  public List<HealthCheck> health() {
    return ExecutionPorts.jsonRpc();
  }

  @Override
  public List<String> tunableDefaults() {
    // full sync is the plan's choice for a chain that restarts small; snap works as well.
    return List.of("--syncmode");
  }

  @Override
  public List<String> networkIdFlags() {
    return List.of("--networkid");
  }

  @Override
  public List<String> wrapperManagedFlags() {
    return List.of("--networkid", "--bootnodes");
  }

  @Override
  public Map<String, String> removedFlags() {
    Map<String, String> removed = new LinkedHashMap<>();
    removed.put("--txlookuplimit", "--history.transactions");
    for (String flag :
        List.of(
            "--nousb",
            "--whitelist",
            "--cache.trie.journal",
            "--cache.trie.rejournal",
            "--v5disc",
            "--log.backtrace",
            "--log.debug",
            "--miner.newpayload-timeout",
            "--miner.etherbase",
            "--mine",
            "--metrics.expensive",
            "--rpc.enabledeprecatedpersonal",
            "--unlock",
            "--allow-insecure-unlock",
            "--light.serve",
            "--light.maxpeers",
            "--light.ingress",
            "--light.egress",
            "--ulc.servers")) {
      removed.put(flag, "");
    }
    removed.put("--rpc", "--http");
    removed.put("--rpcaddr", "--http.addr");
    removed.put("--rpcport", "--http.port");
    removed.put("--rpcapi", "--http.api");
    removed.put("--rpccorsdomain", "--http.corsdomain");
    removed.put("--rpcvhosts", "--http.vhosts");
    return removed;
  }
}
