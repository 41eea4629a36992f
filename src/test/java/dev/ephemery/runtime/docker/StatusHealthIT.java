package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ephemery.cli.Main;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Plan;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.Purge;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * {@code status --output json} over a node whose consensus stand-in crashes with lighthouse's own
 * error text: that component FAILs with its exit code and the doctor's cause, the host is unhealthy
 * and the exit code 1; on a local host and on an ssh:// host through the real sshd.
 */
class StatusHealthIT {

  /** lighthouse's clap error (lighthouse/src/main.rs --network), then its exit. */
  static final String CRASH =
      "echo \"error: invalid value 'ephemery' for '--network <network>'\" >&2; exit 1";

  Path work;
  String node;
  String image;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void setUp() throws IOException {
    image = ItEnvironment.standinImage();
    ItEnvironment.require("EPHEMERY_IT_DOCKER_SOCKET", "dockerd");
    work = Files.createTempDirectory("ephemery-status-it-");
    node = "st" + UUID.randomUUID().toString().substring(0, 8);
    Path release = Files.createDirectories(work.resolve("release"));
    Files.writeString(release.resolve("config.yaml"), "CONFIG_NAME: ephemery\n");
  }

  @AfterEach
  void tearDown() throws IOException {
    try (DockerConnection connection = DockerConnection.open(HostTarget.local(node))) {
      new DockerRuntime(connection.client(), l -> {}).down(node, null, Purge.NONE, image, false);
    }
    DockerRuntimeContract.deleteTree(work);
  }

  Path inventory(String address, String extra) throws IOException {
    Path file = work.resolve("ephemery.yaml");
    Files.writeString(
        file,
        "network: ephemery\nhosts:\n  - name: "
            + node
            + "\n    address: "
            + address
            + "\n    baseDir: "
            + work.resolve("base")
            + "\n"
            + extra
            + "    execution:\n      client: geth\n    consensus:\n      client: lighthouse\n");
    return file;
  }

  /** The stand-in node with a consensus container that exits as lighthouse does. */
  Path crashingPlan(String address) throws IOException {
    HostPlan healthy = TestPlans.node(node, address, work.resolve("base").toString(), image, "");
    List<Service> services = new ArrayList<>();
    for (Service s : healthy.services()) {
      services.add(
          s.name().equals("cl")
              ? new Service(
                  s.name(),
                  s.role(),
                  s.client(),
                  s.image(),
                  s.entrypoint(),
                  List.of(CRASH),
                  s.ports(),
                  s.mounts(),
                  s.env(),
                  s.labels(),
                  s.dependsOn(),
                  false,
                  null,
                  null,
                  null)
              : s);
    }
    HostPlan host =
        new HostPlan(
            healthy.name(),
            healthy.address(),
            healthy.baseDir(),
            healthy.iteration(),
            healthy.network(),
            healthy.paths(),
            services);
    Path file = work.resolve("plan.json");
    new ObjectMapper().writeValue(file.toFile(), new Plan(List.of(host)));
    return file;
  }

  Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  void crashedComponentFails(String address, String extra) throws IOException {
    String inv = inventory(address, extra).toString();
    String plan = crashingPlan(address).toString();
    // up reports the crash (exit 1); the containers are there for status to look at
    Run up =
        run(
            "up",
            "-f",
            inv,
            "--plan",
            plan,
            "--release",
            work.resolve("release").toString(),
            "--helper-image=" + image,
            "--wait-timeout",
            "10");
    assertThat(up.out() + up.err()).contains(node + "-cl");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                run("status", "-f", inv, "--plan", plan, "--output", "json")
                    .out()
                    .contains("\"exited\""));

    Run status =
        run("status", "-f", inv, "--plan", plan, "--output", "json", "--helper-image=" + image);

