package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dev.ephemery.client.HealthCheck;
import dev.ephemery.common.OperationalException;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.InventoryParser;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.plan.PlannedPath;
import dev.ephemery.plan.Planner;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.Change;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.Labels;
import dev.ephemery.runtime.RuntimeOptions;
import dev.ephemery.runtime.UpReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class LocalDockerRuntimeIT extends DockerRuntimeContract {

  @Override
  HostTarget target(String node) {
    String socket = ItEnvironment.get("EPHEMERY_IT_DOCKER_SOCKET");
    if (socket == null || !Files.exists(Path.of(socket))) {
      ItEnvironment.missing("no Docker socket (EPHEMERY_IT_DOCKER_SOCKET)");
    }
    return HostTarget.local(node);
  }

  @Override
  String address() {
    return "local";
  }

  @Override
  boolean filesHere() {
    return true;
  }

  private RuntimeOptions waiting(Duration timeout) {
    return new RuntimeOptions(false, release, image, timeout, true, null).withLocalFiles(true);
  }

  /** As a remote daemon's: the file work and the probes through up's helper container. */
  private RuntimeOptions throughHelper() {
    return options(false).withLocalFiles(false);
  }

  /** The stand-in EL serves {@code /data} over HTTP; with a health check on {@code port}. */
  private HostPlan withElHealth(int port) {
    HostPlan plan = plan();
    List<Service> services = new ArrayList<>(plan.services());
    Service el = services.get(1);
    services.set(
        1,
        new Service(
            el.name(),
            el.role(),
            el.client(),
            el.image(),
            el.entrypoint(),
            List.of("echo ok > /data/health; " + el.command().get(0)),
            el.ports(),
            el.mounts(),
            el.env(),
            el.labels(),
            el.dependsOn(),
            false,
            el.user(),
            el.restartPolicy(),
            el.memoryLimit(),
            null,
            List.of(HealthCheck.get(port, "/health"))));
    return plan.withServices(services);
  }

  @Test
  void upWaitsUntilThePlannedHealthEndpointAnswersAskedFromHereWithoutAHelper() throws Exception {
    Instant before = Instant.now();
    UpReport report = runtime.up(withElHealth(8545), waiting(Duration.ofSeconds(30)));

    assertThat(report.changes()).isNotEmpty();
    assertThat(progress).anyMatch(l -> l.contains("health endpoints: http://el:8545/health"));
    assertThat(progress).anyMatch(l -> l.endsWith(": el answers"));
    assertThat(helpersCreated(connection.client(), node, null, before, Instant.now()))
        .as("as root beside a local daemon: the files and the probes from this machine")
        .isEmpty();
  }

  @Test
  void upWaitsUntilThePlannedHealthEndpointAnswersAskedThroughItsHelper() {
    RuntimeOptions options =
        new RuntimeOptions(false, release, image, Duration.ofSeconds(30), true, null);
    UpReport report = runtime.up(withElHealth(8545), options);

    assertThat(report.changes()).isNotEmpty();
    assertThat(progress).anyMatch(l -> l.endsWith(": el answers"));
    assertThat(
            connection
                .client()
                .listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(List.of(LabelKeys.HELPER, LabelKeys.NODE + "=" + node))
                .exec())
        .as("the helper that probed is removed")
        .isEmpty();
  }

  @Test
  void withoutWaitingAClientThatAnswersSettlesByItsAnswerAndOneWithoutAHealthCheckByStayingUp() {
    UpReport report = runtime.up(withElHealth(8545), options(false));

    assertThat(report.changes()).isNotEmpty();
    assertThat(progress)
        .as("the EL answered its health endpoint: settled without the 2 s")
        .contains(node + ": " + node + "-el answers http://el:8545/health")
        .as("the CL has no health check: settled by staying up 2 s")
        .contains(node + ": " + node + "-cl stayed running 2 s")
        .noneMatch(l -> l.contains("waiting up to"));
  }

  @Test
  void aClientInARestartLoopFailsUpThoughDockerCallsItRunningBetweenRestarts() {
    // exits on a wrong flag as a client does; "unless-stopped" restarts it again and again
    HostPlan crashing =
        withCommand(plan(), "cl", "echo 'flag provided but not defined: -bogus'; exit 3");

    assertThatThrownBy(() -> runtime.up(crashing, options(false)))
        .isInstanceOf(OperationalException.class)
        .hasMessageContaining(node + "." + node + "-cl")
        .hasMessageContaining("container stopped with exit code 3")
        .hasMessageContaining("flag provided but not defined: -bogus");
    assertThat(
            connection
                .client()
                .inspectContainerCmd(node + "-cl")
                .exec()
                .getHostConfig()
                .getRestartPolicy()
                .getName())
        .as("the loop came from the restart policy the plan asked for")
        .isEqualTo("unless-stopped");
  }

  /** {@code plan} with one service's shell command replaced. */
  @Test
  void aClientThatAnswersAtOnceAndCrashesWhileTheNextOnesSettleStillFailsUp() {
    // answers its health endpoint within milliseconds (httpd without -f goes to the background),
    // then exits 1 s later, while the CL (no health check) needs its 2 s running
    HostPlan plan =
        withCommand(
            withElHealth(8545),
            "el",
            "echo ok > /data/health; httpd -p 8545 -h /data; sleep 1; echo 'fatal: lost the"
                + " database lock'; exit 3");

    assertThatThrownBy(() -> runtime.up(plan, options(false)))
        .isInstanceOf(OperationalException.class)
        .hasMessageContaining(node + "." + node + "-el")
        .hasMessageContaining("exit code 3")
        .hasMessageContaining("lost the database lock");
    assertThat(progress).contains(node + ": " + node + "-el answers http://el:8545/health");
  }

  private static HostPlan withCommand(HostPlan plan, String service, String command) {
    return plan.withServices(
        plan.services().stream()
            .map(s -> s.name().equals(service) ? s.withCommand(List.of(command)) : s)
            .toList());
  }

  @Test
  void upReportsAHealthEndpointThatNeverAnswers() {
    long start = System.nanoTime();

    assertThatThrownBy(() -> runtime.up(withElHealth(8546), waiting(Duration.ofSeconds(4))))
        .isInstanceOf(OperationalException.class)
        .hasMessageContaining(node + ".el")
        .hasMessageContaining("http://el:8546/health did not answer within 4 s")
        .hasMessageContaining("Connection refused")
        .hasMessageContaining("ephemery logs el");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
  }

  @Test
  void upStartsThePlannedSupervisorWithJarInventorySocketAndLabels() throws IOException {
    DockerClient docker = connection.client();
    String jreImage = "ephemery-test/supervisor-jre:" + node;
    commitJreStandIn(docker, jreImage);
    try {
      Host host =
          InventoryParser.parse(
                  "hosts:\n  - name: "
                      + node
                      + "\n    address: local\n    baseDir: "
                      + baseDir
                      + "\n    execution: {client: geth}\n    consensus: {client: lighthouse}\n"
                      + "    supervisor: {enabled: true, image: "
                      + jreImage
                      + "}\n",
                  "it")
              .hosts()
              .get(0);
      HostPlan base = plan();
      List<PlannedPath> paths = new ArrayList<>(base.paths());
      paths.add(Planner.supervisorFolder(host));
      List<Service> services = new ArrayList<>(base.services());
      Service supervisor = Planner.supervisor(host, 153, "cl");
      services.add(supervisor);
      HostPlan plan =
          new HostPlan(node, "local", base.baseDir(), 153, base.network(), paths, services);
      Path jar = Files.createTempFile(release, "ephemery", ".jar");
      Files.write(jar, "a jar's bytes".getBytes(StandardCharsets.UTF_8));
      RuntimeOptions options =
          new RuntimeOptions(
              false,
              release,
              image,
              Duration.ofSeconds(30),
              true,
              new RuntimeOptions.SupervisorFiles(jar, Map.of(node, "hosts: []\n")));

      UpReport report = runtime.up(plan, options);

      String name = Labels.containerName(plan, supervisor);
      assertThat(report.changes()).contains(new Change("create", "container", name, "missing"));
      assertThat(baseDir.resolve("supervisor/ephemery.jar")).hasContent("a jar's bytes");
      assertThat(baseDir.resolve("supervisor/ephemery.yaml")).hasContent("hosts: []");
      InspectContainerResponse container = docker.inspectContainerCmd(name).exec();
      assertThat(container.getState().getRunning()).isTrue();
      assertThat(container.getConfig().getLabels())
          .containsEntry(LabelKeys.ROLE, "supervisor")
          .containsEntry(LabelKeys.NODE, node)
          .containsKey(LabelKeys.PLAN_HASH);
      assertThat(container.getHostConfig().getBinds())
          .extracting(b -> b.getPath() + ":" + b.getVolume().getPath() + ":" + b.getAccessMode())
          .contains(
              "/var/run/docker.sock:/var/run/docker.sock:rw",
              baseDir.resolve("supervisor") + ":/opt/ephemery-supervisor:ro",
              baseDir + ":" + baseDir + ":rw");
      assertThat(container.getHostConfig().getRestartPolicy().getName())
          .isEqualTo("unless-stopped");
      Ports.Binding[] status =
          container.getHostConfig().getPortBindings().getBindings().get(ExposedPort.tcp(9777));
      assertThat(status).extracting(Ports.Binding::getHostIp).containsExactly("127.0.0.1");
      assertThat(runtime.tail(name, 5))
          .contains(
              "supervisor stand-in: "
                  + String.join(" ", dev.ephemery.plan.Planner.SUPERVISOR_JVM_OPTIONS)
                  + " -jar")
          .contains("run -f /opt/ephemery-supervisor/ephemery.yaml --host " + node);

      assertThat(runtime.up(plan, options).changes()).isEmpty();
      String id = container.getId();
      RuntimeOptions withoutFiles =
          new RuntimeOptions(false, release, image, Duration.ofSeconds(30));
      assertThat(runtime.up(plan, withoutFiles).changes())
          .as("without its files the supervisor is left alone, not removed")
          .isEmpty();
      assertThat(docker.inspectContainerCmd(name).exec().getId()).isEqualTo(id);
    } finally {
      docker
          .listContainersCmd()
          .withShowAll(true)
          .withLabelFilter(Labels.nodeFilter(node))
          .exec()
          .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
      docker.removeImageCmd(jreImage).withForce(true).exec();
    }
  }

  /**
   * The stand-in image with a {@code java} that checks the jar, inventory and Docker socket it is
   * given exist, prints its arguments and idles like the daemon: no JRE needs to be pulled.
   */
  private void commitJreStandIn(DockerClient docker, String tag) throws IOException {
    String script =
        "#!/bin/sh\n"
            // The jar follows -jar, the inventory -f, however many JVM options come first.
            + "prev=\nfor a in \"$@\"; do case \"$prev\" in -jar|-f) test -e \"$a\" ||"
            + " { echo missing $a; exit 3; };; esac; prev=\"$a\"; done\n"
            + "test -e /var/run/docker.sock || { echo missing /var/run/docker.sock; exit 3; }\n"
            + "echo \"supervisor stand-in: $*\"\n"
            + "trap 'exit 0' TERM\n"
            + "sleep 3600 & wait\n";
    String id = docker.createContainerCmd(image).withCmd("true").exec().getId();
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
        byte[] content = script.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry("java");
        entry.setSize(content.length);
        entry.setMode(0755);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
      docker
          .copyArchiveToContainerCmd(id)
          .withTarInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))
          .withRemotePath("/bin")
          .exec();
      String[] parts = tag.split(":");
      docker.commitCmd(id).withRepository(parts[0]).withTag(parts[1]).exec();
    } finally {
      docker.removeContainerCmd(id).withForce(true).exec();
    }
  }

  @Test
  void inputFoldersDigestTheSameHereAsInTheHelper() throws Exception {
    Path keys = Files.createDirectories(baseDir.getParent().resolve("keys"));
    Files.writeString(keys.resolve("keystore-0.json"), "{}");
    Files.createDirectories(keys.resolve("sub"));
    Files.writeString(keys.resolve("sub/keystore-1.json"), "{\"a\": 1}\n");
    runtime.up(planWithImport(keys), throughHelper());
    Instant before = Instant.now();

    assertThat(runtime.up(planWithImport(keys), options(false)).changes()).isEmpty();
    assertThat(helpersCreated(connection.client(), node, "inputs", before, Instant.now()))
        .as("this machine reads the folders itself")
        .isEmpty();

    Files.writeString(keys.resolve("keystore-2.json"), "{}");
    assertThat(runtime.up(planWithImport(keys), options(false)).changes())
        .extracting(Change::action)
        .containsExactly("rerun", "restart");
    assertThat(runtime.up(planWithImport(keys), throughHelper()).changes()).isEmpty();
  }

  @Test
  void asRootBesideALocalDaemonUpFixesFilesFromHereAndAsARemoteOnesThroughItsHelper()
      throws Exception {
    Instant before = Instant.now();
    runtime.up(plan(), options(false));
    assertThat(helpersCreated(connection.client(), node, null, before, Instant.now()))
        .as("up from nothing: files, init step, self-test, all without a helper")
        .isEmpty();

    Files.setPosixFilePermissions(
        baseDir.resolve("data/cl"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Instant beforeLocalFix = Instant.now();
    UpReport fixed = runtime.up(plan(), options(false));

    assertThat(fixed.changes())
        .extracting(Change::action, Change::object)
        .containsExactly(Tuple.tuple("update", baseDir.resolve("data/cl").toString()));
    assertThat(helpersCreated(connection.client(), node, null, beforeLocalFix, Instant.now()))
        .isEmpty();
    assertThat(mode(baseDir.resolve("data/cl"))).isEqualTo("rwx------");
    assertThat(Files.getAttribute(baseDir.resolve("data/cl"), "unix:uid")).isEqualTo(1000);

    Files.setPosixFilePermissions(
        baseDir.resolve("data/cl"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Instant beforeRemoteFix = Instant.now();
    assertThat(runtime.up(plan(), throughHelper()).changes())
        .extracting(Change::action, Change::object)
        .containsExactly(Tuple.tuple("update", baseDir.resolve("data/cl").toString()));
    assertThat(filesHelpersCreated(connection.client(), node, beforeRemoteFix, Instant.now()))
        .hasSize(1);
    assertThat(mode(baseDir.resolve("data/cl"))).isEqualTo("rwx------");
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void aStoppedContainerWhosePlanDidNotChangeIsStartedNotRecreated() {
    runtime.up(plan(), options(false));
    DockerClient docker = connection.client();
    String elId = docker.inspectContainerCmd(node + "-el").exec().getId();
    docker.stopContainerCmd(node + "-el").withTimeout(10).exec();

    UpReport report = runtime.up(plan(), options(false));

    assertThat(report.changes())
        .containsExactly(new Change("start", "container", node + "-el", "exited"));
    InspectContainerResponse el = docker.inspectContainerCmd(node + "-el").exec();
    assertThat(el.getId()).isEqualTo(elId);
    assertThat(el.getState().getRunning()).isTrue();
  }

  @Test
  void containersCreatedAheadForANewIterationAreStartedByUpNotRecreated() {
    runtime.up(plan(), options(false));
    DockerClient docker = connection.client();
    String runningCl = docker.inspectContainerCmd(node + "-cl").exec().getId();
    docker.stopContainerCmd(node + "-el").withTimeout(10).exec();
    HostPlan p = plan();
    HostPlan next =
        new HostPlan(p.name(), p.address(), p.baseDir(), 154, p.network(), p.paths(), p.services());

    List<String> created = runtime.createStopped(next);

    // The exited init step and the stopped EL are replaced; the running CL is left for up.
    assertThat(created).containsExactly(node + "-init", node + "-el");
    assertThat(docker.inspectContainerCmd(node + "-el").exec().getState().getStatus())
        .isEqualTo("created");
    assertThat(docker.inspectContainerCmd(node + "-cl").exec().getId()).isEqualTo(runningCl);
    String elId = docker.inspectContainerCmd(node + "-el").exec().getId();
    String initId = docker.inspectContainerCmd(node + "-init").exec().getId();

    UpReport report = runtime.up(next, options(false));

    assertThat(report.changes())
        .containsExactly(
            new Change("run", "container", node + "-init", "created"),
            new Change("start", "container", node + "-el", "created"),
            new Change("recreate", "container", node + "-cl", "plan changed"));
    InspectContainerResponse init = docker.inspectContainerCmd(node + "-init").exec();
    assertThat(init.getId()).isEqualTo(initId);
    assertThat(init.getState().getExitCodeLong()).isZero();
    InspectContainerResponse el = docker.inspectContainerCmd(node + "-el").exec();
    assertThat(el.getId()).isEqualTo(elId);
    assertThat(el.getState().getRunning()).isTrue();
    assertThat(el.getConfig().getLabels()).containsEntry(LabelKeys.ITERATION, "154");
    assertThat(docker.inspectContainerCmd(node + "-cl").exec().getId()).isNotEqualTo(runningCl);
  }
}
