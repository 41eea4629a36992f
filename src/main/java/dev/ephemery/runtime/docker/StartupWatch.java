package dev.ephemery.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.ephemery.common.OperationalException;
import dev.ephemery.common.Problem;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.runtime.Settling;
import dev.ephemery.runtime.Wait;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@code up} waits for once it started containers: each one settles ({@link Settling}) and,
 * when it runs, the EL-CL link self-test passes.
 *
 * <p>It watches from the first start on, in the background, while {@code up} starts the next
 * containers: its {@link NodeProbes} ask the started containers' health endpoints and make the
 * self-test's signed call, side by side in each round. A client that answers at once settles at
 * once instead of after {@link Settling#WINDOW}.
 */
final class StartupWatch {

  /** Between two rounds of probes and inspects: short, since a round is a few Docker calls. */
  private static final Duration INTERVAL = Duration.ofMillis(100);

  private final DockerClient docker;
  private final HostPlan plan;
  private final Clock clock;
  private final NodeProbes probes;
  private final Map<String, HealthWait.Endpoint> endpoints;
  private final boolean selfTest;
  private final Duration timeout;
  private final Consumer<String> progress;
  private final Set<String> pending = Collections.synchronizedSet(new LinkedHashSet<>());

  /**
   * Every container started, settled or not: each one is inspected at every round until the watch
   * ends, so that one that answered at once and crashed while the next ones started still fails
   * {@code up}.
   */
  private final Set<String> started = Collections.synchronizedSet(new LinkedHashSet<>());

  private final Set<String> answered = ConcurrentHashMap.newKeySet();
  private final AtomicReference<EngineLinkCheck.Result> lastLink = new AtomicReference<>();

  /** Ends the pause between two rounds when a container started: it is probed at once. */
  private final Semaphore wake = new Semaphore(0);

  private volatile boolean allStarted;
  private volatile boolean linkFailed;
  private FutureTask<Void> loop;

  /**
   * A watch of {@code plan}'s node.
   *
   * @param endpoints the health endpoints of the node's services (those of started ones are asked)
   * @param selfTest whether the EL-CL link self-test runs
   * @param timeout how long the watch may take from the first start
   */
  StartupWatch(
      DockerClient docker,
      HostPlan plan,
      Clock clock,
      NodeProbes probes,
      List<HealthWait.Endpoint> endpoints,
      boolean selfTest,
      Duration timeout,
      Consumer<String> progress) {
    this.docker = docker;
    this.plan = plan;
    this.clock = clock;
    this.probes = probes;
    this.endpoints =
        endpoints.stream()
            .collect(
                Collectors.toMap(HealthWait.Endpoint::container, Function.identity(), (a, b) -> a));
    this.selfTest = selfTest;
    this.timeout = timeout;
    this.progress = progress;
  }

  /** {@code up} started this long-running container: watch it from now on. */
  synchronized void started(String container) {
    pending.add(container);
    started.add(container);
    wake.release();
    if (loop == null) {
      loop = new FutureTask<>(this::watch, null);
      Thread thread = new Thread(loop, "ephemery-startup-watch");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /**
   * Waits, once {@code up} started all it starts, until every started container settled and the
   * link self-test (when it runs) passed; throws the stopped container's exit and logs, the refused
   * token, or what did not happen in time.
   */
  void await() {
    allStarted = true;
    wake.release();
    FutureTask<Void> running;
    synchronized (this) {
      if (loop == null) {
        loop = new FutureTask<>(this::watch, null);
        loop.run();
      }
      running = loop;
    }
    try {
      running.get();
    } catch (ExecutionException e) {
      throw UpHelper.unwrap(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationalException(plan.name(), "interrupted while watching the start", "", e);
    }
  }

  /** Stops watching: {@code up} failed before it started all it starts. */
  synchronized void cancel() {
    if (loop != null) {
      loop.cancel(true);
    }
  }

  /** Whether the self-test ran and failed (its record must go). */
  boolean linkFailed() {
    return linkFailed;
  }

  private void watch() {
    NodeProbes.LinkProbe link = selfTest ? probes.link() : null;
    boolean done =
        Wait.poll(
            timeout,
            INTERVAL,
            waited ->
                progress.accept(
                    plan.name() + ": waiting for " + pending + " (" + waited.toSeconds() + " s)"),
            () -> round(link),
            this::pauseUnlessWoken);
    if (!done) {
      throw notInTime(link == null ? null : lastLink.get());
    }
  }

  private boolean pauseUnlessWoken(Duration interval) {
    try {
      wake.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
      wake.drainPermits();
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** One round: probes side by side, then an inspect of each container started. */
  private boolean round(NodeProbes.LinkProbe link) {
    boolean everyoneStarted = allStarted; // read before the inspects: a later start is seen next
    List<Runnable> asks = new ArrayList<>();
    for (String name : List.copyOf(pending)) {
      HealthWait.Endpoint endpoint = endpoints.get(name);
      if (endpoint != null && !answered.contains(name)) {
        asks.add(
            () -> {
              if (probes.ask(endpoint) == null) {
                answered.add(name);
              }
            });
      }
    }
    if (link != null && (lastLink.get() == null || !EngineSelfTest.conclusive(lastLink.get()))) {
      asks.add(() -> lastLink.set(link.attempt()));
    }
    runSideBySide(asks);
    settle();
    EngineLinkCheck.Result result = lastLink.get();
    if (result != null && !result.ok() && EngineSelfTest.conclusive(result)) {
      linkFailed = true;
      throw new OperationalException(List.of(result.problem()), null);
    }
    return everyoneStarted && pending.isEmpty() && (link == null || result.ok());
  }

  private OperationalException notInTime(EngineLinkCheck.Result link) {
    List<Problem> problems = new ArrayList<>();
    List.copyOf(pending)
        .forEach(
            name ->
                problems.add(
                    Problem.at(
                        plan.name() + "." + name,
                        0,
                        "container has not settled (answered its health endpoint or stayed"
                            + " running "
                            + Settling.WINDOW.toSeconds()
                            + " s) within "
                            + timeout.toSeconds()
                            + " s",
                        "see 'ephemery logs " + name + "'")));
    if (link != null && !link.ok()) {
      linkFailed = true;
      problems.add(link.problem());
    }
    return new OperationalException(problems, null);
  }

  /** Runs independent probes at once (each is a Docker exec) and waits for all of them. */
  private static void runSideBySide(List<Runnable> probes) {
    if (probes.size() <= 1) {
      probes.forEach(Runnable::run);
      return;
    }
    List<FutureTask<Void>> tasks = new ArrayList<>();
    for (Runnable probe : probes) {
      FutureTask<Void> task = new FutureTask<>(probe, null);
      Thread thread = new Thread(task, "ephemery-probe");
      thread.setDaemon(true);
      thread.start();
      tasks.add(task);
    }
    for (FutureTask<Void> task : tasks) {
      try {
        task.get();
      } catch (ExecutionException e) {
        throw UpHelper.unwrap(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OperationalException("docker", "interrupted while probing", "", e);
      }
    }
  }

  /**
   * Drops the settled containers from {@code pending}; throws for any started one that stopped,
   * settled before or not.
   */
  private void settle() {
    Instant now = clock.instant();
    for (String name : List.copyOf(started)) {
      InspectContainerResponse container = docker.inspectContainerCmd(name).exec();
      switch (Settling.of(DockerRuntime.observed(container), answered.contains(name), now)) {
        case SETTLED -> {
          if (pending.remove(name)) {
            progress.accept(
                plan.name()
                    + ": "
                    + name
                    + (answered.contains(name)
                        ? " answers " + endpoints.get(name).describe()
                        : " stayed running " + Settling.WINDOW.toSeconds() + " s"));
          }
        }
        case STOPPED -> throw DockerRuntime.stopped(docker, plan, name, container);
        case WAITING -> {}
      }
    }
  }
}
