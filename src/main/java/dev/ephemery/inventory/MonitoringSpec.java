package dev.ephemery.inventory;

/** Prometheus, Grafana and node-exporter next to the node; ports are bound to 127.0.0.1. */
public record MonitoringSpec(
    boolean enabled, int prometheusPort, int grafanaPort, int nodeExporterPort) {
  public static final int DEFAULT_PROMETHEUS_PORT = 9090;
  public static final int DEFAULT_GRAFANA_PORT = 3000;
  public static final int DEFAULT_NODE_EXPORTER_PORT = 9100;
}
