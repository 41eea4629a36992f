package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import dev.ephemery.common.OperationalException;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Mount;
import dev.ephemery.plan.PlannedPath;
import dev.ephemery.plan.PlannedPath.Kind;
import dev.ephemery.plan.PortBinding;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.RuntimeOptions;
import dev.ephemery.runtime.SelfTestPolicy;
import dev.ephemery.runtime.UpReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code up} skips the EL-CL link self-test only when nothing it depends on changed since it
 * passed, and a broken link still fails {@code up}: against the real dockerd, with an EL stand-in
 * that answers the signed Engine API call only for the secret it read at its start, as geth does
 * (src/test/resources/engine-standins/engine.sh checks the HS256 signature). As root beside the
 * local daemon, the files and the signed call from this machine ({@link
 * LinkSelfTestThroughHelperIT}: through the helper).
 */
class LinkSelfTestIT {

  static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  static final String GETH = "ephemery-test/link-geth:" + RUN;
  static final String LIGHTHOUSE = "ephemery-test/link-lighthouse:" + RUN;
  static String base;

  String node;
  Path dir;
  Path baseDir;
  Path release;
  DockerConnection connection;
  DockerRuntime runtime;
  SelfTestPolicy policy;

  @BeforeAll
  static void buildStandIns() {
    base = ItEnvironment.standinImage();
    ItEnvironment.require("EPHEMERY_IT_DOCKER_SOCKET", "dockerd");
    try (DockerConnection connection = DockerConnection.open(HostTarget.local("build"))) {
      build(connection.client(), "geth", GETH);
      build(connection.client(), "lighthouse", LIGHTHOUSE);
    }
  }

  @AfterAll
  static void removeStandIns() {
    if (base == null) {
      return;
    }
    try (DockerConnection connection = DockerConnection.open(HostTarget.local("build"))) {
      for (String tag : List.of(GETH, LIGHTHOUSE)) {
        try {
          connection.client().removeImageCmd(tag).withForce(true).exec();
        } catch (RuntimeException alreadyGone) {
          // fine
        }
      }
    }
  }

  @BeforeEach
  void setUp() throws IOException {
    node = "link" + UUID.randomUUID().toString().substring(0, 8);
    dir = Files.createTempDirectory("ephemery-link-it-");
    baseDir = dir.resolve("base");
    release = Files.createDirectories(dir.resolve("release"));
    Files.writeString(release.resolve("config.yaml"), "CONFIG_NAME: ephemery\n");
    connection = DockerConnection.open(HostTarget.local(node));
    runtime = new DockerRuntime(connection.client(), line -> {});
    policy = new SelfTestPolicy(false, dir.resolve("records"));
  }

  @AfterEach
  void tearDown() throws IOException {
    if (connection != null) {
      DockerRuntimeContract.removeNode(connection.client(), node);
      connection.close();
    }
    DockerRuntimeContract.deleteTree(dir);
  }

  @Test
  void aNoOpUpSkipsItAndVerifyRunsIt() throws InterruptedException {
    Instant before = Instant.now();
    UpReport first = runtime.up(plan("stand-in"), options(policy));
    assertThat(first.selfTest().run()).isTrue();
    assertThat(first.selfTest().reason()).startsWith("create ");
    assertThat(
            DockerRuntimeContract.helpersCreated(
                connection.client(), node, null, before, Instant.now()))
        .as("a helper container only where the self-test runs through one")
        .hasSize(throughHelper() ? 1 : 0);

    UpReport second = runtime.up(plan("stand-in"), options(policy));
    assertThat(second.changes()).isEmpty();
    assertThat(second.selfTest().run()).isFalse();
    assertThat(second.selfTest().describe()).startsWith("skipped (nothing it depends on changed");

    UpReport asked =
        runtime.up(plan("stand-in"), options(new SelfTestPolicy(true, policy.records())));
    assertThat(asked.selfTest().run()).isTrue();
    assertThat(asked.selfTest().reason()).isEqualTo("asked for");
  }

  @Test
  void aChangedContainerRunsIt() {
    runtime.up(plan("stand-in"), options(policy));

    UpReport changed = runtime.up(plan("another flavour"), options(policy));

    assertThat(changed.selfTest().run()).isTrue();
    assertThat(changed.selfTest().reason())
        .isEqualTo("recreate container " + node + "-cl (plan changed)");
  }

  @Test
  void aContainerReplacedOutsideUpRunsIt() {
    runtime.up(plan("stand-in"), options(policy));
    DockerClient docker = connection.client();
    docker.removeContainerCmd(node + "-cl").withForce(true).exec();

    UpReport report = runtime.up(plan("stand-in"), options(policy));

    assertThat(report.selfTest().run()).isTrue();
    assertThat(report.selfTest().reason()).isEqualTo("create container " + node + "-cl (missing)");
  }

