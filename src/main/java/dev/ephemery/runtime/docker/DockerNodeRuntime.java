package dev.ephemery.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import dev.ephemery.common.OperationalException;
import dev.ephemery.ops.Component;
import dev.ephemery.ops.NodeFiles;
import dev.ephemery.ops.NodeLayout;
import dev.ephemery.ops.NodeLayouts;
import dev.ephemery.ops.NodeRuntime;
import dev.ephemery.plan.EngineApi;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Role;
import dev.ephemery.runtime.Labels;
import dev.ephemery.runtime.RuntimeOptions;
import dev.ephemery.runtime.ServiceState;
import dev.ephemery.runtime.local.LocalNodeFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reset's runtime port on Docker, for the new iteration's host plan. Starting converges the
 * whole plan with the Docker runtime's {@code up}: it recreates the containers whose plan changed
 * (every one: the iteration is part of their labels and commands) and runs the genesis-init
 * container before the execution client, so {@link #init} has nothing left to do on its own.
 *
 * <p>Only starting is on the reset's critical path: {@code up} probes the (local) planned paths
 * directly instead of starting a helper container when nothing must change, and returns once the
 * last container is started. That each one stays up, and the EL-CL link, are checked in {@link
 * #verify}, the VERIFYING state's work.
 */
public final class DockerNodeRuntime implements NodeRuntime, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DockerNodeRuntime.class);
  private static final int STOP_SECONDS = 30;

  /** How long one VERIFYING attempt waits for the started containers to stay up. */
  private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(1);

  private static final Duration EXPORT_TIMEOUT = Duration.ofMinutes(2);

  private final DockerClient docker;
  private final DockerRuntime runtime;
  private final HostPlan plan;
  private final RuntimeOptions options;
  private boolean converged;

  /** One thread, gone when idle: the creations run in the order the containers stopped. */
  private final ExecutorService background = singleThread("ephemery-reset-create");

  private Future<?> pending = CompletableFuture.completedFuture(null);

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
    // The reset works on the host's files directly (local hosts only), so up may too.
    this.options = RuntimeOptions.forReset(releaseDir, helperImage, Duration.ofMinutes(5));
  }

  /**
   * Replaces the init-step containers (genesis init) with the new iteration's, created and not
   * started, before the first stop: they only ever run inside {@code up} or a reset (auto-recovery
   * never starts them), so the running node is left as it is, and their removal and creation is off
   * the path from the first stop to the last start.
   */
  @Override
  public void prepare() {
    runtime.createStopped(plan, service -> service.runOnce() && service.role() == Role.INIT);
  }

  /** The reset runs where the host's files are (here, or in its supervisor container). */
  @Override
  public NodeFiles files() {
    return LocalNodeFiles.INSTANCE;
  }

  @Override
  public void stop(Component component) {
    String name = Labels.containerName(plan, component.service());
    try {
      docker.stopContainerCmd(name).withTimeout(STOP_SECONDS).exec();
    } catch (NotModifiedException | NotFoundException e) {
      // Already stopped, or never created: what we wanted.
    }
    // The stopped container's successor is created while the next one stops, so that starting
    // costs what a plain start costs. Nothing is started; a crash leaves created containers that
    // up starts (or replaces) like any other.
    pending = background.submit(this::createStopped);
  }

  private void createStopped() {
    try {
      runtime.createStopped(plan);
    } catch (RuntimeException e) {
      // Left for up, which meets the same cause again and reports it.
      LOG.info("{}: creating the stopped containers ahead failed: {}", plan.name(), e.toString());
    }
  }

  /** Waits for the containers being created ahead: up must not race them. */
  private void awaitCreated() {
    try {
      pending.get(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.info("{}: containers created ahead: {}", plan.name(), e.toString());
    }
  }

  /** One thread, gone when idle: its tasks run in the order they were given. */
  private static ExecutorService singleThread(String name) {
    return new ThreadPoolExecutor(
        0,
        1,
        1,
        TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(),
        task -> {
          Thread thread = new Thread(task, name);
          thread.setDaemon(true);
          return thread;
        });
  }

  /** Lets the containers being created land; nothing else is held. */
  @Override
  public void close() {
    awaitCreated();
    background.shutdown();
  }

  /**
   * Runs the client's export on the copy of the old chain's slashing DB that WIPING archived in
   * {@code target}'s folder, with the archive's iteration's testnet folder at {@code /testnet}.
   * Called in VERIFYING: the validator runs on the new chain and its data folder holds the new
   * chain's DB, so the live folder is never mounted.
   */
  @Override
  public boolean exportSlashingProtection(Component validator, Path target) {
    NodeLayout layout = NodeLayouts.of(plan);
    Path archive = target.getParent();
    Optional<Integer> old = NodeLayout.archivedIteration(archive);
    if (old.isEmpty()) {
      LOG.warn("{}: EIP-3076 export: {} is no slashing archive", validator.name(), archive);
      return false;
    }
    Path oldTestnet = layout.testnetOf(old.get());
    if (!Files.isDirectory(oldTestnet)) {
      LOG.warn(
          "{}: EIP-3076 export: iteration {}'s testnet folder {} is gone",
          validator.name(),
          old.get(),
          oldTestnet);
      return false;
    }
    Path scratch = layout.baseDir().resolve(".ephemery/slashing-export").resolve(validator.name());
    return new DockerSlashingExport(docker, plan, EXPORT_TIMEOUT, LOG::warn)
        .export(validator, archive, scratch, oldTestnet, target);
  }

  @Override
  public void registerSlashingKeys(Component validator, Path testnetDir) {
    new DockerSlashingImport(docker, plan, EXPORT_TIMEOUT).registerKeys(validator, testnetDir);
  }

  @Override
  public void init(Component component, Path testnetDir) {
    // Done by up() in start(): the plan's init container runs before the client that needs it.
  }

  @Override
  public void start(Component component) {
    if (!converged) {
      // up checks images, network and paths while the last containers are still being created.
      runtime.up(plan, options, this::awaitCreated);
      converged = true;
    }
  }

  @Override
  public Verification verify(int iteration) {
    if (plan.iteration().number() != iteration) {
      return new Verification(
          false, "planned for iteration " + plan.iteration() + ", not " + iteration);
    }
    try {
      runtime.awaitSettled(plan, SETTLE_TIMEOUT);
      if (EngineApi.port(plan).isPresent()) {
        // The reset runs beside the host's daemon: from here when it reaches the node network.
        runtime.checkEngineLink(
            plan, options.helperImage(), options.waitTimeout(), options.localFiles());
      }
    } catch (OperationalException e) {
      return new Verification(false, e.getMessage());
    }
    var states = runtime.status(plan.name(), plan);
    boolean ok = ServiceState.healthy(states);
    return new Verification(
        ok, states.stream().map(s -> s.service() + "=" + s.state()).toList().toString());
  }
}
