package dev.ephemery.client;

import dev.ephemery.inventory.Flavor;
import java.util.List;
import java.util.Optional;

/**
 * Reth. ENTRYPOINT is the bare {@code /usr/local/bin/reth} (Dockerfile), so the command starts with
 * the {@code node} subcommand; {@code --chain} takes a geth genesis.json (reth CLI reference).
 */
public final class RethProfile extends ExecutionProfile {
  static final int METRICS = 9001;

  public RethProfile() {
    super(METRICS, "/");
  }

  @Override
  public String id() {
    return "reth";
  }

  @Override
  public String image() {
    return "ghcr.io/paradigmxyz/reth:v2.4.1";
  }

  @Override
  public Optional<String> wrapperImage() {
    return Optional.of(Wrappers.image("reth"));
  }

  @Override
  public List<String> command(ClientContext context) {
    Args args = Args.of("node").flag("--datadir", ContainerPaths.DATA);
    if (!context.wrapper()) {
      args.flag("--chain", context.testnetDir() + "/genesis.json")
          .flag("--bootnodes", context.enodes());
    }
    return args.flag("--authrpc.addr", "0.0.0.0")
        .flag("--authrpc.port", ExecutionPorts.ENGINE)
        .flag("--authrpc.jwtsecret", ContainerPaths.JWT)
        .add("--http")
        .flag("--http.addr", "0.0.0.0")
        .flag("--http.port", ExecutionPorts.HTTP)
        .flag("--http.api", "eth,net,web3")
        .flag("--port", context.p2pPort())
        .flag("--discovery.port", context.p2pPort())
        .flag("--metrics", "0.0.0.0:" + METRICS)
        .build();
  }

  @Override
  public String entrypointBinary(Flavor flavor) {
    return "reth";
  }

  @Override
  public WipeRules wipeRules() {
    // db, static_files and rocksdb must go together or reth refuses to start.
    return new WipeRules(
        List.of("discovery-secret"),
        List.of("db", "static_files", "rocksdb", "blobstore", "known-peers.json"),
        List.of(),
        false);
  }

  @Override
  public List<HealthCheck> health() {
    return ExecutionPorts.jsonRpc();
  }

  @Override
  public List<String> wrapperManagedFlags() {
    return List.of("--chain", "--bootnodes");
  }
}
