package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ephemery.testkit.TestServices;
import dev.ephemery.testkit.TestServices.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hosts prepare} against a machine of its own: a container on the test dockerd running the
 * real OpenSSH sshd, from a rootfs assembled from this machine's installed packages
 * (src/test/resources/hosts-target/build-image.sh), published on 127.0.0.1 only, logged into with a
 * key generated here and a pinned host key. Real: sshd, the SSH transport, the facts script under
 * busybox sh, /etc/os-release, uname, id, df on a small tmpfs at baseDir, /proc/meminfo,
 * /sys/fs/cgroup. Stand-ins (shell scripts in that folder, state in /var/lib/standin): the docker
 * CLI, apt-get, systemctl, timedatectl and ufw. Nothing on this machine is changed but the
 * container and its image, which are removed.
 */
class HostsPrepareIT {

  static final String RUN = "it-prep-" + UUID.randomUUID().toString().substring(0, 8);
  static final String IMAGE = "ephemery-test/prepare-target:" + RUN;

  static String socket;
  static Path keys;
  static String hostKey;

  @TempDir Path dir;

  @BeforeAll
  static void buildTarget() throws Exception {
    socket = TestServices.require(Service.DOCKER_SOCKET);
    keys = Files.createTempDirectory("ephemery-prepare-it");
    exec(
        List.of(
            "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.resolve("id").toString()));
    Path script = Path.of("src/test/resources/hosts-target/build-image.sh").toAbsolutePath();
    exec(
        List.of(
            "bash",
            script.toString(),
            socket,
            IMAGE,
            keys.resolve("id.pub").toString(),
            keys.resolve("host.pub").toString()));
    String[] pub = Files.readString(keys.resolve("host.pub")).trim().split(" ");
    hostKey = pub[0] + " " + pub[1];
  }

  @AfterAll
  static void removeTarget() throws Exception {
    if (socket == null) {
      return;
    }
    String ids = docker("ps", "-aq", "--filter", "label=dev.ephemery.test=" + RUN).trim();
    if (!ids.isEmpty()) {
      List<String> rm = new ArrayList<>(List.of("rm", "-f", "-v"));
      rm.addAll(List.of(ids.split("\\s+")));
      docker(rm.toArray(String[]::new));
    }
    docker("rmi", "-f", IMAGE);
    if (keys != null) {
      try (var files = Files.walk(keys)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** A running target; {@code env} sets up its stand-ins (see hosts-target/entrypoint). */
  record Target(String container, Path inventory) {}

  Target start(String name, String tmpfsSize, Map<String, String> env) throws Exception {
    return start(name, tmpfsSize, env, "root");
  }

  Target start(String name, String tmpfsSize, Map<String, String> env, String user)
      throws Exception {
    List<String> run =
        new ArrayList<>(
            List.of(
                "run",
                "-d",
                "--name",
                RUN + "-" + name,
                "--label",
                "dev.ephemery.test=" + RUN,
                "--tmpfs",
                "/data:size=" + tmpfsSize,
                "-p",
                "127.0.0.1::22"));
    env.forEach((k, v) -> run.addAll(List.of("-e", k + "=" + v)));
    run.add(IMAGE);
    String container = docker(run.toArray(String[]::new)).trim();
    String published = docker("port", container, "22").lines().findFirst().orElseThrow();
    int port = Integer.parseInt(published.substring(published.lastIndexOf(':') + 1));
    awaitSshd(container);
    Path knownHosts = dir.resolve(name + "-known_hosts");
    Files.writeString(knownHosts, "[127.0.0.1]:" + port + " " + hostKey + "\n");
    Path inventory = dir.resolve(name + ".yaml");
    Files.writeString(
        inventory,
        """
        hosts:
          - name: %s
            address: ssh://%s@127.0.0.1:%d
            sshKeyFile: %s
            knownHostsFile: %s
            baseDir: /data/ephemery
            execution: { client: geth }
            consensus: { client: lighthouse }
        """
            .formatted(name, user, port, keys.resolve("id"), knownHosts));
    return new Target(container, inventory);
  }

  /** Every file on the target's root and baseDir filesystems with its checksum, and every link. */
  static String listing(Target target) throws Exception {
    return docker(
        "exec",
        target.container(),
        "sh",
        "-c",
        "{ find / /data -xdev -type f -exec md5sum {} + ;"
            + " find / /data -xdev -type l -exec ls -l {} + ; find / /data -xdev -type d ; }"
            + " 2>/dev/null | sort");
  }

  static Map<String, String> verdicts(JsonNode host) {
    Map<String, String> verdicts = new LinkedHashMap<>();
    host.get("checks")
        .forEach(c -> verdicts.put(c.get("name").asText(), c.get("verdict").asText()));
    return verdicts;
  }

  @Test
  void readOnlyByDefaultAndEachCheckFailsOnATargetPreparedToFailIt() throws Exception {
    Target target = start("failing", "1m", Map.of("STANDIN_DOCKER", "absent", "STANDIN_NTP", "no"));
    String before = listing(target);

    CliRun json =
        CliRun.of("hosts", "prepare", "-f", target.inventory().toString(), "--output", "json");
    String after = listing(target);

    assertThat(json.code()).as(json.all()).isEqualTo(1);
    assertThat(after).as("nothing on the target changed").isEqualTo(before);
    assertThat(before).contains("/var/lib/standin/ntp").contains("/data");
    JsonNode host = json.json().get(0);
    assertThat(verdicts(host))
        .containsEntry("os", "OK")
        .containsEntry("docker", "FAIL")
        .containsEntry("docker-access", "WARN")
        .containsEntry("firewall", "WARN")
        .containsEntry("time-sync", "WARN")
        .containsEntry("disk", "FAIL")
        .containsEntry("memory", "OK")
        .containsEntry("storage-driver", "WARN");
    assertThat(host.get("changed")).isEmpty();
    assertThat(host.get("pending").toString())
        .contains("install docker.io")
        .contains("ufw: allow 30303/tcp")
        .contains("ufw: allow 9000/udp")
        .contains("turn on time synchronisation")
        .doesNotContain("22/tcp");
    JsonNode disk = host.get("checks").get(5);
    assertThat(disk.get("found").asText()).contains("1 MiB free under /data");

    CliRun text = CliRun.of("hosts", "prepare", "-f", target.inventory().toString());
    assertThat(text.code()).isEqualTo(1);
    assertThat(text.out())
        .contains("FAIL docker")
        .contains("no docker command on the PATH")
        .contains("fix: install it: apt-get install docker.io")
        .contains("--apply would:");
    assertThat(listing(target)).isEqualTo(before);
  }

  @Test
  void aStoppedOrOldEngineFails() throws Exception {
    Target stopped = start("stopped", "40g", Map.of("STANDIN_DOCKER", "stopped"));
    JsonNode host =
        CliRun.of("hosts", "prepare", "-f", stopped.inventory().toString(), "--output", "json")
            .json()
            .get(0);
    assertThat(verdicts(host)).containsEntry("docker", "FAIL").containsEntry("disk", "OK");
    assertThat(host.get("checks").get(1).get("found").asText())
        .contains("Cannot connect to the Docker daemon");

    Target old = start("old", "40g", Map.of("STANDIN_DOCKER_VERSION", "19.03.15"));
    CliRun run = CliRun.of("hosts", "prepare", "-f", old.inventory().toString(), "--apply");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("Docker Engine 19.03.15 is older than 20.10");
  }

  @Test
  void applyMakesEachChangeOnceAndASecondApplyChangesNothing() throws Exception {
    Target target = start("apply", "40g", Map.of("STANDIN_DOCKER", "absent", "STANDIN_NTP", "no"));

    CliRun first =
        CliRun.of(
            "hosts", "prepare", "-f", target.inventory().toString(), "--apply", "--output", "json");
    assertThat(first.code()).as(first.all()).isZero();
    JsonNode host = first.json().get(0);
    List<String> changes = new ArrayList<>();
    host.get("changed").forEach(c -> changes.add(c.get("change").asText()));
    assertThat(changes)
        .hasSize(8)
        .anyMatch(c -> c.contains("install docker.io"))
        .anyMatch(c -> c.contains("start the docker service"))
        .anyMatch(c -> c.contains("ufw: allow 30303/tcp"))
        .anyMatch(c -> c.contains("ufw: allow 30303/udp"))
        .anyMatch(c -> c.contains("ufw: allow 9000/tcp"))
        .anyMatch(c -> c.contains("ufw: allow 9000/udp"))
        .anyMatch(c -> c.contains("ufw: allow 9001/udp (lighthouse quic"))
        .anyMatch(c -> c.contains("turn on time synchronisation"));
    host.get("changed").forEach(c -> assertThat(c.get("ok").asBoolean()).isTrue());
    assertThat(verdicts(host)).doesNotContainValue("FAIL").containsEntry("docker", "OK");
    assertThat(verdicts(host).get("firewall")).isEqualTo("OK");
    assertThat(verdicts(host).get("time-sync")).isEqualTo("OK");
    assertThat(host.get("pending")).isEmpty();
    assertThat(docker("exec", target.container(), "cat", "/var/lib/standin/ufw-rules"))
        .isEqualTo("22/tcp\n30303/tcp\n30303/udp\n9000/tcp\n9000/udp\n9001/udp\n");
    String afterFirst = listing(target);

    CliRun second = CliRun.of("hosts", "prepare", "-f", target.inventory().toString(), "--apply");
    assertThat(second.code()).as(second.all()).isZero();
    assertThat(second.out()).contains("nothing to change").doesNotContain("changed:");
    assertThat(listing(target)).as("the second --apply changed nothing").isEqualTo(afterFirst);
  }

  @Test
  void aUserOutsideTheDockerGroupFailsAndApplyWithoutSudoChangesNothing() throws Exception {
    Target target = start("ops", "40g", Map.of(), "ops");
    String before = listing(target);

    CliRun json =
        CliRun.of("hosts", "prepare", "-f", target.inventory().toString(), "--output", "json");
    assertThat(json.code()).as(json.all()).isEqualTo(1);
    JsonNode host = json.json().get(0);
    assertThat(verdicts(host))
        .containsEntry("docker", "OK")
        .containsEntry("docker-access", "FAIL")
        .containsEntry("firewall", "WARN");
    assertThat(host.get("checks").get(3).get("found").asText())
        .contains("ufw is installed but its rules cannot be read as ops");
    assertThat(host.get("pending").toString())
        .contains("add ops to the docker group (root-equivalent");

    CliRun apply = CliRun.of("hosts", "prepare", "-f", target.inventory().toString(), "--apply");
    assertThat(apply.code()).as(apply.all()).isEqualTo(1);
    assertThat(apply.out())
        .contains("FAILED to change: add ops to the docker group")
        .contains("sudo")
        .contains("FAIL docker-access   ops may not use Docker");
    assertThat(listing(target)).as("nothing on the target changed").isEqualTo(before);
  }

  @Test
  void checkAndUpStopOnAFailBeforeAnythingChanges() throws Exception {
    Target target = start("gate", "40g", Map.of("STANDIN_DOCKER", "absent"));
    String before = listing(target);

    CliRun check = CliRun.of("check", "-f", target.inventory().toString(), "--output", "json");
    assertThat(check.code()).as(check.all()).isEqualTo(1);
    assertThat(check.json().get("failures").toString())
        .contains("gate host check docker")
        .contains("no docker command on the PATH");
    CliRun noProbe = CliRun.of("check", "-f", target.inventory().toString(), "--no-probe");
    assertThat(noProbe.code()).as(noProbe.all()).isZero();

    Path plan = dir.resolve("plan.json");
    // an empty plan: up would only make the network and folders, after the host checks
    new com.fasterxml.jackson.databind.ObjectMapper()
        .writeValue(
            plan.toFile(),
            new dev.ephemery.plan.Plan(
                List.of(
                    new dev.ephemery.plan.HostPlan(
                        "gate",
                        "ssh://",
                        "/data/ephemery",
                        1,
                        "ephemery-gate",
                        List.of(),
                        List.of()))));
    CliRun up =
        CliRun.of(
            "up",
            "-f",
            target.inventory().toString(),
            "--plan",
            plan.toString(),
            "--release",
            dir.toString());
    assertThat(up.code()).as(up.all()).isEqualTo(1);
    assertThat(up.err())
        .contains("gate host check docker: no docker command on the PATH")
        .contains("hosts prepare --host gate")
        .doesNotContain("\tat ");
    assertThat(listing(target)).as("nothing on the target changed").isEqualTo(before);
  }

  static void awaitSshd(String container) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!docker("logs", container).contains("Server listening")) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("sshd in " + container + " did not start");
      }
      Thread.sleep(100);
    }
  }

  static String docker(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("docker", "-H", "unix://" + socket));
    command.addAll(List.of(args));
    return exec(command);
  }

  static String exec(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError(
          String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
