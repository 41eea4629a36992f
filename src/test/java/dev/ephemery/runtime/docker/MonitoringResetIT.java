package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import dev.ephemery.common.Pause;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.inventory.Host;
import dev.ephemery.ops.FaultInjector;
import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.NodeLayouts;
import dev.ephemery.ops.ResetJournal;
import dev.ephemery.ops.ResetMachine;
import dev.ephemery.ops.ResetState;
import dev.ephemery.ops.RetryPolicy;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.MonitoringPlan;
import dev.ephemery.plan.PlannedPath;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.RuntimeOptions;
import dev.ephemery.testing.Fixtures;
import dev.ephemery.testkit.EthereumJsNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real reset (the {@link ResetMachine} through {@link DockerNodeRuntime}, as {@code ephemery
 * reset} and the supervisor run it) on a node with monitoring enabled: the stand-in node of {@link
 * DockerResetIT} plus the planned Prometheus, Grafana and node-exporter, busybox standing in for
 * their images. The reset's wipe rules name client data only, so everything under {@code
 * <baseDir>/monitoring} (Prometheus' TSDB, Grafana's database, the admin password) is byte for byte
 * what it was, and the three containers run after it.
 */
class MonitoringResetIT {

  /** The node harness of the plain reset IT: its plans, releases and client data layout. */
  final DockerResetIT node = new DockerResetIT();

  int[] ports;
  DockerRuntime runtime;

  @BeforeEach
  void setUp() throws Exception {
    node.setUp();
    ports =
        new int[] {
          EthereumJsNode.freeLoopbackPort(),
          EthereumJsNode.freeLoopbackPort(),
          EthereumJsNode.freeLoopbackPort()
        };
    runtime = new DockerRuntime(node.connection.client(), l -> {});
  }

  @AfterEach
  void tearDown() throws IOException {
    if (node.connection != null) {
      DockerRuntimeContract.removeNode(node.connection.client(), node.node);
    }
    node.tearDown();
  }

  /** The stand-in node's plan for {@code iteration} with the monitoring stack added. */
  HostPlan withMonitoring(int iteration) {
    HostPlan base = node.plan(iteration);
    Host host =
        Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
            .name(node.node)
            .baseDir(node.base.toString())
            .monitoring(ports[0], ports[1], ports[2])
            .build();
    MonitoringPlan.Addition monitoring = MonitoringPlan.of(host, iteration, base.services());
    List<PlannedPath> paths = new ArrayList<>(base.paths());
    paths.addAll(monitoring.paths());
    List<Service> services = new ArrayList<>(base.services());
    for (Service s : monitoring.services()) {
      services.add(TestPlans.sleeping(s, node.image));
    }
    return new HostPlan(
        base.name(),
        base.address(),
        base.baseDir(),
        iteration,
        base.network(),
        paths,
        services,
        base.resetOwner());
  }

  ResetJournal reset(Path cache, int iteration) {
    HostPlan next = withMonitoring(iteration);
    try (DockerNodeRuntime nodeRuntime =
        new DockerNodeRuntime(
            node.connection.client(),
            runtime,
            next,
            cache.resolve("ephemery-" + iteration),
            node.image)) {
      ResetMachine machine =
          new ResetMachine(
              NodeLayouts.of(next),
              nodeRuntime,
              i -> Optional.of(cache.resolve("ephemery-" + i)),
              new JournalStore(node.base),
              Clock.systemUTC(),
              RetryPolicy.DEFAULT,
              FaultInjector.NONE);
      return machine.run(
          machine.begin(iteration, false),
          d -> {
            Pause.THREAD.pause(d.compareTo(Duration.ofSeconds(2)) < 0 ? d : Duration.ofSeconds(2));
            return true;
          },
          200);
    }
  }

