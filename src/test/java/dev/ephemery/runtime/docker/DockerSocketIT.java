package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.Purge;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The supervisor's socket reader against the real dockerd, checked against docker-java's view. */
class DockerSocketIT {

  String node;
  String other;
  String image;
  DockerConnection connection;

  @BeforeEach
  void setUp() {
    image = ItEnvironment.standinImage();
    ItEnvironment.require("EPHEMERY_IT_DOCKER_SOCKET", "dockerd");
    String id = UUID.randomUUID().toString().substring(0, 8);
    node = "sock" + id;
    other = "other" + id;
    connection = DockerConnection.open(HostTarget.local(node));
  }

  @AfterEach
  void tearDown() {
    if (connection != null) {
      DockerRuntime runtime = new DockerRuntime(connection.client(), l -> {});
      runtime.down(node, null, Purge.NONE, image, false);
      runtime.down(other, null, Purge.NONE, image, false);
      connection.close();
    }
  }

  private String run(String owner, String service, String script) {
    DockerClient docker = connection.client();
    String id =
        docker
            .createContainerCmd(image)
            .withName(owner + "-" + service)
            .withCmd("sh", "-c", script)
            .withLabels(
                Map.of(LabelKeys.NODE, owner, LabelKeys.SERVICE, service, LabelKeys.ROLE, service))
            .exec()
            .getId();
    docker.startContainerCmd(id).exec();
    return id;
  }

  @Test
  void seesOnlyTheNodesContainersWithTheStateAndExitCodeDockerJavaReports() throws Exception {
    String exited = run(node, "execution", "exit 3");
    run(node, "consensus", TestPlans.TERM + "sleep 3600 & wait");
    run(other, "execution", TestPlans.TERM + "sleep 3600 & wait");
    DockerSocket socket = DockerSocket.local();
    socket.ping();

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> !connection.client().inspectContainerCmd(exited).exec().getState().getRunning());
    var containers = socket.containers(node);

    assertThat(containers)
        .extracting(DockerSocket.ContainerSummary::name)
        .containsExactlyInAnyOrder(node + "-execution", node + "-consensus");
    var execution =
        containers.stream().filter(c -> c.id().equals(exited)).findFirst().orElseThrow();
    assertThat(execution.state()).isEqualTo("exited");
    assertThat(execution.labels())
        .containsEntry(LabelKeys.NODE, node)
        .containsEntry(LabelKeys.SERVICE, "execution");
    var inspected = connection.client().inspectContainerCmd(exited).exec();
    assertThat(socket.inspect(exited))
        .isEqualTo(
            new DockerSocket.ContainerDetail(
                inspected.getRestartCount(), inspected.getState().getExitCodeLong().intValue()));
    assertThat(socket.inspect(exited).exitCode()).isEqualTo(3);
  }
}
