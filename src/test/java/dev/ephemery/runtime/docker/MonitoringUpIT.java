package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.inventory.Host;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.MonitoringPlan;
import dev.ephemery.plan.PlannedPath;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.Change;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.Purge;
import dev.ephemery.runtime.RuntimeOptions;
import dev.ephemery.runtime.UpReport;
import dev.ephemery.testing.Fixtures;
import dev.ephemery.testkit.EthereumJsNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code up} on stand-ins brings the three monitoring containers up with the node and installs
 * their configuration; a second {@code up} changes nothing; a new iteration (what a reset plans)
 * rewrites the configuration and recreates Prometheus but leaves its data; {@code down
 * --purge-data} keeps the monitoring data unless told to purge it. The planned monitoring services
 * keep everything but their image and command, which busybox stands in for (images are not pulled
 * here).
 */
class MonitoringUpIT {

  String node;
  Path baseDir;
  Path release;
  String image;
  DockerConnection connection;
  DockerRuntime runtime;
  int[] ports;

  @BeforeEach
  void connect() throws IOException {
    String socket = ItEnvironment.get("EPHEMERY_IT_DOCKER_SOCKET");
    if (socket == null || !Files.exists(Path.of(socket))) {
      ItEnvironment.missing("no Docker socket (EPHEMERY_IT_DOCKER_SOCKET)");
    }
    image = ItEnvironment.standinImage();
    ports =
        new int[] {
          EthereumJsNode.freeLoopbackPort(),
          EthereumJsNode.freeLoopbackPort(),
          EthereumJsNode.freeLoopbackPort()
        };
    node = "itmon" + UUID.randomUUID().toString().substring(0, 8);
    baseDir = Files.createTempDirectory("ephemery-it-").resolve(node);
    release = Files.createTempDirectory("ephemery-it-release-");
    Files.writeString(release.resolve("config.yaml"), "CONFIG_NAME: ephemery\n");
    Files.writeString(release.resolve("genesis.json"), "{\"config\":{\"chainId\":39438153}}\n");
    connection = DockerConnection.open(HostTarget.local(node));
    runtime = new DockerRuntime(connection.client(), line -> {});
  }

  @AfterEach
  void cleanUp() throws IOException {
    if (connection != null) {
      DockerRuntimeContract.removeNode(connection.client(), node);
      connection.close();
    }
    DockerRuntimeContract.deleteTree(release);
    DockerRuntimeContract.deleteTree(baseDir.getParent());
  }

  /** The stand-in node plus the planned monitoring stack, with busybox as every image. */
  HostPlan plan(int iteration) {
    HostPlan base = TestPlans.node(node, "local", baseDir.toString(), image, "");
    Host host =
        Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
            .name(node)
            .baseDir(baseDir.toString())
            .monitoring(ports[0], ports[1], ports[2])
            .build();
    MonitoringPlan.Addition monitoring = MonitoringPlan.of(host, iteration, base.services());
    List<PlannedPath> paths = new ArrayList<>(base.paths());
    paths.addAll(monitoring.paths());
    List<Service> services = new ArrayList<>(base.services());
    for (Service s : monitoring.services()) {
      services.add(TestPlans.sleeping(s, image));
    }
    return new HostPlan(
        node, "local", baseDir.toString(), iteration, node + "-net", paths, services);
  }

  RuntimeOptions options() {
    return new RuntimeOptions(false, release, image, Duration.ofSeconds(60), false, null);
  }

  @Test
  void upStartsTheStackASecondUpChangesNothingAResetKeepsItsDataAndPurgeKeepsIt() throws Exception {
    HostPlan plan = plan(153);
    UpReport first = runtime.up(plan, options());
    assertThat(first.changes())
        .extracting(Change::object)
        .contains(
            "ephemery-" + node + "-prometheus",
            "ephemery-" + node + "-grafana",
            "ephemery-" + node + "-node-exporter");
    List<Container> running =
        runtime.ourContainers(node).values().stream()
            .filter(c -> "running".equals(c.getState()))
            .filter(c -> Role.MONITORING.id().equals(c.getLabels().get("ephemery.role")))
            .toList();
    assertThat(running).hasSize(3);
    Path config = baseDir.resolve("monitoring/prometheus/config/prometheus.yml");
    Path password = baseDir.resolve("monitoring/grafana-admin-password");
    assertThat(Files.readString(config)).contains("scrape_configs", "\"153\"");
    assertThat(Files.exists(password)).isTrue();

    assertThat(runtime.up(plan, options()).changes()).isEmpty();

    // A reset plans the next iteration: config rewritten, Prometheus and Grafana recreated, data
    // kept.
    Path marker = baseDir.resolve("monitoring/prometheus/data/kept-across-resets");
    writeAsRoot(marker);
    HostPlan next = plan(154);
    UpReport reset = runtime.up(next, options());
    assertThat(reset.changes())
        .anySatisfy(
            c -> {
              assertThat(c.kind()).isEqualTo("config");
              assertThat(c.object()).endsWith("prometheus.yml");
            });
    assertThat(reset.changes()).noneMatch(c -> c.kind().equals("file"));
    assertThat(Files.readString(config)).contains("\"154\"").doesNotContain("\"153\"");
    assertThat(marker).exists();

    runtime.down(node, MonitoringPlan.keepingItsData(next), Purge.DATA, image, false);
    assertThat(marker).exists();
    assertThat(config).exists();
    assertThat(baseDir.resolve("data/el")).doesNotExist();
  }

  /** The data folder belongs to Prometheus' uid; the test writes into it the way a helper would. */
  private void writeAsRoot(Path file) throws IOException {
    try {
      Files.writeString(file, "history\n");
    } catch (IOException notOwner) {
      throw new IOException("run the ITs as root, as CI does: " + notOwner.getMessage(), notOwner);
    }
  }
}