  /** Every file under {@code dir}, relative, with the SHA-256 of its content. */
  static Map<String, String> digests(Path dir) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
        out.put(dir.relativize(p).toString(), HexFormat.of().formatHex(hash));
      }
    }
    return out;
  }

  /** The monitoring containers by service, with their ids, all running. */
  Map<String, String> monitoringContainers() {
    Map<String, Container> ours = runtime.ourContainers(node.node);
    return ours.values().stream()
        .filter(c -> Role.MONITORING.id().equals(c.getLabels().get("ephemery.role")))
        .filter(c -> "running".equals(c.getState()))
        .collect(
            Collectors.toMap(
                c -> c.getLabels().get("ephemery.client"),
                Container::getId,
                (a, b) -> a,
                TreeMap::new));
  }

  @Test
  void aRealResetLeavesEveryMonitoringFileAsItWasAndTheStackRunning() throws Exception {
    Path base = node.base;
    Path cache = node.work.resolve("cache");
    for (int i = 153; i <= 154; i++) {
      DockerResetIT.release(cache.resolve("ephemery-" + i), i);
    }
    DockerResetIT.release(base.resolve("testnet/ephemery-153"), 153);
    DockerResetIT.write(base.resolve("testnet/ephemery-153/.ephemery-release"), "153\n");
    for (String file : DockerResetIT.LAYOUT) {
      DockerResetIT.write(base.resolve(file), file);
    }
    runtime.up(
        withMonitoring(153), new RuntimeOptions(false, null, node.image, Duration.ofMinutes(2)));
    Map<String, String> before = monitoringContainers();
    assertThat(before).containsOnlyKeys("grafana", "node-exporter", "prometheus");

    // History as the real images leave it: a TSDB block and WAL, Grafana's database and plugins.
    Path monitoring = base.resolve(MonitoringPlan.DIR);
    DockerResetIT.write(monitoring.resolve("prometheus/data/01JBLOCK/chunks/000001"), "samples");
    DockerResetIT.write(monitoring.resolve("prometheus/data/01JBLOCK/meta.json"), "{}");
    DockerResetIT.write(monitoring.resolve("prometheus/data/wal/00000003"), "wal");
    DockerResetIT.write(monitoring.resolve("grafana/data/grafana.db"), "sqlite");
    DockerResetIT.write(monitoring.resolve("grafana/data/plugins/.keep"), "");
    Map<String, String> data = new TreeMap<>();
    digests(monitoring.resolve("prometheus/data"))
        .forEach((k, v) -> data.put("prometheus/" + k, v));
    digests(monitoring.resolve("grafana/data")).forEach((k, v) -> data.put("grafana/" + k, v));
    String password = Files.readString(base.resolve(MonitoringPlan.GRAFANA_PASSWORD));
    assertThat(data).hasSize(5);
    assertThat(password).isNotBlank();

    ResetJournal end = reset(cache, 154);

    assertThat(end.state()).as(end.reason()).isEqualTo(ResetState.DONE);
    // The reset did its job on the client data (DockerResetIT checks the details) ...
    assertThat(node.files(base.resolve("data"))).isEqualTo(DockerResetIT.AFTER);
    // ... and left the monitoring data byte for byte.
    Map<String, String> after = new TreeMap<>();
    digests(monitoring.resolve("prometheus/data"))
        .forEach((k, v) -> after.put("prometheus/" + k, v));
    digests(monitoring.resolve("grafana/data")).forEach((k, v) -> after.put("grafana/" + k, v));
    assertThat(after).isEqualTo(data);
    assertThat(Files.readString(base.resolve(MonitoringPlan.GRAFANA_PASSWORD))).isEqualTo(password);
    assertThat(Files.readString(monitoring.resolve("prometheus/config/prometheus.yml")))
        .contains("\"154\"")
        .doesNotContain("\"153\"");

    // The stack runs after the reset. Its containers are replaced by the reset's up, not kept:
    // the iteration is part of every non-supervisor container's plan hash, and of prometheus.yml
    // (the `iteration` label), so all three are recreated on the same bind-mounted data.
    Map<String, String> afterReset = monitoringContainers();
    assertThat(afterReset).containsOnlyKeys("grafana", "node-exporter", "prometheus");
    assertThat(afterReset.values()).doesNotContainAnyElementsOf(before.values());
  }
}
