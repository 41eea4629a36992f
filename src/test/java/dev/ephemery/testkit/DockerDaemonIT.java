package dev.ephemery.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local Docker daemon works the way the tool needs it: containers from the stand-in image on a
 * labelled user-defined bridge network, reachable from each other by container name.
 */
class DockerDaemonIT {

  private DockerKit docker;

  @BeforeEach
  void connect() {
    docker = DockerKit.open();
  }

  @AfterEach
  void cleanUp() {
    if (docker != null) {
      docker.close(); // removes everything labelled with this run's id
    }
  }

  @Test
  void labelledNetworkAndContainerRunAndResolveByName() {
    DockerClient client = docker.client();
    assertThat(client.pingCmd().exec()).isNull(); // ping returns Void; any error would throw

    String network = docker.name("net");
    client
        .createNetworkCmd()
        .withName(network)
        .withDriver("bridge")
        .withLabels(docker.labels())
        .exec();

    String serverName = docker.name("server");
    String server =
        client
            .createContainerCmd(docker.standinImage())
            .withName(serverName)
            .withLabels(docker.labels())
            .withHostConfig(HostConfig.newHostConfig().withNetworkMode(network))
            .withCmd("sh", "-c", "echo up > /tmp/index.html && exec httpd -f -p 8080 -h /tmp")
            .exec()
            .getId();
    client.startContainerCmd(server).exec();
    assertThat(client.inspectContainerCmd(server).exec().getState().getRunning()).isTrue();
    assertThat(
            client.listContainersCmd().withLabelFilter(docker.labels()).exec().stream()
                .map(c -> c.getId()))
        .containsExactly(server);

    // a second container on the same network reaches the first by name (embedded DNS)
    String client2 =
        client
            .createContainerCmd(docker.standinImage())
            .withName(docker.name("probe"))
            .withLabels(docker.labels())
            .withHostConfig(HostConfig.newHostConfig().withNetworkMode(network))
            .withCmd(
                "sh",
                "-c",
                "for i in 1 2 3 4 5 6 7 8 9 10; do wget -q -O- http://"
                    + serverName
                    + ":8080/ && exit 0; sleep 1; done; exit 1")
            .exec()
            .getId();
    client.startContainerCmd(client2).exec();
    Integer exit = client.waitContainerCmd(client2).start().awaitStatusCode(60, TimeUnit.SECONDS);
    assertThat(exit).as("probe exit code (wget by container name)").isZero();

    docker.removeLabelled();
    assertThat(client.listContainersCmd().withShowAll(true).withLabelFilter(docker.labels()).exec())
        .isEmpty();
    assertThat(
            client
                .listNetworksCmd()
                .withFilter("label", java.util.List.of(DockerKit.TEST_LABEL + "=" + docker.runId()))
                .exec())
        .isEmpty();
  }
}
