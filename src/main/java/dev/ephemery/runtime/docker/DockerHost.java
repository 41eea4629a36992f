package dev.ephemery.runtime.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import dev.ephemery.client.SlashingImport;
import dev.ephemery.inventory.Address;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.Change;
import dev.ephemery.runtime.ContainerDetail;
import dev.ephemery.runtime.DiskSpace;
import dev.ephemery.runtime.HostRuntime;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.Labels;
import dev.ephemery.runtime.LinkCheck;
import dev.ephemery.runtime.Purge;
import dev.ephemery.runtime.RuntimeOptions;
import dev.ephemery.runtime.ServiceState;
import dev.ephemery.runtime.UpReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@link HostRuntime} port on one host's Docker daemon, local or reached over SSH: one
 * connection, held until closed, and the {@link DockerRuntime} working through it.
 */
public final class DockerHost implements HostRuntime {

  private static final int STOP_SECONDS = 30;

  private final DockerConnection connection;
  private final DockerRuntime runtime;

  private DockerHost(DockerConnection connection, Consumer<String> progress) {
    this.connection = connection;
    this.runtime = new DockerRuntime(connection.client(), progress);
  }

  /** Connects to the target's daemon; {@code progress} receives lines for long work. */
  public static DockerHost open(HostTarget target, Consumer<String> progress) {
    return new DockerHost(DockerConnection.open(target), progress);
  }

  /** The reset's port on this host, for the new iteration's plan; closed with this. */
  public DockerNodeRuntime forReset(HostPlan plan, Path releaseDir) {
    return new DockerNodeRuntime(connection.client(), runtime, plan, releaseDir);
  }

  @Override
  public UpReport up(HostPlan plan, RuntimeOptions options) {
    // A local daemon's baseDir is this machine's: what needs no change needs no helper.
    return runtime.up(plan, options.withLocalFiles(local()));
  }

  @Override
  public List<ServiceState> status(String node, HostPlan plan) {
    return runtime.status(node, plan);
  }

  @Override
  public List<Change> down(
      String node, HostPlan plan, Purge purge, String helperImage, boolean dryRun) {
    return runtime.down(node, plan, purge, helperImage, dryRun);
  }

  @Override
  public void logs(String node, String service, boolean follow, Integer tail, Consumer<byte[]> sink)
      throws InterruptedException {
    runtime.logs(runtime.findContainer(node, service), follow, tail, sink);
  }

  @Override
  public Optional<ContainerDetail> inspect(String node, String container) {
    try {
      InspectContainerResponse inspect = connection.client().inspectContainerCmd(container).exec();
      Long exit = inspect.getState().getExitCodeLong();
      return Optional.of(
          new ContainerDetail(
              exit == null ? null : exit.intValue(),
              inspect.getRestartCount(),
              inspect.getState().getOOMKilled()));
    } catch (NotFoundException gone) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<java.util.Map<String, String>> labels(String node, String container) {
    try {
      return Optional.ofNullable(
          connection.client().inspectContainerCmd(container).exec().getConfig().getLabels());
    } catch (NotFoundException gone) {
      return Optional.empty();
    }
  }

  @Override
  public List<String> tail(String node, String container, int lines) {
    return ContainerLogs.tail(connection.client(), container, lines).lines().toList();
  }

  @Override
  public String readSecret(String node, String baseDir, String path, String helperImage) {
    return HostSecrets.read(connection.client(), helperImage, node, baseDir, path, local());
  }

  /** Measured here for a local host; in a read-only helper container on a remote one. */
  @Override
  public DiskSpace diskSpace(String node, String baseDir, String helperImage) {
    if (local()) {
      try {
        Path path = Path.of(baseDir);
        while (path != null && !Files.exists(path)) {
          path = path.getParent();
        }
        FileStore store = Files.getFileStore(path == null ? Path.of("/") : path);
        return new DiskSpace(store.getUsableSpace(), store.getTotalSpace());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    HostDisk.Space space = HostDisk.measure(connection.client(), helperImage, node, baseDir);
    return new DiskSpace(space.free(), space.total());
  }

  @Override
  public LinkCheck checkEngineLink(HostPlan plan, String helperImage, Duration timeout) {
    EngineLinkCheck.Result result =
        new EngineSelfTest(connection.client(), Clock.systemUTC())
            .run(plan, helperImage, timeout, local());
    return new LinkCheck(
        result.ok(),
        result.problem() == null
            ? null
            : result.problem().message() + " (" + result.problem().hint() + ")");
  }

  @Override
  public void importSlashingProtection(
      HostPlan plan,
      Service keeper,
      SlashingImport command,
      Path folder,
      Duration timeout,
      Consumer<String> log) {
    String name = Labels.containerName(plan, keeper);
    log.accept("stopping " + name + " for the import");
    try {
      connection.client().stopContainerCmd(name).withTimeout(STOP_SECONDS).exec();
    } catch (NotModifiedException alreadyStopped) {
      // stopped already
    }
    try {
      new DockerSlashingImport(connection.client(), plan, timeout).run(keeper, command, folder);
    } finally {
      log.accept("starting " + name + " again");
      connection.client().startContainerCmd(name).exec();
    }
  }

  @Override
  public long runInSupervisor(
      String node,
      List<String> args,
      Consumer<String> out,
      Consumer<String> err,
      Duration timeout) {
    return SupervisorExec.run(connection.client(), node, args, out, err, timeout);
  }

  /** Whether the daemon is this machine's, and so the host's baseDir this machine's disk. */
  private boolean local() {
    return connection.target().address() instanceof Address.Local;
  }

  @Override
  public void close() {
    connection.close();
  }
}