  @Test
  void aNewReleaseRunsIt() throws IOException {
    runtime.up(plan("stand-in"), options(policy));
    Files.writeString(release.resolve("config.yaml"), "CONFIG_NAME: ephemery\nNEXT: 1\n");

    UpReport report = runtime.up(plan("stand-in"), options(policy));

    assertThat(report.selfTest().run()).isTrue();
    assertThat(report.selfTest().reason()).startsWith("replace release ");
  }

  /**
   * A JWT secret written anew while the EL keeps running with the one it read at start: the link is
   * broken (InvalidToken), {@code up} must run the self-test and fail, and keep failing until
   * fixed.
   */
  @Test
  void aNewJwtSecretRunsItAndTheBrokenLinkFailsUpUntilFixed() throws IOException {
    runtime.up(plan("stand-in"), options(policy));
    Files.delete(baseDir.resolve("secrets/jwt.hex"));

    assertThatThrownBy(() -> runtime.up(plan("stand-in"), options(policy)))
        .isInstanceOf(OperationalException.class)
        .hasMessageContaining("InvalidToken");
    assertThat(baseDir.resolve("secrets/jwt.hex")).exists();

    assertThatThrownBy(() -> runtime.up(plan("stand-in"), options(policy)))
        .as("nothing changed, but the self-test did not pass: it runs again")
        .isInstanceOf(OperationalException.class)
        .hasMessageContaining("InvalidToken");

    connection.client().restartContainerCmd(node + "-el").withTimeout(10).exec();
    UpReport fixed = runtime.up(plan("stand-in"), options(policy));
    assertThat(fixed.selfTest().run()).isTrue();
    assertThat(runtime.up(plan("stand-in"), options(policy)).selfTest().run()).isFalse();
  }

  @Test
  void anElThatDoesNotListenFailsUp() {
    assertThatThrownBy(() -> runtime.up(plan("stand-in", 8552), options(policy)))
        .isInstanceOf(OperationalException.class)
        .hasMessageContaining("nothing accepts connections");
    assertThat(policy.passedFor(node)).isNull();
  }

  /** Whether the files and the self-test go through up's helper container (else from here). */
  boolean throughHelper() {
    return false;
  }

  RuntimeOptions options(SelfTestPolicy selfTest) {
    return new RuntimeOptions(false, release, base, Duration.ofSeconds(5), false, null, true, true)
        .withSelfTest(selfTest);
  }

  HostPlan plan(String clFlavour) {
    return plan(clFlavour, 8551);
  }

  /** EL and CL stand-ins sharing the node's JWT secret; the self-test calls {@code enginePort}. */
  HostPlan plan(String clFlavour, int enginePort) {
    String b = baseDir.toString();
    List<PlannedPath> paths =
        List.of(
            new PlannedPath(b + "/secrets", Kind.DIRECTORY, 0700, null),
            new PlannedPath(b + "/secrets/jwt.hex", Kind.JWT_SECRET, 0600, null),
            new PlannedPath(b + "/testnet", Kind.RELEASE_FILES, 0755, null));
    Mount jwt = new Mount("secrets/jwt.hex", "/secrets/jwt.hex", true);
    Service el =
        new Service(
            "el",
            Role.EXECUTION,
            "geth",
            GETH,
            null,
            List.of("--authrpc.jwtsecret=/secrets/jwt.hex", "--authrpc.port=8551"),
            List.of(new PortBinding(enginePort, null, null, "tcp", "engine")),
            List.of(jwt),
            Map.of(),
            Map.of(),
            List.of(),
            false,
            null,
            "unless-stopped",
            null);
    Service cl =
        new Service(
            "cl",
            Role.CONSENSUS,
            "lighthouse",
            LIGHTHOUSE,
            null,
            List.of("lighthouse", "bn", "--execution-jwt=/secrets/jwt.hex"),
            List.of(),
            List.of(jwt),
            Map.of("FLAVOUR", clFlavour),
            Map.of(),
            List.of("el"),
            false,
            null,
            "unless-stopped",
            null);
    return new HostPlan(node, "local", b, 153, node + "-net", paths, List.of(el, cl));
  }

  /** The stand-in of {@code client} from the busybox image: engine-standins/Dockerfile. */
  static void build(DockerClient docker, String client, String tag) {
    List<String> files =
        List.of("Dockerfile", "engine.sh", "entrypoint.sh", "geth.sh", "lighthouse.sh");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      for (String name : files) {
        byte[] content;
        try (InputStream in =
            LinkSelfTestIT.class.getResourceAsStream("/engine-standins/" + name)) {
          content = in.readAllBytes();
        }
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(0755);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    docker
        .buildImageCmd(new ByteArrayInputStream(bytes.toByteArray()))
        .withBuildArg("BASE", base)
        .withBuildArg("CLIENT", client)
        .withTags(Set.of(tag))
        .withPull(false)
        .exec(new BuildImageResultCallback())
        .awaitImageId(120, TimeUnit.SECONDS);
  }
}
