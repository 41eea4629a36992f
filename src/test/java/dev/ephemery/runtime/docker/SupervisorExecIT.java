package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import dev.ephemery.cli.Main;
import dev.ephemery.common.OperationalException;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.plan.Role;
import dev.ephemery.runtime.HostTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code reset} and {@code history} for a remote host run inside its supervisor container, over the
 * real sshd and dockerd. The stand-in supervisor is the busybox image with a {@code java} script
 * that reports its arguments, writes a non-ASCII line and one to stderr, and exits 0 for a dry run
 * and 2 otherwise.
 */
class SupervisorExecIT {

  static final String STUB =
      "printf '#!/bin/sh\\necho \"args: $*\"\\necho \"über ✓\"\\necho \"to stderr\" >&2\\n"
          + "case \"$*\" in *--dry-run*) exit 0;; *) exit 2;; esac\\n' > /bin/java"
          + " && chmod +x /bin/java && exec sleep 600";

  String node;
  Path work;
  DockerConnection local;

  @BeforeEach
  void setUp() throws IOException {
    String image = ItEnvironment.standinImage();
    ItEnvironment.require("EPHEMERY_IT_DOCKER_SOCKET", "dockerd");
    node = "sx" + UUID.randomUUID().toString().substring(0, 8);
    work = Files.createTempDirectory("ephemery-supervisor-exec-");
    local = DockerConnection.open(HostTarget.local(node));
    DockerClient docker = local.client();
    String id =
        docker
            .createContainerCmd(image)
            .withName(node + "-supervisor")
            .withLabels(Map.of(LabelKeys.NODE, node, LabelKeys.ROLE, Role.SUPERVISOR.id()))
            .withCmd("sh", "-c", STUB)
            .exec()
            .getId();
    docker.startContainerCmd(id).exec();
  }

  @AfterEach
  void tearDown() throws IOException {
    try {
      local.client().removeContainerCmd(node + "-supervisor").withForce(true).exec();
    } finally {
      local.close();
      DockerRuntimeContract.deleteTree(work);
    }
  }

  @Test
  void runsTheToolWithTheSupervisorsInventoryAndStreamsItsOutputAndExitCode() {
    List<String> out = new ArrayList<>();
    List<String> err = new ArrayList<>();
    long code =
        SupervisorExec.run(
            local.client(),
            node,
            List.of("history", "--host", node),
            out::add,
            err::add,
            Duration.ofSeconds(60));

    assertThat(code).isEqualTo(2);
    assertThat(out)
        .containsExactly(
            "args: -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar"
                + " /opt/ephemery-supervisor/ephemery.jar history --host "
                + node
                + " -f /opt/ephemery-supervisor/ephemery.yaml",
            "über ✓");
    assertThat(err).containsExactly("to stderr");
  }

  @Test
  void aHostWithoutARunningSupervisorIsAClearOperationalFailure() {
    assertThatThrownBy(
            () ->
                SupervisorExec.run(
                    local.client(),
                    "nosuch" + node,
                    List.of("history"),
                    l -> {},
                    l -> {},
                    Duration.ofSeconds(10)))
        .isInstanceOf(OperationalException.class)
        .hasMessageContaining("no supervisor container on this host")
        .hasMessageContaining("ephemery up --host nosuch" + node);

    local.client().stopContainerCmd(node + "-supervisor").withTimeout(1).exec();
    assertThatThrownBy(
            () ->
                SupervisorExec.run(
                    local.client(),
                    node,
                    List.of("history"),
                    l -> {},
                    l -> {},
                    Duration.ofSeconds(10)))
        .isInstanceOf(OperationalException.class)
        .hasMessageContaining("the supervisor container is exited");
  }

  @Test
  void resetAndHistoryOfAnSshHostRunOnTheHostThroughTheCli() throws IOException {
    String host = ItEnvironment.require("EPHEMERY_IT_SSH_HOST", "sshd");
    String port = ItEnvironment.require("EPHEMERY_IT_SSH_PORT", "sshd");
    Path inventory = work.resolve("ephemery.yaml");
    Files.writeString(
        inventory,
        """
        network: ephemery
        hosts:
          - name: %s
            address: ssh://root@%s:%s
            sshKeyFile: %s
            knownHostsFile: %s
            baseDir: /opt/ephemery-%s
            execution:
              client: geth
            consensus:
              client: lighthouse
        """
            .formatted(
                node,
                host,
                port,
                ItEnvironment.require("EPHEMERY_IT_SSH_KEY", "sshd"),
                ItEnvironment.require("EPHEMERY_IT_SSH_KNOWN_HOSTS", "sshd"),
                node));

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int dry =
        Main.run(
            new String[] {
              "reset", "-f", inventory.toString(), "--dry-run", "--force", "--output", "json"
            },
            new PrintWriter(out),
            new PrintWriter(err));

    assertThat(dry).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains(
            "args: -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar"
                + " /opt/ephemery-supervisor/ephemery.jar reset --host "
                + node
                + " --force --dry-run --output json -f /opt/ephemery-supervisor/ephemery.yaml");
    assertThat(err.toString()).contains(node + ": running 'reset --host").contains("to stderr");

    StringWriter historyOut = new StringWriter();
    int history =
        Main.run(
            new String[] {"history", "-f", inventory.toString()},
            new PrintWriter(historyOut),
            new PrintWriter(new StringWriter()));
    assertThat(history).as("the host's exit code comes back").isEqualTo(2);
    assertThat(historyOut.toString()).contains("history --host " + node + " --output text");
  }
}
