package dev.ephemery.docs;

import static dev.ephemery.testing.LoopbackServer.bytes;
import static dev.ephemery.testing.LoopbackServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.testing.LoopbackServer;
import dev.ephemery.testing.ReleaseFixtures;
import dev.ephemery.testkit.TestKeystores;
import dev.ephemery.testkit.TestServices;
import dev.ephemery.testkit.TestServices.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every guide in docs/guides/ as its reader would: each {@code sh} block, in order, in a fresh
 * scratch home, with {@code ephemery} on the PATH as the repository's launcher, against the real
 * dockerd and sshd. What the harness prepares (and nothing else) is listed in
 * docs/guides/README.md: the release served by a loopback stand-in of the GitHub releases API, the
 * pinned client images stood in by small local images built FROM the busybox stand-in, keystores
 * and an SSH key where the reader would have them, and unique host names and the test sshd's
 * address substituted for the guides' {@code node1}.. and {@code ssh://root@203.0.113.10}.
 */
class GuidesIT {

  static final Path GUIDES = Path.of("docs/guides");
  static final String API_LATEST = "/repos/ephemery-testnet/ephemery-genesis/releases/latest";
  static final String ASSET = "/download/testnet-all.tar.gz";
  static final String STANDIN_LABEL = "dev.ephemery.guides-standin";
  static final String GUIDE_SSH_ADDRESS = "ssh://root@203.0.113.10";
  static final Pattern NODE_NAME = Pattern.compile("\\bnode([0-9])\\b");
  static final Pattern IMAGE = Pattern.compile("\"image\"\\s*:\\s*\"([^\"]+)\"");

  /** A real image's entrypoint, so its stand-in runs the planned command the same way. */
  static final Map<String, String> ENTRYPOINTS =
      Map.of(
          "ethereum/client-go", "geth",
          "prom/prometheus", "prometheus",
          "prom/node-exporter", "node_exporter",
          "grafana/grafana", "grafana",
          "consensys/teku", "teku");

  static LoopbackServer releases;
  static Path work;
  static Path launcher;
  static String standin;
  static String sshAddress;
  static Path sshKey;
  static final Set<String> builtImages = new TreeSet<>();

