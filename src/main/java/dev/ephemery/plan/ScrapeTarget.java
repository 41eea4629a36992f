package dev.ephemery.plan;

import java.util.Map;

/**
 * One thing Prometheus scrapes on the node network.
 *
 * @param job the scrape job: one per client, plus node-exporter, the supervisor and Prometheus
 * @param address {@code service:port}, resolved on the node network by the service's alias
 * @param path the metrics path the client serves
 * @param client which catalogue of metric names the target exports ({@link MetricCatalog})
 * @param labels {@code node}, {@code client}, {@code role}, {@code iteration}
 */
public record ScrapeTarget(
    String job, String address, String path, String client, Map<String, String> labels) {
  public ScrapeTarget {
    // In the order given: Map.copyOf would change it from one JVM to the next, and the file with
    // it.
    labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
  }
}
