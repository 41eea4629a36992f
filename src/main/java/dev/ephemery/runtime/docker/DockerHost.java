package dev.ephemery.runtime.docker;

import com.github.dockerjava.api.exception.NotModifiedException;
import dev.ephemery.client.SlashingImport;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.Change;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.Labels;
import dev.ephemery.runtime.Purge;
import dev.ephemery.runtime.Runtime;
import dev.ephemery.runtime.RuntimeOptions;
import dev.ephemery.runtime.ServiceState;
import dev.ephemery.runtime.UpReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@link Runtime} port on one host's Docker daemon, local or reached over SSH: one connection,
 * held until closed, and the {@link DockerRuntime} working through it.
 */
public final class DockerHost implements Runtime {

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
    return runtime.up(plan, options);
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

  @Override
  public void close() {
    connection.close();
  }
}
