package dev.ephemery.plan;

import dev.ephemery.common.Problem;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.inventory.MonitoringSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A monitoring stack published on another address than loopback is allowed but said: Grafana then
 * answers the network with only its generated password, and Prometheus (its query API, its targets,
 * every metric of the node) with no login at all.
 */
public final class MonitoringExposure {

  private MonitoringExposure() {}

  /** One warning per host whose enabled monitoring is not bound to 127.0.0.0/8. */
  public static List<Problem> warnings(Inventory inventory) {
    List<Problem> warnings = new ArrayList<>();
    for (int i = 0; i < inventory.hosts().size(); i++) {
      Host host = inventory.hosts().get(i);
      MonitoringSpec spec = host.monitoring();
      if (spec == null || !spec.enabled() || spec.loopbackOnly()) {
        continue;
      }
      warnings.add(
          Problem.at(
              "hosts[" + i + "].monitoring.bind",
              0,
              host.name()
                  + " publishes Prometheus ("
                  + spec.prometheusPort()
                  + "), Grafana ("
                  + spec.grafanaPort()
                  + ") and node-exporter ("
                  + spec.nodeExporterPort()
                  + ") on "
                  + spec.bind()
                  + ": reachable from the network, Grafana behind its generated password and"
                  + " Prometheus with no login at all",
              "keep 127.0.0.1 and use an SSH tunnel (ssh -L 3000:127.0.0.1:3000 HOST), or"
                  + " firewall these ports to the machines that need them"));
    }
    return warnings;
  }
}
