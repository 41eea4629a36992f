package dev.ephemery.ops;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.runtime.DockerRuntime;
import dev.ephemery.runtime.Labels;
import dev.ephemery.runtime.RuntimeOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The reset's runtime port on Docker, for the new iteration's host plan. Starting converges the
 * whole plan with the Docker runtime's {@code up}: it recreates the containers whose plan changed
 * (every one: the iteration is part of their labels and commands) and runs the genesis-init
 * container before the execution client, so {@link #init} has nothing left to do on its own.
 */
public final class DockerNodeRuntime implements NodeRuntime {

  private static final int STOP_SECONDS = 30;

  private static final Duration EXPORT_TIMEOUT = Duration.ofMinutes(2);

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(DockerNodeRuntime.class);

  private final DockerClient docker;
  private final DockerRuntime runtime;
  private final HostPlan plan;
  private final RuntimeOptions options;
  private boolean converged;

  public DockerNodeRuntime(
      DockerClient docker, DockerRuntime runtime, HostPlan plan, Path releaseDir) {
    this(docker, runtime, plan, releaseDir, RuntimeOptions.helperImageFromEnvironment());
  }

  public DockerNodeRuntime(
      DockerClient docker,
      DockerRuntime runtime,
      HostPlan plan,
      Path releaseDir,
      String helperImage) {
    this.docker = docker;
    this.runtime = runtime;
    this.plan = plan;
    this.options = new RuntimeOptions(false, releaseDir, helperImage, Duration.ofMinutes(5));
  }

  @Override
  public void stop(Component component) {
    String name = Labels.containerName(plan, component.service());
    try {
      docker.stopContainerCmd(name).withTimeout(STOP_SECONDS).exec();
    } catch (NotModifiedException | NotFoundException e) {
      // Already stopped, or never created: what we wanted.
    }
  }

  @Override
  public boolean exportSlashingProtection(Component validator, Path target) {
    // Called in STOPPING: the installed testnet folder is still the old iteration's.
    NodeLayout layout = NodeLayouts.of(plan);
    Optional<Integer> installed = new TestnetInstaller(layout).installedIteration();
    if (installed.isEmpty()) {
      return false;
    }
    Path oldTestnet = layout.testnetDir().getParent().resolve("ephemery-" + installed.get());
    return new DockerSlashingExport(docker, plan, EXPORT_TIMEOUT, LOG::warn)
        .export(validator, oldTestnet, target);
  }

  @Override
  public void init(Component component, Path testnetDir) {
    // Done by up() in start(): the plan's init container runs before the client that needs it.
  }

  @Override
  public void start(Component component) {
    if (!converged) {
      runtime.up(plan, options);
      converged = true;
    }
  }

  @Override
  public Verification verify(int iteration) {
    var states = runtime.status(plan.name(), plan);
    boolean ok = plan.iteration() == iteration && DockerRuntime.healthy(states);
    return new Verification(
        ok, states.stream().map(s -> s.service() + "=" + s.state()).toList().toString());
  }
}
