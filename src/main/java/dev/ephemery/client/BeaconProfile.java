package dev.ephemery.client;

import java.util.List;

/**
 * What every beacon node shares: the kind, the beacon REST API (its health endpoints) and metrics
 * at {@code /metrics}; libp2p on 9000 with the {@link BeaconPorts} layout unless a client differs.
 */
abstract class BeaconProfile implements ClientProfile {

  private final int restPort;
  private final Metrics metrics;

  BeaconProfile(int restPort, int metricsPort) {
    this.restPort = restPort;
    this.metrics = new Metrics(metricsPort, "/metrics");
  }

  @Override
  public final ClientKind kind() {
    return ClientKind.BEACON;
  }

  @Override
  public int defaultP2pPort() {
    return BeaconPorts.P2P;
  }

  @Override
  public List<PortSpec> ports(int p2pPort) {
    return BeaconPorts.of(p2pPort, restPort, metrics.port());
  }

  @Override
  public final Metrics metrics() {
    return metrics;
  }

  @Override
  public final List<HealthCheck> health() {
    return BeaconPorts.rest(restPort);
  }
}
