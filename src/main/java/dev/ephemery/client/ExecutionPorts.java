package dev.ephemery.client;

import java.util.List;

/** The ports every execution client has: devp2p, JSON-RPC, the Engine API and metrics. */
final class ExecutionPorts {
  static final int ENGINE = 8551;
  static final int HTTP = 8545;
  static final int P2P = 30303;

  static List<PortSpec> of(int p2pPort, int metricsPort) {
    return List.of(
        PortSpec.p2p("p2p", p2pPort, "tcp"),
        PortSpec.p2p("p2p-udp", p2pPort, "udp"),
        PortSpec.local("http", HTTP),
        // The Engine API is only for the node's own beacon node: never published.
        PortSpec.internal("engine", ENGINE),
        PortSpec.internal("metrics", metricsPort));
  }

  static List<HealthCheck> jsonRpc() {
    return List.of(
        HealthCheck.jsonRpc(HTTP, "eth_chainId"),
        HealthCheck.jsonRpc(HTTP, "eth_syncing"),
        HealthCheck.jsonRpc(HTTP, "net_peerCount"));
  }

  private ExecutionPorts() {}
}
