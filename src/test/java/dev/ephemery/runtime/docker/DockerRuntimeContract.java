package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.Network;
import dev.ephemery.common.OperationalException;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.plan.Mount;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.Change;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.Labels;
import dev.ephemery.runtime.Purge;
import dev.ephemery.runtime.RuntimeOptions;
import dev.ephemery.runtime.UpReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of {@code up}/{@code down} against a real dockerd; run once over the local socket
 * and once through SSH.
 */
abstract class DockerRuntimeContract {

  String node;
  Path baseDir;
  Path release;
  String image;
  DockerConnection connection;
  DockerRuntime runtime;
  final List<String> progress = new ArrayList<>();
  final List<String> foreign = new ArrayList<>();

  abstract HostTarget target(String node);

  abstract String address();

  @BeforeEach
  void connect() throws IOException {
    image = ItEnvironment.standinImage();
    node = "it" + UUID.randomUUID().toString().substring(0, 8);
    baseDir = Files.createTempDirectory("ephemery-it-").resolve(node);
    release = Files.createTempDirectory("ephemery-it-release-");
    Files.writeString(release.resolve("config.yaml"), "CONFIG_NAME: ephemery\n");
    Files.writeString(release.resolve("genesis.json"), "{\"config\":{\"chainId\":39438153}}\n");
    connection = DockerConnection.open(target(node));
    runtime = new DockerRuntime(connection.client(), progress::add);
  }

  @AfterEach
  void cleanUp() throws IOException {
    deleteTree(release);
    if (connection == null) {
      return;
    }
    DockerClient docker = connection.client();
    removeNode(docker, node);
    for (String id : foreign) {
      docker.removeContainerCmd(id).withForce(true).exec();
    }
    connection.close();
    deleteTree(baseDir.getParent());
    deleteTree(release);
  }

  HostPlan plan() {
    return TestPlans.node(node, address(), baseDir.toString(), image, "");
  }

  RuntimeOptions options(boolean dryRun) {
    return new RuntimeOptions(dryRun, release, image, Duration.ofSeconds(30))
        .withLocalFiles(filesHere());
  }

  /**
   * Whether baseDir is this machine's (a local daemon, as {@code DockerHost} says): then {@code up}
   * run as root does its file work and probes from here, else through its helper container.
   */
  abstract boolean filesHere();

  @Test
  void upCreatesExactlyThePlannedObjectsWithLabels() throws IOException {
    UpReport report = runtime.up(plan(), options(false));

    assertThat(report.changes()).extracting(Change::object).contains(node + "-el", node + "-net");
    List<Container> ours =
        connection
            .client()
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Labels.nodeFilter(node))
            .exec();
    assertThat(ours)
        .extracting(DockerRuntime::containerName)
        .containsExactlyInAnyOrder(node + "-init", node + "-el", node + "-cl");
    for (Container c : ours) {
      assertThat(c.getLabels())
          .containsEntry(LabelKeys.NODE, node)
          .containsEntry(LabelKeys.ITERATION, "153")
          .containsKeys(LabelKeys.ROLE, LabelKeys.PLAN_HASH, LabelKeys.SERVICE);
    }
    InspectContainerResponse el = connection.client().inspectContainerCmd(node + "-el").exec();
    assertThat(el.getState().getRunning()).isTrue();
    assertThat(el.getConfig().getLabels()).containsEntry(LabelKeys.ROLE, "execution");
    assertThat(el.getNetworkSettings().getNetworks()).containsOnlyKeys(node + "-net");
    assertThat(el.getNetworkSettings().getNetworks().get(node + "-net").getAliases())
        .contains("el");
    InspectContainerResponse init = connection.client().inspectContainerCmd(node + "-init").exec();
    assertThat(init.getState().getExitCodeLong()).isZero();
    Network network = connection.client().inspectNetworkCmd().withNetworkId(node + "-net").exec();
    assertThat(network.getLabels()).containsEntry(LabelKeys.NODE, node);

