package dev.ephemery.client;

import java.util.ArrayList;
import java.util.List;

/** Ports every beacon node has: libp2p (TCP and UDP), the beacon REST API and metrics. */
final class BeaconPorts {
  static final int P2P = 9000;

  static List<PortSpec> of(int p2pPort, int restPort, int metricsPort, PortSpec... extra) {
    List<PortSpec> ports = new ArrayList<>();
    ports.add(PortSpec.p2p("p2p", p2pPort, "tcp"));
    ports.add(PortSpec.p2p("p2p-udp", p2pPort, "udp"));
    ports.addAll(List.of(extra));
    ports.add(PortSpec.local("http", restPort));
    ports.add(PortSpec.internal("metrics", metricsPort));
    return List.copyOf(ports);
  }

  static List<HealthCheck> rest(int restPort) {
    // 200 ready, 206 syncing, 503 not initialised (beacon-API spec).
    return List.of(
        HealthCheck.get(restPort, "/eth/v1/node/health"),
        HealthCheck.get(restPort, "/eth/v1/beacon/genesis"));
  }

  private BeaconPorts() {}
}