  @BeforeAll
  static void prepare() throws Exception {
    TestServices.require(Service.DOCKER_SOCKET);
    standin = TestServices.require(Service.STANDIN_IMAGE);
    sshAddress =
        "ssh://"
            + TestServices.require(Service.SSH_USER)
            + "@"
            + TestServices.require(Service.SSH_HOST)
            + ":"
            + TestServices.require(Service.SSH_PORT);
    sshKey = TestServices.requirePath(Service.SSH_KEY);
    Path jar = Path.of(System.getProperty("ephemery.jar", "target/ephemery.jar"));
    assertThat(jar).as("the built jar (mvn package runs before the ITs)").isRegularFile();
    launcher = Path.of("ephemery").toAbsolutePath();
    // The launcher rebuilds a jar older than the sources, which takes minutes: say so at once.
    Process stale =
        new ProcessBuilder(
                "find", "src/main", "pom.xml", "-newer", jar.toString(), "-print", "-quit")
            .redirectErrorStream(true)
            .start();
    String newer = new String(stale.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(stale.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(newer.strip())
        .as("sources newer than " + jar + ": run mvn package before the guides")
        .isEmpty();
    work = Files.createTempDirectory("ephemery-guides-");

    int iteration = currentIteration(Instant.now());
    releases = new LoopbackServer();
    releases.on(
        API_LATEST,
        json(
            "{\"tag_name\":\"ephemery-"
                + iteration
                + "\",\"assets\":[{\"name\":\"testnet-all.tar.gz\",\"browser_download_url\":\""
                + releases.uri(ASSET)
                + "\"}]}",
            Map.of()));
    releases.on(ASSET, bytes(ReleaseFixtures.tarGzBytes(ReleaseFixtures.releaseFor(iteration))));
    buildStandins(iteration);
  }

  @AfterAll
  static void cleanUp() throws Exception {
    if (releases != null) {
      releases.close();
    }
    for (String image : builtImages) {
      docker("rmi", image);
    }
    if (work != null) {
      deleteTree(work);
    }
  }

  /** The iteration running now, by Ephemery's schedule (as ReleaseFixtures.releaseFor dates it). */
  static int currentIteration(Instant now) {
    return (int) ((now.getEpochSecond() - 1_393_527_600L) / 2_419_200L);
  }

  @TestFactory
  Stream<DynamicTest> everyGuideRunsAsWritten() throws IOException {
    List<Path> guides;
    try (Stream<Path> files = Files.list(GUIDES)) {
      guides =
          files
              .filter(p -> p.toString().endsWith(".md"))
              .filter(p -> !p.getFileName().toString().equals("README.md"))
              .sorted()
              .toList();
    }
    assertThat(guides).as("guides in " + GUIDES).isNotEmpty();
    List<DynamicTest> tests = new ArrayList<>();
    for (Path guide : guides) {
      String name = guide.getFileName().toString();
      tests.add(DynamicTest.dynamicTest(name, () -> run(guide)));
    }
    return tests.stream();
  }

  void run(Path guide) throws Exception {
    String name = guide.getFileName().toString();
    GuideScript script = GuideScript.parse(name, Files.readString(guide));
    assertThat(script.commands()).as(name + " has commands to run").isNotEmpty();
    // Every command of a guide runs: a block marked to be left out fails the guide.
    assertThat(script.skipped())
        .as(name + ": blocks marked not to run (every sh block of a guide must run)")
        .isEmpty();
    // The guides run against this test machine: `hosts prepare --apply` would change its packages,
    // users or firewall. That is tested against a machine of its own (HostsPrepareIT).
    assertThat(script.commands())
        .as(name + ": no guide command may run hosts prepare --apply on the test machine")
        .noneMatch(c -> c.text().contains("hosts prepare") && c.text().contains("--apply"));

    String suffix = UUID.randomUUID().toString().substring(0, 6);
    Path scratch = Files.createDirectories(work.resolve(name.replace(".md", "")));
    Path home = prepareHome(scratch);
    Path bin = Files.createDirectories(scratch.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("ephemery"), launcher);
    Path file = scratch.resolve("guide.sh");
    Files.writeString(file, script.toBash(text -> rewrite(text, suffix)));
    Path log = scratch.resolve("guide.log");

    ProcessBuilder builder =
        new ProcessBuilder("bash", file.toString())
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.remove("GITHUB_TOKEN");
    env.remove("XDG_CACHE_HOME");
    env.remove("EPHEMERY_RELEASE_CACHE");
    env.put("HOME", home.toString());
    env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    // Java takes its user.home from the passwd entry, not $HOME: the launcher passes this on.
    env.put("EPHEMERY_JAVA_OPTS", "-Duser.home=" + home);
    env.put("EPHEMERY_GITHUB_API", releases.base().toString());
    env.put("EPHEMERY_DOWNLOAD_BASE", releases.base().toString());
    env.put("EPHEMERY_MIRROR", releases.base().toString());
    env.put("EPHEMERY_HELPER_IMAGE", standin);
    try {
      Process process = builder.start();
      boolean finished = process.waitFor(6, TimeUnit.MINUTES);
      if (!finished) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      System.out.println("[guides] " + name + ": " + script.commands().size() + " commands");
      assertThat(finished).as(name + " finished within 6 minutes:\n" + tail(output)).isTrue();
      assertThat(process.exitValue()).as(failure(output)).isZero();
      assertThat(output).contains("GUIDE DONE");
    } finally {
      removeContainers(suffix);
    }
  }

  /**
   * The guide's host names made unique on the shared dockerd, and its example SSH address pointed
   * at the test sshd.
   */
  static String rewrite(String command, String suffix) {
    String text = command.replace(GUIDE_SSH_ADDRESS, sshAddress);
    Matcher m = NODE_NAME.matcher(text);
    return m.replaceAll("node$1-" + suffix);
  }

  /**
   * What the reader has before the guide starts: a home folder with their SSH key (the one the test
   * sshd accepts) and, as the deposit tool leaves them, keystores and their password in
   * ~/validator_keys; a checkout of the Ansible deployment's inventories in ~/ansible-ephemery.
   */
  static Path prepareHome(Path scratch) throws IOException {
    Path home = Files.createDirectories(scratch.resolve("home"));
    Path ssh = Files.createDirectories(home.resolve(".ssh"));
    Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwx------"));
    Files.copy(sshKey, ssh.resolve("id_ed25519"), StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(
        ssh.resolve("id_ed25519"), PosixFilePermissions.fromString("rw-------"));

    Path keys = Files.createDirectories(home.resolve("validator_keys"));
    for (int i = 0; i < 2; i++) {
      TestKeystores.Generated key =
          TestKeystores.generate(TestKeystores.Kdf.fastPbkdf2(), "guide-password", i);
      Files.writeString(keys.resolve(key.fileName()), key.json());
    }
    Files.writeString(keys.resolve("password.txt"), "guide-password");

    Path ansible = home.resolve("ansible-ephemery");
    Path inventories = Files.createDirectories(ansible.resolve("ansible/inventory"));
    for (String shape : List.of("local-inventory.yaml", "production-inventory.yaml")) {
      Files.copy(Path.of("src/test/resources/ansible", shape), inventories.resolve(shape));
    }
    Path files = Files.createDirectories(ansible.resolve("files/validator_keys"));
    Files.createDirectories(ansible.resolve("files/passwords"));
    try (Stream<Path> stream = Files.list(keys)) {
      for (Path key : stream.filter(p -> p.toString().endsWith(".json")).toList()) {
        Files.copy(key, files.resolve(key.getFileName()));
      }
    }
    Files.writeString(ansible.resolve("files/passwords/validators.txt"), "guide-password");
    return home;
  }

  /**
   * One stand-in image per image the guides' plans name (read from a plan of every client they
   * use), tagged with the pinned name, so that {@code up} finds it and pulls nothing. An image of
   * that name that is not a stand-in of ours is left alone.
   */
  static void buildStandins(int iteration) throws Exception {
    Path release =
        ReleaseFixtures.writeFolder(
            ReleaseFixtures.releaseFor(iteration), work.resolve("release-" + iteration));
    Path inventory = work.resolve("images.yaml");
    Files.writeString(
        inventory,
        """
        network: ephemery
        hosts:
          - name: images1
            address: local
            baseDir: %s/images1
            execution: {client: geth}
            consensus: {client: lighthouse}
          - name: images2
            address: local
            baseDir: %s/images2
            execution: {client: geth, p2pPort: 30403, rpcPort: 8645}
            consensus: {client: teku, p2pPort: 9200}
            monitoring: {prometheusPort: 9190, grafanaPort: 3100, nodeExporterPort: 9300}
            supervisor: {port: 9877}
        """
            .formatted(work, work));
    var out = new java.io.StringWriter();
    var err = new java.io.StringWriter();
    int code =
        dev.ephemery.cli.Main.run(
            new String[] {
              "plan",
              "-f",
              inventory.toString(),
              "--release",
              release.toString(),
              "--output",
              "json"
            },
            new java.io.PrintWriter(out),
            new java.io.PrintWriter(err));
    assertThat(code).as("plan of the guides' clients: " + err).isZero();
    Set<String> images = new TreeSet<>();
    Matcher m = IMAGE.matcher(out.toString());
    while (m.find()) {
      images.add(m.group(1));
    }
    Path context = Files.createDirectories(work.resolve("standin-context"));
    for (String f : List.of("Dockerfile", "client.sh", "http.sh")) {
      copyExecutable(Path.of("src/test/resources/guide-standins", f), context.resolve(f));
    }
    copyExecutable(
        Path.of("src/test/resources/engine-standins/engine.sh"), context.resolve("engine.sh"));
    for (String image : images) {
      Docker inspect = docker("image", "inspect", "--format", "{{json .Config.Labels}}", image);
      if (inspect.code() == 0 && !inspect.output().contains("\"" + STANDIN_LABEL + "\":\"yes\"")) {
        System.out.println("[guides] " + image + " exists and is not a stand-in: used as it is");
        continue;
      }
      String repository = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
      String entry = ENTRYPOINTS.getOrDefault(repository, "standin-none");
      Docker build =
          docker(
              "build",
              "-q",
              "--force-rm",
              "--label",
              STANDIN_LABEL + "=yes",
              "--build-arg",
              "BASE=" + standin,
              "--build-arg",
              "ENTRY=" + entry,
              "-t",
              image,
              context.toString());
      assertThat(build.code()).as("stand-in for " + image + ": " + build.output()).isZero();
      builtImages.add(image);
    }
    System.out.println("[guides] stand-in images: " + builtImages);
  }

  static void copyExecutable(Path from, Path to) throws IOException {
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Removes what a guide's run left on the shared dockerd: its containers and networks only. */
  static void removeContainers(String suffix) throws Exception {
    String ids = docker("ps", "-aq", "--filter", "name=-" + suffix + "-").output();
    for (String id : ids.strip().split("\\s+")) {
      if (!id.isBlank()) {
        docker("rm", "-f", "-v", id);
      }
    }
    String nets = docker("network", "ls", "-q", "--filter", "name=-" + suffix).output();
    for (String id : nets.strip().split("\\s+")) {
      if (!id.isBlank()) {
        docker("network", "rm", id);
      }
    }
  }

  record Docker(int code, String output) {}

  static Docker docker(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("docker " + args[0]).isTrue();
    return new Docker(process.exitValue(), output);
  }

  static String failure(String output) {
    int at = output.indexOf("GUIDE FAILED: ");
    String headline = at < 0 ? "the guide's script failed" : output.substring(at).strip();
    return headline + "\n--- last output ---\n" + tail(output);
  }

  static String tail(String output) {
    String[] lines = output.split("\n");
    int from = Math.max(0, lines.length - 60);
    return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
