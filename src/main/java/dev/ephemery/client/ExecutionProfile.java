package dev.ephemery.client;

import java.util.List;

/**
 * What every execution client shares: the kind, devp2p on 30303, the port layout of {@link
 * ExecutionPorts} and a metrics endpoint; each client gives only its metrics port and path.
 */
abstract class ExecutionProfile implements ClientProfile {

  private final Metrics metrics;

  ExecutionProfile(int metricsPort, String metricsPath) {
    this.metrics = new Metrics(metricsPort, metricsPath);
  }

  @Override
  public final ClientKind kind() {
    return ClientKind.EXECUTION;
  }

  @Override
  public final int defaultP2pPort() {
    return ExecutionPorts.P2P;
  }

  @Override
  public final List<PortSpec> ports(int p2pPort) {
    return ExecutionPorts.of(p2pPort, metrics.port());
  }

  @Override
  public final Metrics metrics() {
    return metrics;
  }
}
