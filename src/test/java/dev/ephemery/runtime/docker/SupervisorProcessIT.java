package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.Purge;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ephemery run} as an operator starts it: the idle supervisor sees the node's containers
 * through the socket without loading docker-java, polls for releases in a child, serves /metrics,
 * runs a due reset in a child {@code ephemery reset}, and stops (with its children) on SIGTERM.
 */
class SupervisorProcessIT {

  @TempDir Path dir;
  String node;
  String image;
  DockerConnection connection;
  Process process;

  @BeforeEach
  void setUp() {
    image = ItEnvironment.standinImage();
    ItEnvironment.require("EPHEMERY_IT_DOCKER_SOCKET", "dockerd");
    node = "sup" + UUID.randomUUID().toString().substring(0, 8);
    connection = DockerConnection.open(HostTarget.local(node));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    if (connection != null) {
      new DockerRuntime(connection.client(), l -> {}).down(node, null, Purge.NONE, image, false);
      connection.close();
    }
  }

  @Test
  void theIdleSupervisorWatchesThroughTheSocketPollsInAChildAndStopsOnSigterm() throws Exception {
    DockerClient docker = connection.client();
    String id =
        docker
            .createContainerCmd(image)
            .withName(node + "-geth")
            .withCmd("sh", "-c", TestPlans.TERM + "sleep 3600 & wait")
            .withLabels(
                Map.of(
                    LabelKeys.NODE, node, LabelKeys.SERVICE, "geth", LabelKeys.ROLE, "execution"))
            .exec()
            .getId();
    docker.startContainerCmd(id).exec();
    // One class-load log per JVM: the supervisor's, and each release poll's child.
    Path logs =
        startSupervisor(
            "    execution: {client: geth}\n    consensus: {client: lighthouse}\n"
                + "    monitoring: {enabled: false}\n");

    Pattern listening = Pattern.compile("status on http://127\\.0\\.0\\.1:(\\d+)");
    AtomicReference<Matcher> found = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              Matcher m = listening.matcher(Files.readString(dir.resolve("err.txt")));
              if (m.find()) {
                found.set(m);
              }
              return found.get() != null || !process.isAlive();
            });
    Matcher port = found.get();
    assertThat(port).as(Files.readString(dir.resolve("err.txt"))).isNotNull();

    HttpClient http = HttpClient.newHttpClient();
    String metrics =
        http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.group(1) + "/metrics"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(metrics).contains("ephemery_component_up{component=\"geth\"} 1");
    // One container watch round (every 10 s) goes through the socket too. A plain sleep: the check
    // below is that classes were NOT loaded, so a round must have passed, and nothing signals one.
    Thread.sleep(11_000);
    // The launcher execs java: the process is the supervisor's JVM.
    String loaded = Files.readString(logs.resolve(process.pid() + ".txt"), StandardCharsets.UTF_8);
    assertThat(loaded).contains("dev.ephemery.runtime.docker.DockerSocket source:");
    assertThat(loaded).contains("dev.ephemery.supervisor.Supervisor source:");
    // Only the types the watch's restart path names (verified with it) come from docker-java.
    assertThat(loaded)
        .doesNotContain("com.github.dockerjava.core.")
        .doesNotContain("com.github.dockerjava.api.model.")
        .doesNotContain("com.github.dockerjava.zerodep.");
    // The release poll ran in a child: the HTTP client, TLS and JSON binding were loaded there.
    assertThat(loaded)
        .doesNotContain("java.net.http.HttpClient ")
        .doesNotContain("sun.security.ssl.SSLContextImpl ")
        .doesNotContain("com.fasterxml.jackson.databind.");
    List<String> children;
    try (var files = Files.list(logs)) {
      children =
          files
              .filter(f -> !f.getFileName().toString().equals(process.pid() + ".txt"))
              .map(f -> readUnchecked(f))
              .toList();
    }
    assertThat(children)
        .as("a poll child ran and loaded the HTTP client")
        .anySatisfy(c -> assertThat(c).contains("java.net.http.HttpClient "));

    process.destroy();
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s of SIGTERM").isTrue();
  }

  /**
   * Starts {@code ./ephemery run} on a one-host inventory ({@code node}, baseDir under the test
   * folder, then {@code hostKeys}) with an https release source that refuses connections and a
   * class-load log per JVM; returns the folder of those logs.
   */
  Path startSupervisor(String hostKeys) throws java.io.IOException {
    Path inventory = dir.resolve("ephemery.yaml");
    Files.writeString(
        inventory,
        "network: ephemery\nhosts:\n  - name: "
            + node
            + "\n    address: local\n    baseDir: "
            + dir.resolve("node")
            + "\n"
            + hostKeys);
    Files.createDirectories(dir.resolve("node"));
    Path logs = Files.createDirectories(dir.resolve("classes"));
    ProcessBuilder builder =
        new ProcessBuilder(
                "bash",
                Path.of("ephemery").toAbsolutePath().toString(),
                "run",
                "-f",
                inventory.toString(),
                "--port",
                "0")
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile());
    builder.environment().put("EPHEMERY_GITHUB_API", "https://127.0.0.1:9");
    builder.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
    builder.environment().remove("EPHEMERY_RELEASE_CACHE");
    builder
        .environment()
        .put("EPHEMERY_JAVA_OPTS", "-Xlog:class+load=info:file=" + logs.resolve("%p.txt"));
    process = builder.start();
    return logs;
  }

  static String readUnchecked(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aDueResetRunsInAChildResetThatStopsWithTheSupervisor() throws Exception {
    // Iteration 153 is in the cache and its EL genesis has passed; nothing is installed: due now.
    Path cacheRoot = dir.resolve("cache").resolve("ephemery").resolve("releases");
    new dev.ephemery.release.ReleaseCache(cacheRoot)
        .install(
            dev.ephemery.testing.ReleaseFixtures.writeTarGz(
                dev.ephemery.testing.ReleaseFixtures.releaseFor(153), dir.resolve("153.tar.gz")),
            java.util.Optional.of("ephemery-153"),
            "test",
            "sha-153");
    // Stand-in images, present here, so nothing is ever pulled; geth init fails in them, so the
    // reset stays in INITIALISING, retrying, until the supervisor stops.
    Path logs =
        startSupervisor(
            "    execution: {client: geth, image: "
                + image
                + "}\n    consensus: {client: lighthouse, image: "
                + image
                + "}\n    monitoring: {enabled: false}\n    supervisor: {enabled: false}\n");

    Path resets = dir.resolve("node").resolve(".ephemery").resolve("resets");
    Path lock = dir.resolve("node").resolve(".ephemery").resolve("reset.lock");
    String journal = "";
    AtomicReference<String> newest = new AtomicReference<>("");
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              newest.set(newestJournal(resets));
              return newest.get().contains("\"INITIALISING\"") || !process.isAlive();
            });
    journal = newest.get();
    String err = Files.readString(dir.resolve("err.txt"));
    assertThat(journal).as(err).contains("\"INSTALLING\"").contains("\"INITIALISING\"");
    assertThat(dir.resolve("node").resolve("testnet").resolve("ephemery-153")).isDirectory();
    String holder = Files.readString(lock);
    assertThat(holder)
        .as("the child reset holds the host's lock")
        .startsWith("ephemery reset, pid ");
    long child = Long.parseLong(holder.replaceAll("(?s)^ephemery reset, pid (\\d+),.*$", "$1"));
    assertThat(child).isNotEqualTo(process.pid());

    String supervisor =
        Files.readString(logs.resolve(process.pid() + ".txt"), StandardCharsets.UTF_8);
    assertThat(supervisor)
        .as("the supervisor began the journal but never opened docker-java for the reset")
        .doesNotContain("com.github.dockerjava.core.")
        .doesNotContain("com.fasterxml.jackson.databind.")
        .doesNotContain("dev.ephemery.runtime.docker.DockerNodeRuntime ");
    assertThat(readUnchecked(logs.resolve(child + ".txt")))
        .as("the child did the reset's Docker work")
        .contains("dev.ephemery.runtime.docker.DockerNodeRuntime ");

    process.destroy();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
    ProcessHandle.of(child).ifPresent(p -> p.onExit().orTimeout(20, TimeUnit.SECONDS).join());
    assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive))
        .as("the child reset stopped with the supervisor")
        .isNotEqualTo(java.util.Optional.of(true));
    assertThat(newestJournal(resets))
        .as("unfinished, to resume at the next start")
        .doesNotContain("\"state\" : \"DONE\"");
  }

  static String newestJournal(Path resets) throws java.io.IOException {
    if (!Files.isDirectory(resets)) {
      return "";
    }
    try (var files = Files.list(resets)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".json"))
          .sorted()
          .reduce((a, b) -> b)
          .map(SupervisorProcessIT::readUnchecked)
          .orElse("");
    }
  }
}