    assertThat(status.code()).as(status.out() + status.err()).isEqualTo(1);
    JsonNode host = new ObjectMapper().readTree(status.out()).get(0);
    assertThat(host.get("reachable").asBoolean()).isTrue();
    assertThat(host.get("healthy").asBoolean()).isFalse();
    assertThat(host.get("verdict").asText()).isEqualTo("FAIL");
    assertThat(host.get("iteration").asInt()).isEqualTo(153);
    assertThat(host.get("services")).hasSize(3);
    assertThat(host.get("components").get("cl").asText()).isEqualTo("FAIL");
    assertThat(host.get("components").get("el").asText()).isEqualTo("OK");
    JsonNode cl = null;
    for (JsonNode check : host.get("checks")) {
      if (check.get("component").asText().equals("cl")) {
        cl = check;
      }
    }
    assertThat(cl).isNotNull();
    assertThat(cl.get("verdict").asText()).isEqualTo("FAIL");
    assertThat(cl.get("code").asText()).isEqualTo("container.exited");
    assertThat(cl.get("detail").asText())
        .contains("exited with code 1")
        .contains("the client does not know the network name")
        .contains("invalid value 'ephemery'");
  }

  static final String PASSWORD = "correct-horse-battery-staple-42";
  static final String TOKEN = "tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0";
  static final String PEM_BODY = "MC4CAQAwBQYDK2VwBCIEIAbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg";
  static final String KEYSTORE_CIPHER =
      "d2217fe5f3e9a1e34581ef8a78f7355f9d6e3c4b2a1908070605040302010055";

  /**
   * The bundle of {@code doctor --bundle} from the crashed node, whose EL prints each kind of
   * secret into its log and carries a password and a token in its environment: none of them is in
   * it.
   */
  @Test
  void doctorNamesTheCauseAndItsBundleLeaksNoSecret() throws Exception {
    String inv = inventory("local", "").toString();
    Path planFile = crashingPlan("local");
    Plan plan = new ObjectMapper().readValue(planFile.toFile(), Plan.class);
    HostPlan host = plan.hosts().get(0);
    List<Service> services = new ArrayList<>();
    String leak =
        "echo \"token=$API_TOKEN password: $KEY_PASSWORD\"; echo \"jwt $(cat /jwt.hex)\"; "
            + "echo '-----BEGIN PRIVATE KEY-----'; echo '"
            + PEM_BODY
            + "'; "
            + "echo '-----END PRIVATE KEY-----'; "
            + "echo '{\"crypto\":{\"cipher\":{\"function\":\"aes-128-ctr\",\"message\":\""
            + KEYSTORE_CIPHER
            + "\"}}}'; "
            + TestPlans.TERM
            + "sleep 3600 & wait";
    for (Service s : host.services()) {
      services.add(
          s.name().equals("el")
              ? new Service(
                  s.name(),
                  s.role(),
                  s.client(),
                  s.image(),
                  s.entrypoint(),
                  List.of(leak),
                  s.ports(),
                  s.mounts(),
                  java.util.Map.of("API_TOKEN", TOKEN, "KEY_PASSWORD", PASSWORD),
                  s.labels(),
                  s.dependsOn(),
                  false,
                  null,
                  "unless-stopped",
                  null)
              : s);
    }
    HostPlan leaking =
        new HostPlan(
            host.name(),
            host.address(),
            host.baseDir(),
            host.iteration(),
            host.network(),
            host.paths(),
            services);
    new ObjectMapper().writeValue(planFile.toFile(), new Plan(List.of(leaking)));
    String planPath = planFile.toString();
    run(
        "up",
        "-f",
        inv,
        "--plan",
        planPath,
        "--release",
        work.resolve("release").toString(),
        "--helper-image=" + image,
        "--wait-timeout",
        "10");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                run("status", "-f", inv, "--plan", planPath, "--output", "json")
                    .out()
                    .contains("\"exited\""));
    String jwt = Files.readString(work.resolve("base/jwt.hex")).strip();
    Path bundle = work.resolve("out/doctor.tar.gz");

    Run doctor =
        run(
            "doctor",
            "-f",
            inv,
            "--plan",
            planPath,
            "--helper-image=" + image,
            "--bundle",
            bundle.toString());

    assertThat(doctor.code()).as(doctor.out() + doctor.err()).isEqualTo(1);
    assertThat(doctor.out())
        .contains("[network-name]")
        .contains("--testnet-dir")
        .contains("invalid value 'ephemery'");
    String all = readTarGz(bundle);
    assertThat(all)
        .as("the bundle holds the logs, plan, rendered configuration and probe results")
        .contains("logs/el.log")
        .contains("logs/cl.log")
        .contains("plan.json")
        .contains("rendered.txt")
        .contains("probes.json")
        .contains("invalid value 'ephemery'")
        .as("the lines that carried the secrets are there, redacted")
        .contains("token=" + dev.ephemery.health.Redaction.MARK)
        .contains("jwt " + dev.ephemery.health.Redaction.MARK)
        .contains("\"message\":" + dev.ephemery.health.Redaction.MARK);
    for (String secret : List.of(jwt, PASSWORD, TOKEN, PEM_BODY, KEYSTORE_CIPHER)) {
      assertThat(all).as("planted secret in the bundle").doesNotContain(secret);
    }
    assertThat(doctor.out() + doctor.err()).doesNotContain(jwt);
  }

  static String readTarGz(Path file) throws IOException {
    StringBuilder all = new StringBuilder();
    try (var in =
        new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
            new java.util.zip.GZIPInputStream(Files.newInputStream(file)))) {
      org.apache.commons.compress.archivers.tar.TarArchiveEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        all.append("=== ").append(entry.getName()).append('\n');
        all.append(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return all.toString();
  }

  @Test
  void localHost() throws IOException {
    crashedComponentFails("local", "");
  }

  @Test
  void sshHost() throws IOException {
    String host = ItEnvironment.require("EPHEMERY_IT_SSH_HOST", "sshd");
    String port = ItEnvironment.require("EPHEMERY_IT_SSH_PORT", "sshd");
    crashedComponentFails(
        "ssh://" + ItEnvironment.require("EPHEMERY_IT_SSH_USER", "sshd") + "@" + host + ":" + port,
        "    sshKeyFile: "
            + ItEnvironment.require("EPHEMERY_IT_SSH_KEY", "sshd")
            + "\n    knownHostsFile: "
            + ItEnvironment.require("EPHEMERY_IT_SSH_KNOWN_HOSTS", "sshd")
            + "\n");
  }
}
