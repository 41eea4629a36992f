package dev.ephemery.client;

import dev.ephemery.inventory.Flavor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Erigon 3. The image runs {@code /usr/local/bin/erigon} as user erigon (uid 1000, Dockerfile), so
 * the data dir must be writable by 1000 and {@code erigon init} must run as that user too. There is
 * no Ephemery chain: {@code erigon init} with genesis.json, then {@code --networkid}.
 */
public final class ErigonProfile extends ExecutionProfile {
  static final int METRICS = 6061;

  public ErigonProfile() {
    super(METRICS, "/debug/metrics/prometheus");
  }

  @Override
  public String id() {
    return "erigon";
  }

  @Override
  public String image() {
    return "erigontech/erigon:v3.4.2";
  }

  @Override
  public String wrapperUnsupportedReason() {
    // pk910 clients/erigon/wrapper.sh adds --chain=dev when no argument contains "chain", and is
    // built from the retired thorax/erigon:stable (Erigon 2) image.
    return "pk910/ephemery-erigon adds --chain=dev and is built on Erigon 2; use flavor upstream";
  }

  @Override
  public List<String> command(ClientContext context) {
    return Args.of()
        .flag("--datadir", ContainerPaths.DATA)
        .flag("--networkid", context.chainId())
        .flag("--bootnodes", context.enodes())
        .add("--externalcl")
        .flag("--authrpc.addr", "0.0.0.0")
        .flag("--authrpc.port", ExecutionPorts.ENGINE)
        .flag("--authrpc.vhosts", "*")
        .flag("--authrpc.jwtsecret", ContainerPaths.JWT)
        .flag("--http.addr", "0.0.0.0")
        .flag("--http.port", ExecutionPorts.HTTP)
        .flag("--http.vhosts", "*")
        .flag("--port", context.p2pPort())
        .add("--metrics")
        .flag("--metrics.addr", "0.0.0.0")
        .flag("--metrics.port", METRICS)
        .build();
  }

  @Override
  public String entrypointBinary(Flavor flavor) {
    return "erigon";
  }

  @Override
  public String owner() {
    return "1000:1000";
  }

  @Override
  public Optional<InitStep> init(ClientContext context) {
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
    return new WipeRules(List.of("nodekey"), List.of("*"), List.of(), true);
  }

  @Override
  public List<HealthCheck> health() {
    return List.of(
        new HealthCheck(
            HealthCheck.Kind.HTTP_GET,
            ExecutionPorts.HTTP,
            "/health",
            Map.of("X-ERIGON-HEALTHCHECK", "synced")),
        HealthCheck.jsonRpc(ExecutionPorts.HTTP, "eth_chainId"),
        HealthCheck.jsonRpc(ExecutionPorts.HTTP, "eth_syncing"));
  }

  @Override
  public List<String> networkIdFlags() {
    return List.of("--networkid");
  }

  @Override
  public Map<String, String> removedFlags() {
    return Map.of("--snapshots", "", "--internalcl", "");
  }
}
