package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.ephemery.ops.ContainerWatch.Observation;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.Purge;
import dev.ephemery.supervisor.AutoRecovery;
import dev.ephemery.supervisor.RecoveryPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Auto-recovery against the real dockerd: stand-in containers that exit with a client's real error
 * text, one left to us (no restart policy) and one that Docker's own policy restarts.
 */
class DockerRecoveryIT {

  String node;
  String image;
  DockerConnection connection;

  @BeforeEach
  void setUp() {
    image = ItEnvironment.standinImage();
    ItEnvironment.require("EPHEMERY_IT_DOCKER_SOCKET", "dockerd");
    node = "rec" + UUID.randomUUID().toString().substring(0, 8);
    connection = DockerConnection.open(HostTarget.local(node));
  }

  @AfterEach
  void tearDown() throws IOException {
    if (connection != null) {
      new DockerRuntime(connection.client(), l -> {}).down(node, null, Purge.NONE, image, false);
      connection.close();
    }
  }

  void create(String service, String role, String script, String restart) {
    DockerClient docker = connection.client();
    HostConfig host = HostConfig.newHostConfig();
    if (restart != null) {
      host.withRestartPolicy(RestartPolicy.parse(restart));
    }
    String id =
        docker
            .createContainerCmd(image)
            .withName(node + "-" + service)
            .withCmd("sh", "-c", script)
            .withLabels(
                Map.of(
                    LabelKeys.NODE, node,
                    LabelKeys.SERVICE, service,
                    LabelKeys.ROLE, role))
            .withHostConfig(host)
            .exec()
            .getId();
    docker.startContainerCmd(id).exec();
  }

  @Test
  void exitingContainersAreRestartedThenDiagnosedAndGivenUpOn() throws Exception {
    create(
        "consensus",
        "consensus",
        "echo 'INFO Lighthouse started'; echo \"error: invalid value 'ephemery' for"
            + " '--network <network>'\" >&2; exit 2",
        null);
    create(
        "execution",
        "execution",
        "echo 'Fatal: flag provided but not defined: -txlookuplimit'; exit 1",
        "on-failure:50");
    create("validator", "validator", TestPlans.TERM + "sleep 3600 & wait", null);
    create("init", "init", "exit 0", null);

    DockerContainerWatch watch =
        new DockerContainerWatch(DockerSocket.local(), connection::client, node);
    Map<String, String> alerts = new ConcurrentHashMap<>();
    AutoRecovery recovery =
        new AutoRecovery(
            watch,
            new RecoveryPolicy(
                new RecoveryPolicy.Settings(
                    Duration.ofMillis(200), Duration.ofSeconds(1), 3, Duration.ofMinutes(2), 5)),
            alerts::put,
            Clock.systemUTC(),
            () -> false);

    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              recovery.check();
              return alerts.containsKey("recovery-stopped-consensus")
                  && alerts.containsKey("restart-loop-execution");
            });

    assertThat(watch.observe().stream().map(Observation::service))
        .containsExactly("consensus", "execution", "validator");
    assertThat(alerts.get("restart-loop-consensus"))
        .contains("--testnet-dir")
        .contains("invalid value 'ephemery'");
    assertThat(alerts.get("recovery-stopped-consensus")).contains("no more automatic restarts");
    assertThat(recovery.snapshot().restarts().get("consensus")).isEqualTo(4L);
    assertThat(recovery.snapshot().givenUp()).contains("consensus");
    // Docker restarts this one itself: the loop shows in RestartCount and is diagnosed all the
    // same.
    assertThat(alerts.get("restart-loop-execution")).contains("--history.transactions");
    assertThat(recovery.snapshot().restarts().getOrDefault("validator", 0L)).isZero();
    // Given up: no more starts even though it is down.
    int count =
        connection.client().inspectContainerCmd(node + "-consensus").exec().getRestartCount();
    String startedAt =
        connection
            .client()
            .inspectContainerCmd(node + "-consensus")
            .exec()
            .getState()
            .getStartedAt();
    // Checks keep finding it down for a while and start it no more.
    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              recovery.check();
              return startedAt.equals(
                  connection
                      .client()
                      .inspectContainerCmd(node + "-consensus")
                      .exec()
                      .getState()
                      .getStartedAt());
            });
    assertThat(
            connection
                .client()
                .inspectContainerCmd(node + "-consensus")
                .exec()
                .getState()
                .getStartedAt())
        .isEqualTo(startedAt);
    assertThat(count).isZero();
  }
}
