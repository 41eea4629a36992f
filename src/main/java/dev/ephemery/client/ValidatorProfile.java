package dev.ephemery.client;

import java.util.List;

/**
 * What every separate validator client shares: no P2P port, nothing published, a metrics endpoint
 * at {@code /metrics} on the node network, and no health endpoint of its own (its beacon node's
 * answers for it).
 */
abstract class ValidatorProfile implements ClientProfile {

  private final Metrics metrics;

  ValidatorProfile(int metricsPort) {
    this.metrics = new Metrics(metricsPort, "/metrics");
  }

  @Override
  public final ClientKind kind() {
    return ClientKind.VALIDATOR;
  }

  @Override
  public final int defaultP2pPort() {
    return 0;
  }

  @Override
  public final List<PortSpec> ports(int p2pPort) {
    return List.of(PortSpec.internal("metrics", metrics.port()));
  }

  @Override
  public final Metrics metrics() {
    return metrics;
  }

  @Override
  public final List<HealthCheck> health() {
    return List.of();
  }

  /**
   * The client's own EIP-3076 export, given the testnet folder as the container sees it. Every
   * separate validator client has one; a reset runs it before the slashing database is reset.
   */
  @Override
  public abstract java.util.Optional<SlashingExport> slashingExport(String testnetDir);
}
