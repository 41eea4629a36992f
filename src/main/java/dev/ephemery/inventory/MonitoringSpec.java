package dev.ephemery.inventory;

/**
 * Prometheus, Grafana and node-exporter next to the node.
 *
 * @param bind the host address their ports are published on: 127.0.0.1 unless the inventory says
 *     otherwise (another address makes Grafana and an unauthenticated Prometheus reachable from the
 *     network, which {@code check} warns about)
 */
public record MonitoringSpec(
    boolean enabled, int prometheusPort, int grafanaPort, int nodeExporterPort, String bind) {
  public static final int DEFAULT_PROMETHEUS_PORT = 9090;
  public static final int DEFAULT_GRAFANA_PORT = 3000;
  public static final int DEFAULT_NODE_EXPORTER_PORT = 9100;
  public static final String DEFAULT_BIND = "127.0.0.1";

  public MonitoringSpec {
    bind = bind == null ? DEFAULT_BIND : bind;
  }

  /** Whether the ports are reachable from this machine only (127.0.0.0/8). */
  public boolean loopbackOnly() {
    return bind.startsWith("127.");
  }
}