    Path jwt = baseDir.resolve("jwt.hex");
    assertThat(Files.readString(jwt)).matches("[0-9a-f]{64}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(jwt)))
        .isEqualTo("rw-------");
    assertThat(Files.getAttribute(baseDir.resolve("data/cl"), "unix:uid")).isEqualTo(1000);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(baseDir.resolve("data/cl"))))
        .isEqualTo("rwx------");
    assertThat(baseDir.resolve("testnet/config.yaml")).hasContent("CONFIG_NAME: ephemery");
    assertThat(baseDir.resolve("data/el/initialised")).exists();
    assertThat(
            connection
                .client()
                .listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(List.of(LabelKeys.HELPER, LabelKeys.NODE + "=" + node))
                .exec())
        .as("helper containers are removed")
        .isEmpty();
  }

  @Test
  void secondUpChangesNothingAndKeepsTheJwtSecret() throws IOException {
    runtime.up(plan(), options(false));
    String secret = Files.readString(baseDir.resolve("jwt.hex"));
    String elId = connection.client().inspectContainerCmd(node + "-el").exec().getId();

    UpReport second = runtime.up(plan(), options(false));

    assertThat(second.changes()).isEmpty();
    assertThat(Files.readString(baseDir.resolve("jwt.hex"))).isEqualTo(secret);
    assertThat(connection.client().inspectContainerCmd(node + "-el").exec().getId())
        .isEqualTo(elId);
  }

  @Test
  void changedServiceRecreatesOnlyThatContainer() throws IOException {
    runtime.up(plan(), options(false));
    String elId = connection.client().inspectContainerCmd(node + "-el").exec().getId();
    String clId = connection.client().inspectContainerCmd(node + "-cl").exec().getId();
    HostPlan changed = plan();
    List<Service> services = new ArrayList<>(changed.services());
    Service cl = services.get(2);
    services.set(2, cl.withCommand(List.of(TestPlans.TERM + "sleep 3601 & wait")));
    changed = changed.withServices(services);

    UpReport report = runtime.up(changed, options(false));

    assertThat(report.changes())
        .containsExactly(new Change("recreate", "container", node + "-cl", "plan changed"));
    assertThat(connection.client().inspectContainerCmd(node + "-el").exec().getId())
        .isEqualTo(elId);
    assertThat(connection.client().inspectContainerCmd(node + "-cl").exec().getId())
        .isNotEqualTo(clId);
  }

  /**
   * The plan plus a run-once "import" step whose input is a folder outside baseDir (as the
   * validator's keysDir is): it records each of its runs and what it saw.
   */
  HostPlan planWithImport(Path keys) {
    HostPlan base = plan();
    List<Service> services = new ArrayList<>(base.services());
    services.add(
        new Service(
            "import",
            Role.INIT,
            "busybox",
            image,
            List.of("sh", "-c"),
            List.of("ls /keys | tr '\\n' ' ' >> /data/imports && echo >> /data/imports"),
            List.of(),
            List.of(
                new Mount("data/el", "/data", false), new Mount(keys.toString(), "/keys", true)),
            Map.of(),
            Map.of(),
            List.of(),
            true,
            null,
            null,
            null,
            null,
            List.of(),
            List.of(keys.toString())));
    // What the import serves: it must not run beside it, and starts again after it.
    services.add(
        new Service(
            "vc",
            Role.VALIDATOR,
            "busybox",
            image,
            List.of("sh", "-c"),
            List.of("echo vc-start >> /data/imports && exec sleep 3600"),
            List.of(),
            List.of(new Mount("data/el", "/data", false)),
            Map.of(),
            Map.of(),
            List.of("cl", "import"),
            false,
            null,
            "unless-stopped",
            null,
            "SIGKILL"));
    return base.withServices(services);
  }

  @Test
  void aRunOnceStepRunsAgainOnlyWhenItsInputFoldersChange() throws IOException {
    Path keys = Files.createDirectories(baseDir.getParent().resolve("keys"));
    Files.writeString(keys.resolve("keystore-0.json"), "{}");
    runtime.up(planWithImport(keys), options(false));

    UpReport second = runtime.up(planWithImport(keys), options(false));
    assertThat(second.changes()).isEmpty();

    Files.writeString(keys.resolve("keystore-1.json"), "{}");
    UpReport third = runtime.up(planWithImport(keys), options(false));
    assertThat(third.changes())
        .containsExactly(
            new Change("rerun", "container", node + "-import", "its input folders changed"),
            new Change("restart", "container", node + "-vc", "a step before it runs again"));

    Files.writeString(keys.resolve("keystore-1.json"), "{\"changed\": true}");
    assertThat(runtime.up(planWithImport(keys), options(false)).changes()).hasSize(2);
    assertThat(runtime.up(planWithImport(keys), options(false)).changes()).isEmpty();
    // The validator stopped before each rerun and started after it, never beside it.
    assertThat(Files.readAllLines(baseDir.resolve("data/el/imports")))
        .containsExactly(
            "keystore-0.json ",
            "vc-start",
            "keystore-0.json keystore-1.json ",
            "vc-start",
            "keystore-0.json keystore-1.json ",
            "vc-start");
  }

  @Test
  void dryRunReportsChangesAndChangesNothing() {
    UpReport report = runtime.up(plan(), options(true));

    assertThat(report.changes()).extracting(Change::action).contains("create", "run");
    assertThat(
            connection
                .client()
                .listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Labels.nodeFilter(node))
                .exec())
        .isEmpty();
    assertThat(
            connection
                .client()
                .listNetworksCmd()
                .withFilter("label", Labels.nodeFilter(node))
                .exec())
        .isEmpty();
    assertThat(baseDir).doesNotExist();
  }

  @Test
  void downRemovesOnlyWhatUpCreated() {
    runtime.up(plan(), options(false));
    String stranger =
        connection
            .client()
            .createContainerCmd(image)
            .withName(node + "-stranger")
            .withCmd("sleep", "600")
            .exec()
            .getId();
    foreign.add(stranger);
    connection.client().startContainerCmd(stranger).exec();

    List<Change> changes = runtime.down(node, plan(), Purge.NONE, image, false);

    assertThat(changes)
        .extracting(Change::object)
        .containsExactlyInAnyOrder(node + "-init", node + "-el", node + "-cl", node + "-net");
    assertThat(connection.client().inspectContainerCmd(stranger).exec().getState().getRunning())
        .isTrue();
    assertThatThrownBy(() -> connection.client().inspectContainerCmd(node + "-el").exec())
        .isInstanceOf(NotFoundException.class);
    assertThat(baseDir.resolve("jwt.hex")).exists();
  }

  @Test
  void upRefusesToTouchAForeignContainerInTheWay() {
    String stranger =
        connection
            .client()
            .createContainerCmd(image)
            .withName(node + "-el")
            .withCmd("sleep", "600")
            .exec()
            .getId();
    foreign.add(stranger);

    assertThatThrownBy(() -> runtime.up(plan(), options(false)))
        .isInstanceOf(OperationalException.class)
        .hasMessageContaining("did not create");
    assertThat(connection.client().inspectContainerCmd(stranger).exec().getConfig().getCmd())
        .containsExactly("sleep", "600");
  }

  @Test
  void purgeDataKeepsValidatorKeysAndJwtSecret() throws IOException {
    runtime.up(plan(), options(false));
    Files.writeString(baseDir.resolve("validator-keys/keystore-1.json"), "{}");

    List<Change> changes = runtime.down(node, plan(), Purge.DATA, image, false);

    assertThat(changes).extracting(Change::action).contains("delete");
    assertThat(baseDir.resolve("data/el")).doesNotExist();
    assertThat(baseDir.resolve("data/cl")).doesNotExist();
    assertThat(baseDir.resolve("testnet")).doesNotExist();
    assertThat(baseDir.resolve("validator-keys/keystore-1.json")).exists();
    assertThat(baseDir.resolve("jwt.hex")).exists();
    assertThat(baseDir.getParent()).exists();
  }

  @Test
  void failingInitStepStopsUpWithItsOutput() {
    HostPlan plan = plan();
    List<Service> services = new ArrayList<>(plan.services());
    Service init = services.get(0);
    services.set(
        0,
        new Service(
            init.name(),
            init.role(),
            init.client(),
            init.image(),
            init.entrypoint(),
            List.of("echo broken genesis >&2; exit 3"),
            init.ports(),
            init.mounts(),
            init.env(),
            init.labels(),
            init.dependsOn(),
            true,
            null,
            null,
            null));
    HostPlan broken = plan.withServices(services);

    assertThatThrownBy(() -> runtime.up(broken, options(false)))
        .isInstanceOf(OperationalException.class)
        .hasMessageContaining("exited with 3")
        .hasMessageContaining("broken genesis");
    assertThatThrownBy(() -> connection.client().inspectContainerCmd(node + "-el").exec())
        .isInstanceOf(NotFoundException.class);
  }

  /** Files helper containers Docker created for {@code node} between two instants. */
  static List<String> filesHelpersCreated(
      DockerClient docker, String node, Instant from, Instant to) throws InterruptedException {
    // up's one helper does the file work too (and its probes, when it starts containers)
    List<String> created = new ArrayList<>(helpersCreated(docker, node, "files", from, to));
    created.addAll(helpersCreated(docker, node, "up", from, to));
    return created;
  }

  /**
   * Helper containers of one purpose (any, when null) Docker created for {@code node} between two
   * instants.
   */
  static List<String> helpersCreated(
      DockerClient docker, String node, String purpose, Instant from, Instant to)
      throws InterruptedException {
    List<String> created = new ArrayList<>();
    docker
        .eventsCmd()
        .withSince(Long.toString(from.getEpochSecond()))
        .withUntil(Long.toString(to.getEpochSecond() + 1))
        .withEventFilter("create")
        .withLabelFilter(
            LabelKeys.NODE + "=" + node,
            purpose == null ? LabelKeys.HELPER : LabelKeys.HELPER + "=" + purpose)
        .exec(
            new ResultCallback.Adapter<Event>() {
              @Override
              public void onNext(Event event) {
                if (event.getTimeNano() != null && event.getTimeNano() >= nanos(from)) {
                  created.add(event.getId());
                }
              }
            })
        .awaitCompletion(20, TimeUnit.SECONDS);
    return created;
  }

  static long nanos(Instant at) {
    return at.getEpochSecond() * 1_000_000_000L + at.getNano();
  }

  /** Removes every container and network a test node of this name left on the daemon. */
  static void removeNode(DockerClient docker, String node) {
    for (Container c :
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Labels.nodeFilter(node))
            .exec()) {
      docker.removeContainerCmd(c.getId()).withForce(true).exec();
    }
    for (Network n : docker.listNetworksCmd().withFilter("label", Labels.nodeFilter(node)).exec()) {
      docker.removeNetworkCmd(n.getId()).exec();
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
