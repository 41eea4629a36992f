package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ephemery.cli.Main;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Plan;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.Purge;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The commands end to end, as a user runs them, against the real dockerd and sshd. */
class CliRuntimeIT {

  Path work;
  String node;
  String image;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void setUp() throws IOException {
    image = ItEnvironment.standinImage();
    ItEnvironment.require("EPHEMERY_IT_DOCKER_SOCKET", "dockerd");
    work = Files.createTempDirectory("ephemery-cli-it-");
    node = "cli" + UUID.randomUUID().toString().substring(0, 8);
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

  Path plan(String address) throws IOException {
    HostPlan host = TestPlans.node(node, address, work.resolve("base").toString(), image, "");
    Path file = work.resolve("plan.json");
    new ObjectMapper().writeValue(file.toFile(), new Plan(List.of(host)));
    return file;
  }

  Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    if (all.get(0).equals("up") || all.get(0).equals("down")) {
      all.add("--helper-image=" + image);
    }
    int code = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void upTwiceThenStatusLogsAndDown() throws IOException {
    String inv = inventory("local", "").toString();
    String plan = plan("local").toString();
    String release = work.resolve("release").toString();

    Run dry = run("up", "-f", inv, "--plan", plan, "--release", release, "--dry-run");
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out()).contains(node + ": ").contains("would change");

    Run first = run("up", "-f", inv, "--plan", plan, "--release", release);
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).contains("create container " + node + "-el");

    Run second = run("up", "-f", inv, "--plan", plan, "--release", release);
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.out()).contains(node + ": 0 changed");

    Run status = run("status", "-f", inv, "--plan", plan, "--output", "json");
    assertThat(status.code()).as(status.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(status.out());
    assertThat(json.get(0).get("healthy").asBoolean()).isTrue();
    assertThat(json.get(0).get("services")).hasSize(3);

    Run logs = run("logs", "-f", inv, "init", "--tail", "5");
    assertThat(logs.code()).as(logs.err()).isZero();
    Run byRole = run("logs", "-f", inv, "consensus", "--tail", "5");
    assertThat(byRole.code())
        .as("a role names the one container that has it: " + byRole.err())
        .isZero();
    Run unknown = run("logs", "-f", inv, "prysm");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("has no container for service 'prysm'");

    Run down = run("down", "-f", inv, "--purge-data", "--yes", "--plan", plan);
    assertThat(down.code()).as(down.err()).isZero();
    assertThat(down.out()).contains("remove container " + node + "-el").contains("delete path");
    assertThat(work.resolve("base/jwt.hex")).exists();
    assertThat(work.resolve("base/data/el")).doesNotExist();

    Run after = run("status", "-f", inv);
    assertThat(after.code()).isEqualTo(1);
    assertThat(after.out()).contains("NOT DEPLOYED");
  }

  /**
   * The built jar, as an operator runs it (its own logging set-up, not the tests'): an image that
   * cannot be pulled gives the tool's message and no library ERROR line or stack trace; {@code
   * --debug} shows them. The registry is a closed loopback port, so the pull fails at once and no
   * traffic leaves this machine.
   */
  @Test
  void aFailedPullPrintsNoStackTraceUnlessDebug() throws Exception {
    String absent = "127.0.0.1:1/ephemery-test/absent:" + node;
    HostPlan host = TestPlans.node(node, "local", work.resolve("base").toString(), absent, "");
    Path plan = work.resolve("absent-plan.json");
    new ObjectMapper().writeValue(plan.toFile(), new Plan(List.of(host)));
    String inv = inventory("local", "").toString();
    String release = work.resolve("release").toString();
    String[] up = {
      "up",
      "-f",
      inv,
      "--plan",
      plan.toString(),
      "--release",
      release,
      "--no-wait",
      "--helper-image=" + image
    };

    Run plain = runJar(up);
    assertThat(plain.code()).as(plain.out() + plain.err()).isEqualTo(1);
    assertThat(plain.err()).contains(absent).doesNotContain("\tat ").doesNotContain(" ERROR ");

    List<String> debug = new ArrayList<>(List.of(up));
    debug.add("--debug");
    Run verbose = runJar(debug.toArray(String[]::new));
    assertThat(verbose.code()).isEqualTo(1);
    assertThat(verbose.err()).contains("\tat ");
  }

  Run runJar(String... args) throws Exception {
    Path jar = Path.of(System.getProperty("ephemery.jar", "target/ephemery.jar"));
    assertThat(jar).as("the built jar (mvn package runs before the ITs)").isRegularFile();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    command.addAll(List.of(args));
    Path out = work.resolve("jar-out.txt");
    Path err = work.resolve("jar-err.txt");
    Process process =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void purgeWithoutATerminalOrYesChangesNothing() throws IOException {
    String inv = inventory("local", "").toString();
    Run down =
        run("down", "-f", inv, "--purge-data", "--purge-keys", "--plan", plan("local").toString());

    assertThat(down.code()).isEqualTo(2);
    assertThat(down.err()).contains("pass --yes");
  }

  @Test
  void hostsTrustShowsTheFingerprintAndAddsTheKeyOnlyWithYes() throws IOException {
    String host = ItEnvironment.require("EPHEMERY_IT_SSH_HOST", "sshd");
    String port = ItEnvironment.require("EPHEMERY_IT_SSH_PORT", "sshd");
    Path known = work.resolve("known_hosts");
    String inv =
        inventory(
                "ssh://root@" + host + ":" + port,
                "    sshKeyFile: "
                    + ItEnvironment.require("EPHEMERY_IT_SSH_KEY", "sshd")
                    + "\n    knownHostsFile: "
                    + known
                    + "\n")
            .toString();

    Run refused = run("status", "-f", inv);
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("SHA256:").contains("ephemery hosts trust " + node);

    Run withoutYes = run("hosts", "trust", "-f", inv, node);
    assertThat(withoutYes.code()).isEqualTo(2);
    assertThat(withoutYes.out()).contains("SHA256:");
    assertThat(known).doesNotExist();

    Run trusted = run("hosts", "trust", "-f", inv, node, "--yes");
    assertThat(trusted.code()).as(trusted.err()).isZero();
    assertThat(Files.readString(known)).startsWith("[" + host + "]:" + port + " ssh-");

    Run status = run("status", "-f", inv);
    assertThat(status.err()).doesNotContain("not known");
    assertThat(status.out()).contains(node + ": NOT DEPLOYED");

    Run again = run("hosts", "trust", "-f", inv, node);
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("already trusted");
  }
}
