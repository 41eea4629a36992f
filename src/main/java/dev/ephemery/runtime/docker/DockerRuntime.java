package dev.ephemery.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.OperationalException;
import dev.ephemery.plan.EngineApi;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.plan.PlanHash;
import dev.ephemery.plan.Planner;
import dev.ephemery.plan.PortBinding;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import dev.ephemery.plan.StartOrder;
import dev.ephemery.runtime.Change;
import dev.ephemery.runtime.Labels;
import dev.ephemery.runtime.Purge;
import dev.ephemery.runtime.Reconcile;
import dev.ephemery.runtime.RuntimeOptions;
import dev.ephemery.runtime.SelfTestDecision;
import dev.ephemery.runtime.SelfTestPolicy;
import dev.ephemery.runtime.ServiceState;
import dev.ephemery.runtime.Settling;
import dev.ephemery.runtime.UpReport;
import dev.ephemery.runtime.Wait;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converges one host to its {@link HostPlan} through the Docker API. It only ever changes objects
 * that carry its {@link Labels#NODE} label; a foreign object in the way is an error, never touched.
 */
public final class DockerRuntime {

  private static final Logger LOG = LoggerFactory.getLogger(DockerRuntime.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final DockerClient docker;

  private final Consumer<String> progress;

  public DockerRuntime(DockerClient docker, Consumer<String> progress) {
    this.docker = docker;
    this.progress = progress;
  }

  // ------------------------------------------------------------------ up

  public UpReport up(HostPlan plan, RuntimeOptions options) {
    return up(plan, options, () -> {});
  }

  /**
   * {@code up}, calling {@code containersReady} after the checks that do not look at containers
   * (images, network, planned paths) and before it lists the node's containers: a reset waits there
   * for the containers it is still creating, so that those checks overlap the creation.
   */
  public UpReport up(HostPlan plan, RuntimeOptions options, Runnable containersReady) {
    List<Service> all = StartOrder.of(plan);
    // Without its files a planned supervisor is left as it is (the supervisor itself runs up()).
    List<Service> ordered =
        all.stream()
            .filter(s -> s.role() != Role.SUPERVISOR || options.supervisor() != null)
            .toList();
    checkEngineNotPublished(plan);
    checkSharedSecret(plan);
    HostFiles files = new HostFiles(plan, options.releaseDir());
    // The network is checked first (a foreign one stops up before anything changed), then created
    // in the background while the images are checked and the files made; the helper and the
    // containers, which join it, wait for it.
    List<Change> network = checkNetwork(plan);
    FutureTask<Void> networkCreated =
        new FutureTask<>(
            () -> {
              if (!network.isEmpty() && !options.dryRun()) {
                createNetwork(plan);
              }
            },
            null);
    runInBackground(List.of(networkCreated));
    try (UpHelper helper =
        new UpHelper(docker, plan, options.helperImage(), () -> result(networkCreated))) {
      Optional<List<HostFiles.Observed>> local =
          plan.paths().isEmpty() || options.dryRun() || !options.localFiles()
              ? Optional.empty()
              : files.probeLocal();
      boolean filesUnchanged = noFileWork(plan, files, ordered, local);
      Optional<LocalFileWork> here =
          filesUnchanged || options.dryRun()
              ? Optional.empty()
              : LocalFileWork.of(plan, options.localFiles(), local.isPresent());
      if (!filesUnchanged && !options.dryRun() && here.isEmpty()) {
        helper.begin();
      }
      List<Change> changes = new ArrayList<>(pullMissingImages(plan, ordered, options));
      changes.addAll(network);
      List<Change> fileChanges =
          filesUnchanged
              ? List.of()
              : ensurePaths(plan, files, ordered, options, local, here, helper);
      changes.addAll(fileChanges);
      boolean supervisorFilesChanged =
          fileChanges.stream().anyMatch(c -> c.kind().equals("file") && !c.isEnsure());
      result(networkCreated);

      Map<String, String> inputs = inputDigests(plan, ordered, options);
      containersReady.run();
      Map<String, Container> existing = ourContainers(plan.name());
      Reconcile.Actions actions =
          Reconcile.decide(
              desired(plan, all, ordered, inputs, supervisorFilesChanged),
              observe(plan, ordered, existing));
      changes.addAll(actions.changes());
      if (!options.dryRun()) {
        for (String name : actions.remove()) {
          remove(existing.get(name).getId(), name);
        }
      }
      checkNoForeignContainers(plan, actions);
      if (options.dryRun()) {
        return new UpReport(plan.name(), true, changes);
      }
      SelfTestDecision selfTest =
          startAndVerify(
              plan, ordered, actions.steps(), existing, inputs, options, changes, helper);
      return new UpReport(plan.name(), false, changes, selfTest);
    }
  }

  /**
   * Carries out the steps and, unless the caller verifies (a reset), waits for what they started
   * ({@link #verifyStarted}).
   *
   * @return the self-test's decision, or null when the caller verifies
   */
  private SelfTestDecision startAndVerify(
      HostPlan plan,
      List<Service> ordered,
      List<Reconcile.Step> steps,
      Map<String, Container> existing,
      Map<String, String> inputs,
      RuntimeOptions options,
      List<Change> changes,
      UpHelper helper) {
    List<HealthWait.Endpoint> health =
        options.waitForHealth() ? HealthWait.endpoints(plan, ordered) : List.of();
    SelfTestDecision selfTest =
        options.verifyStarted() ? selfTestDecision(plan, options, changes, existing) : null;
    boolean probing =
        selfTest != null && (selfTest.run() || !health.isEmpty() || startsProbed(plan, steps));
    NodeProbes probes = probes(plan, options, helper, probing);
    StartupWatch watch =
        selfTest == null
            ? null
            : new StartupWatch(
                docker,
                plan,
                Clock.systemUTC(),
                probes,
                HealthWait.endpoints(plan, plan.services()),
                selfTest.run(),
                options.waitTimeout(),
                progress);
    try {
      converge(plan, steps, existing, inputs, options, watch == null ? n -> {} : watch::started);
    } catch (RuntimeException e) {
      if (watch != null) {
        watch.cancel();
      }
      throw e;
    }
    if (selfTest != null) {
      verifyStarted(plan, health, options, selfTest, probes, watch);
    }
    return selfTest;
  }

  /**
   * The probes of what {@code up} starts: from this machine where it reaches the node's network,
   * else through the helper, started now when {@code probing}, while the containers are created and
   * started (not probing, it is only started if asked, and it is not).
   */
  private NodeProbes probes(
      HostPlan plan, RuntimeOptions options, UpHelper helper, boolean probing) {
    if (probing) {
      Optional<NodeProbes> direct =
          DirectProbes.of(docker, plan, Clock.systemUTC(), options.localFiles());
      if (direct.isPresent()) {
        return direct.get();
      }
      helper.begin();
    }
    return NodeProbes.throughHelper(helper, new EngineSelfTest(docker, Clock.systemUTC()));
  }

  /**
   * Refuses to go on when a container this tool did not create holds a name {@code up} is about to
   * create: one listing by name for all of them, not one inspect each.
   */
  private void checkNoForeignContainers(HostPlan plan, Reconcile.Actions actions) {
    Set<String> toCreate = new LinkedHashSet<>();
    for (Reconcile.Step step : actions.steps()) {
      if (step.action() == Reconcile.Action.CREATE) {
        toCreate.add(step.planned().container());
      }
    }
    if (toCreate.isEmpty()) {
      return;
    }
    // Docker's name filter matches parts of names: the exact names are picked from its answer.
    for (Container other :
        docker.listContainersCmd().withShowAll(true).withNameFilter(toCreate).exec()) {
      String name = containerName(other);
      if (toCreate.contains(name)) {
        refuseIfForeign(plan, name, other.getLabels());
      }
    }
  }

  /** Whether a step starts a long-running container that has a health endpoint to ask. */
  private static boolean startsProbed(HostPlan plan, List<Reconcile.Step> steps) {
    return steps.stream()
        .filter(s -> s.action() != Reconcile.Action.KEEP)
        .map(s -> s.planned().service())
        .anyMatch(s -> !HealthWait.endpoints(plan, List.of(s)).isEmpty());
  }

  /** A planned JWT secret must be the one every service of the node reads. */
  private static void checkSharedSecret(HostPlan plan) {
    if (plan.paths().stream()
        .anyMatch(p -> p.kind() == dev.ephemery.plan.PlannedPath.Kind.JWT_SECRET)) {
      List<dev.ephemery.common.Problem> problems = EngineSelfTest.sharedSecretProblems(plan);
      if (!problems.isEmpty()) {
        throw new InvalidInputException(problems);
      }
    }
  }

  /** Pulls the images of {@code services} (and the helper's, when one runs) that are missing. */
  private List<Change> pullMissingImages(
      HostPlan plan, List<Service> services, RuntimeOptions options) {
    Set<String> images = new LinkedHashSet<>();
    services.forEach(s -> images.add(s.image()));
    // The helper does the file work, the self-test and the health probes of the started clients.
    if (!plan.paths().isEmpty() || !HealthWait.endpoints(plan, services).isEmpty()) {
      images.add(options.helperImage());
    }
    List<Change> changes = new ArrayList<>();
    for (String image : images) {
      if (!imagePresent(image)) {
        changes.add(new Change("pull", "image", image, "missing"));
        if (!options.dryRun()) {
          pull(plan.name(), image, options.waitTimeout().multipliedBy(10));
        }
      }
    }
    return changes;
  }

  private static Reconcile.Desired desired(
      HostPlan plan,
      List<Service> all,
      List<Service> ordered,
      Map<String, String> inputs,
      boolean supervisorFilesChanged) {
    List<Reconcile.Planned> services = new ArrayList<>();
    for (Service service : ordered) {
      services.add(
          new Reconcile.Planned(
              service, Labels.containerName(plan, service), PlanHash.of(plan, service)));
    }
    Set<String> planned = new LinkedHashSet<>();
    all.forEach(s -> planned.add(Labels.containerName(plan, s)));
    return new Reconcile.Desired(services, planned, inputs, supervisorFilesChanged);
  }

  /**
   * The node's containers as {@link Reconcile} sees them. Whether a planned run-once step exited 0
   * takes an inspect each; the other containers are not inspected.
   */
  private Map<String, Reconcile.Observed> observe(
      HostPlan plan, List<Service> services, Map<String, Container> existing) {
    Set<String> runOnce = new LinkedHashSet<>();
    services.stream()
        .filter(Service::runOnce)
        .forEach(s -> runOnce.add(Labels.containerName(plan, s)));
    Map<String, Reconcile.Observed> observed = new LinkedHashMap<>();
    existing.forEach(
        (name, container) -> {
          boolean exitedOk =
              runOnce.contains(name)
                  && !"created".equals(container.getState())
                  && isExitedOk(container.getId());
          observed.put(name, observed(container, exitedOk));
        });
    return observed;
  }

  /** A container as {@link Reconcile} sees it; {@code exitedOk} costs an inspect to know. */
  private static Reconcile.Observed observed(Container container, boolean exitedOk) {
    Map<String, String> labels = container.getLabels();
    return new Reconcile.Observed(
        container.getState(),
        labels.get(LabelKeys.PLAN_HASH),
        labels.get(LabelKeys.INPUTS_HASH),
        exitedOk);
  }

  /**
   * Carries out the steps in start order.
   *
   * <p>Containers to (re)create that are not running are replaced in the background: only the
   * starts must follow the start order, and each waits for its own container only (the later ones
   * are created while the first ones start). Nothing after an init step is created before that step
   * succeeded. A running container is replaced just before its start, which keeps its downtime
   * short.
   *
   * @param started told each long-running container started, right after its start
   */
  private void converge(
      HostPlan plan,
      List<Reconcile.Step> steps,
      Map<String, Container> existing,
      Map<String, String> inputs,
      RuntimeOptions options,
      Consumer<String> started) {
    Map<String, FutureTask<String>> prepared = new LinkedHashMap<>();
    for (Reconcile.Step step : steps) {
      String name = step.planned().container();
      Container found = existing.get(name);
      boolean replaceNow =
          step.action() == Reconcile.Action.CREATE
              || (step.action() == Reconcile.Action.REPLACE && !"running".equals(found.getState()));
      if (replaceNow) {
        prepared.put(
            name,
            new FutureTask<>(
                () -> {
                  if (found != null) {
                    remove(found.getId(), name);
                  }
                  return create(plan, step.planned(), inputs);
                }));
      }
    }
    Set<String> launched = new LinkedHashSet<>();
    for (int i = 0; i < steps.size(); i++) {
      launchPrepared(steps, i, prepared, launched);
      if (carryOut(plan, steps.get(i), existing, prepared, inputs, options.waitTimeout())) {
        started.accept(steps.get(i).planned().container());
      }
    }
  }

  /**
   * Starts creating step {@code i}'s container if it is prepared and, unless it is an init step,
   * those of the steps after it up to the next init step.
   */
  private static void launchPrepared(
      List<Reconcile.Step> steps,
      int i,
      Map<String, FutureTask<String>> prepared,
      Set<String> launched) {
    String name = steps.get(i).planned().container();
    if (!prepared.containsKey(name) || launched.contains(name)) {
      return;
    }
    int end = i + 1;
    while (!steps.get(i).planned().service().runOnce()
        && end < steps.size()
        && !steps.get(end).planned().service().runOnce()) {
      end++;
    }
    List<Runnable> batch = new ArrayList<>();
    for (Reconcile.Step next : steps.subList(i, end)) {
      String nextName = next.planned().container();
      if (prepared.containsKey(nextName) && launched.add(nextName)) {
        batch.add(prepared.get(nextName));
      }
    }
    runInBackground(batch);
  }

  /**
   * Carries out one step at its turn: an init step runs to completion here.
   *
   * @return whether a long-running container was started that {@code up} waits for
   */
  private boolean carryOut(
      HostPlan plan,
      Reconcile.Step step,
      Map<String, Container> existing,
      Map<String, FutureTask<String>> prepared,
      Map<String, String> inputs,
      Duration timeout) {
    String name = step.planned().container();
    Container found = existing.get(name);
    String id;
    switch (step.action()) {
      case KEEP -> {
        return false;
      }
      case RESTART -> {
        docker.restartContainerCmd(found.getId()).withTimeout(30).exec();
        return true;
      }
      case START -> {
        start(found.getId(), name);
        return true;
      }
      case RUN -> id = found.getId();
      default -> {
        Future<String> ready = prepared.get(name);
        if (ready != null) {
          id = result(ready);
        } else {
          remove(found.getId(), name);
          id = create(plan, step.planned(), inputs);
        }
      }
    }
    step.stopFirst().forEach(n -> stop(existing.get(n).getId()));
    start(id, name);
    if (step.planned().service().runOnce()) {
      awaitCompletion(plan, name, id, timeout);
      return false;
    }
    return true;
  }

  private static SelfTestDecision selfTestDecision(
      HostPlan plan,
      RuntimeOptions options,
      List<Change> changes,
      Map<String, Container> existing) {
    SelfTestPolicy policy = options.selfTest();
    return SelfTestDecision.decide(
        EngineApi.port(plan).isPresent(),
        policy.asked(),
        changes,
        policy.passedFor(plan.name()),
        EngineSelfTest.fingerprint(plan, existing));
  }

  /**
   * Waits for the started containers to settle, the EL-CL link (when {@link SelfTestDecision} says
   * so) and the health endpoints.
   */
  private void verifyStarted(
      HostPlan plan,
      List<HealthWait.Endpoint> health,
      RuntimeOptions options,
      SelfTestDecision selfTest,
      NodeProbes probes,
      StartupWatch watch) {
    SelfTestPolicy policy = options.selfTest();
    if (selfTest.run()) {
      announceLinkCheck(plan);
    }
    try {
      watch.await();
    } catch (OperationalException e) {
      if (watch.linkFailed()) {
        policy.failed(plan.name());
      }
      throw e;
    }
    if (selfTest.run()) {
      if (policy.records() != null) {
        policy.passed(plan.name(), EngineSelfTest.fingerprint(plan, ourContainers(plan.name())));
      }
    } else if (EngineApi.port(plan).isPresent()) {
      LOG.info("{}: EL-CL link self-test {}", plan.name(), selfTest.describe());
    }
    if (!health.isEmpty()) {
      progress.accept(
          plan.name()
              + ": waiting up to "
              + options.waitTimeout().toSeconds()
              + " s for health endpoints: "
              + String.join(", ", health.stream().map(HealthWait.Endpoint::describe).toList()));
      HealthWait.await(probes, plan, health, options.waitTimeout(), progress);
    }
  }

  /**
   * Creates, without starting them, the planned containers that are stopped (or missing) and do not
   * match the plan; an old container of the same name is removed first. That is the part of {@code
   * up} that does not depend on the start order, done ahead: a reset does it for each container
   * while the next one stops. Running containers, and a foreign one in the way, are left for {@code
   * up}, which starts what this created.
   *
   * @return the names of the containers created
   */
  public List<String> createStopped(HostPlan plan) {
    return createStopped(plan, service -> true);
  }

  /** {@link #createStopped(HostPlan)} for the planned containers {@code which} accepts only. */
  public List<String> createStopped(HostPlan plan, Predicate<Service> which) {
    Map<String, Container> existing = ourContainers(plan.name());
    List<String> created = new ArrayList<>();
    for (Service service : StartOrder.of(plan)) {
      if (service.role() == Role.SUPERVISOR || !which.test(service)) {
        continue;
      }
      String name = Labels.containerName(plan, service);
      String hash = PlanHash.of(plan, service);
      Container found = existing.get(name);
      Reconcile.Planned planned = new Reconcile.Planned(service, name, hash);
      switch (Reconcile.createAhead(planned, found == null ? null : observed(found, false))) {
        case LEAVE -> {
          continue;
        }
        case CREATE -> checkNoForeignContainer(plan, name);
        // Not running (and a reset keeps it so): nothing to stop first, a stop call would only
        // cost a round trip while the next container stops.
        case REPLACE -> removeStopped(found.getId(), name);
      }
      create(plan, service, hash, name, null);
      created.add(name);
    }
    return created;
  }

  /** Starts independent Docker calls side by side (the daemon does them concurrently). */
  private static void runInBackground(List<Runnable> tasks) {
    for (Runnable task : tasks) {
      Thread thread = new Thread(task, "ephemery-up");
      thread.setDaemon(true);
      thread.start();
    }
  }

  private static <T> T result(Future<T> task) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationalException("docker", "interrupted while creating containers", "", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * The EL answers engine_exchangeCapabilities with the node's JWT, as the CL calls it: from this
   * machine when {@code localDaemon} and it reaches the node network, else from a helper on it.
   */
  public void checkEngineLink(
      HostPlan plan, String helperImage, Duration timeout, boolean localDaemon) {
    announceLinkCheck(plan);
    EngineLinkCheck.Result link =
        new EngineSelfTest(docker, java.time.Clock.systemUTC())
            .run(plan, helperImage, timeout, localDaemon);
    if (!link.ok()) {
      throw new OperationalException(List.of(link.problem()), null);
    }
  }

  private void announceLinkCheck(HostPlan plan) {
    progress.accept(plan.name() + ": checking the EL-CL link (engine_exchangeCapabilities)");
  }

  /** The Engine API carries the JWT-authenticated control of the EL: never off-host. */
  private static void checkEngineNotPublished(HostPlan plan) {
    for (Service service : plan.services()) {
      for (PortBinding port : ports(service)) {
        boolean engine = "engine".equals(port.name()) || port.container() == 8551;
        if (engine && port.host() != null && !"127.0.0.1".equals(port.bind())) {
          throw InvalidInputException.of(
              plan.name() + "." + service.name(),
              "the Engine API port " + port.container() + " is published on " + port.bind(),
              "publish it on 127.0.0.1 or not at all");
        }
      }
    }
  }

  private boolean imagePresent(String image) {
    try {
      docker.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private void pull(String host, String image, Duration timeout) {
    progress.accept(host + ": pulling " + image);
    long[] lastReport = {0};
    try {
      boolean done =
          docker
              .pullImageCmd(image)
              .exec(
                  new ResultCallback.Adapter<PullResponseItem>() {
                    @Override
                    public void onNext(PullResponseItem item) {
                      long now = System.nanoTime();
                      if (item.getStatus() != null
                          && now - lastReport[0] > TimeUnit.SECONDS.toNanos(2)) {
                        lastReport[0] = now;
                        progress.accept(
                            host
                                + ": "
                                + image
                                + ": "
                                + item.getStatus()
                                + (item.getProgress() == null ? "" : " " + item.getProgress()));
                      }
                    }
                  })
              .awaitCompletion(timeout.toSeconds(), TimeUnit.SECONDS);
      if (!done) {
        throw new OperationalException(
            host, "pulling " + image + " took over " + timeout.toSeconds() + " s", "");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationalException(host, "interrupted while pulling " + image, "", e);
    } catch (RuntimeException e) {
      if (e instanceof OperationalException known) {
        throw known;
      }
      throw new OperationalException(
          host,
          "cannot pull " + image + ": " + e.getMessage(),
          "check the image name and tag and the host's registry access",
          e);
    }
    LOG.info("{}: pulled {}", host, image);
  }

  /**
   * The node's network: nothing to do when it exists and is this node's; a change to create it when
   * it is missing; an error, before anything changed, when it exists and is not this node's.
   */
  private List<Change> checkNetwork(HostPlan plan) {
    Optional<Network> found =
        docker.listNetworksCmd().withNameFilter(plan.network()).exec().stream()
            .filter(n -> n.getName().equals(plan.network()))
            .findFirst();
    if (found.isPresent()) {
      Map<String, String> labels = found.get().getLabels();
      if (labels == null || !plan.name().equals(labels.get(LabelKeys.NODE))) {
        throw new OperationalException(
            plan.name(),
            "network '" + plan.network() + "' exists but was not created for this node",
            "remove or rename it, or plan another network name; it is never changed by this tool");
      }
      return List.of();
    }
    return List.of(new Change("create", "network", plan.network(), "missing"));
  }

  private void createNetwork(HostPlan plan) {
    docker
        .createNetworkCmd()
        .withName(plan.network())
        .withDriver("bridge")
        .withLabels(Labels.forNetwork(plan))
        .exec();
    LOG.info("{}: created network {}", plan.name(), plan.network());
  }

  /**
   * Whether the planned paths need no helper: the plan has none, or this machine sees baseDir
   * ({@code local}: the daemon is local) and finds nothing to change there, and no supervisor or
   * monitoring files are to be synced. A helper container costs a container start.
   */
  private static boolean noFileWork(
      HostPlan plan,
      HostFiles files,
      List<Service> services,
      Optional<List<HostFiles.Observed>> local) {
    if (plan.paths().isEmpty()) {
      return true;
    }
    if (local.isEmpty()
        || services.stream().anyMatch(s -> s.role() == Role.SUPERVISOR)
        || dev.ephemery.plan.MonitoringFiles.of(plan).isPresent()) {
      return false;
    }
    // A missing path is work for the helper: known without reading the release to hash it.
    return local.get().stream().allMatch(HostFiles.Observed::exists)
        && files.diff(local.get(), files.releaseHashOrNull()).isEmpty();
  }

  /**
   * Brings the planned paths, the supervisor's and monitoring's files to the plan, through this
   * machine ({@code here}, when it may do the work) or the helper; {@code local} is what this
   * machine saw of the planned paths, when it could see them as the helper would (then the helper
   * does not look again).
   */
  private List<Change> ensurePaths(
      HostPlan plan,
      HostFiles files,
      List<Service> services,
      RuntimeOptions options,
      Optional<List<HostFiles.Observed>> local,
      Optional<LocalFileWork> here,
      UpHelper upHelper) {
    String releaseHash = files.releaseHashOrNull();
    Optional<Service> supervisor =
        services.stream().filter(s -> s.role() == Role.SUPERVISOR).findFirst();
    if (options.dryRun()) {
      // A dry run only reads through the Docker API: looking into baseDir would need a container.
      List<Change> changes = new ArrayList<>(files.unchecked());
      supervisor.ifPresent(
          s ->
              List.of(Planner.SUPERVISOR_JAR, Planner.SUPERVISOR_INVENTORY)
                  .forEach(
                      name ->
                          changes.add(
                              new Change(
                                  Change.ENSURE,
                                  "file",
                                  supervisorFolder(plan, s) + "/" + name,
                                  "not inspected in a dry run"))));
      return changes;
    }
    FileWork work = here.isPresent() ? here.get() : upHelper.get();
    List<HostFiles.Observed> observed =
        local.orElseGet(
            () -> files.parseProbe(work.shOrFail("probing", files.probeScript()).out()));
    List<Change> changes = files.diff(observed, releaseHash);
    if (!changes.isEmpty()) {
      files.apply(work, observed, releaseHash);
      changes.forEach(c -> LOG.info("{}: {}", plan.name(), c.describe()));
    }
    List<HostFiles.Wanted> wanted = syncedFiles(plan, options, supervisor);
    if (!wanted.isEmpty()) {
      // A link on the way to one of them: the helper, in which it resolves inside baseDir.
      FileWork sync =
          here.isPresent() && wanted.stream().allMatch(f -> here.get().reaches(f.target()))
              ? here.get()
              : upHelper.get();
      List<Change> synced = files.syncFiles(sync, wanted);
      synced.forEach(c -> LOG.info("{}: {}", plan.name(), c.describe()));
      changes = new ArrayList<>(changes);
      changes.addAll(synced);
    }
    return changes;
  }

  /** The supervisor's files and monitoring's configuration, at their host paths. */
  private static List<HostFiles.Wanted> syncedFiles(
      HostPlan plan, RuntimeOptions options, Optional<Service> supervisor) {
    List<HostFiles.Wanted> wanted = new ArrayList<>();
    if (supervisor.isPresent()) {
      Path folder = Path.of(supervisorFolder(plan, supervisor.get()));
      supervisorFiles(plan, options)
          .forEach(
              (name, content) ->
                  wanted.add(new HostFiles.Wanted(folder.resolve(name), content, 0600, "file")));
    }
    // Monitoring's configuration is reported as config, not file: it recreates Prometheus or
    // Grafana through the digest in their plan, never restarts the supervisor.
    HostPaths paths = HostPaths.of(plan.baseDir());
    monitoringFiles(plan)
        .forEach(
            (folder, contents) -> {
              Path onHost = paths.onHost(plan.name() + ".monitoring", folder);
              contents.forEach(
                  (name, content) ->
                      wanted.add(
                          new HostFiles.Wanted(onHost.resolve(name), content, 0644, "config")));
            });
    return wanted;
  }

  /**
   * The monitoring stack's configuration rendered from the plan, by folder (relative to baseDir)
   * and file name; empty when the plan has no monitoring.
   */
  private static Map<String, Map<String, byte[]>> monitoringFiles(HostPlan plan) {
    Map<String, Map<String, byte[]>> byFolder = new LinkedHashMap<>();
    dev.ephemery.plan.MonitoringFiles.of(plan)
        .ifPresent(
            files ->
                files
                    .files()
                    .forEach(
                        (path, content) -> {
                          int slash = path.lastIndexOf('/');
                          byFolder
                              .computeIfAbsent(path.substring(0, slash), k -> new LinkedHashMap<>())
                              .put(
                                  path.substring(slash + 1),
                                  content.getBytes(StandardCharsets.UTF_8));
                        }));
    return byFolder;
  }

  /** The host folder the supervisor sees as {@link Planner#SUPERVISOR_DIR}. */
  private static String supervisorFolder(HostPlan plan, Service supervisor) {
    return supervisor.mounts().stream()
        .filter(m -> Planner.SUPERVISOR_DIR.equals(m.target()))
        .findFirst()
        .map(m -> HostPaths.of(plan.baseDir()).onHost(supervisor.name(), m.source()).toString())
        .orElseThrow(
            () ->
                InvalidInputException.of(
                    plan.name() + "." + supervisor.name(),
                    "the supervisor mounts nothing at " + Planner.SUPERVISOR_DIR,
                    "plan it with 'ephemery plan'"));
  }

  /** The tool's jar and the host's inventory, as the supervisor container reads them. */
  private static Map<String, byte[]> supervisorFiles(HostPlan plan, RuntimeOptions options) {
    RuntimeOptions.SupervisorFiles files = options.supervisor();
    String inventory = files.inventories().get(plan.name());
    if (inventory == null) {
      throw InvalidInputException.of(
          plan.name(), "no inventory for the supervisor of this host", "");
    }
    Map<String, byte[]> contents = new LinkedHashMap<>();
    try {
      contents.put(Planner.SUPERVISOR_JAR, java.nio.file.Files.readAllBytes(files.jar()));
    } catch (java.io.IOException e) {
      throw InvalidInputException.of(
          files.jar().toString(),
          "cannot read the tool's jar for the supervisor: " + e.getMessage(),
          "build it (mvn package), or set supervisor.enabled: false");
    }
    contents.put(Planner.SUPERVISOR_INVENTORY, inventory.getBytes(StandardCharsets.UTF_8));
    return contents;
  }

  /** Our containers of one node, by container name. */
  Map<String, Container> ourContainers(String node) {
    Map<String, Container> byName = new LinkedHashMap<>();
    for (Container container :
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Labels.nodeFilter(node))
            .exec()) {
      if (container.getLabels() != null && !container.getLabels().containsKey(LabelKeys.HELPER)) {
        byName.put(containerName(container), container);
      }
    }
    return byName;
  }

  static String containerName(Container container) {
    String[] names = container.getNames();
    return names == null || names.length == 0 ? container.getId() : names[0].replaceFirst("^/", "");
  }

  private void checkNoForeignContainer(HostPlan plan, String name) {
    try {
      InspectContainerResponse other = docker.inspectContainerCmd(name).exec();
      refuseIfForeign(plan, name, other.getConfig().getLabels());
    } catch (NotFoundException expected) {
      // the name is free
    }
  }

  private static void refuseIfForeign(HostPlan plan, String name, Map<String, String> labels) {
    if (labels == null || !plan.name().equals(labels.get(LabelKeys.NODE))) {
      throw new OperationalException(
          plan.name(),
          "a container named '" + name + "' exists that this tool did not create",
          "rename or remove it yourself; it is never touched by this tool");
    }
  }

  private boolean isExitedOk(String id) {
    InspectContainerResponse.ContainerState state =
        docker.inspectContainerCmd(id).exec().getState();
    return !Boolean.TRUE.equals(state.getRunning())
        && state.getExitCodeLong() != null
        && state.getExitCodeLong() == 0
        && !"created".equals(state.getStatus());
  }

  /**
   * The input digests of the run-once steps that have inputs. A dry run looks only where this
   * machine sees the folders (it starts no helper): elsewhere it cannot tell, and reports no rerun.
   */
  private Map<String, String> inputDigests(
      HostPlan plan, List<Service> services, RuntimeOptions options) {
    if (InputDigest.withInputs(services).isEmpty()) {
      return Map.of();
    }
    if (options.dryRun()) {
      return options.localFiles() ? InputDigest.local(plan, services).orElse(Map.of()) : Map.of();
    }
    return InputDigest.of(docker, plan, services, options.helperImage(), options.localFiles());
  }

  private String create(HostPlan plan, Reconcile.Planned planned, Map<String, String> inputs) {
    Service service = planned.service();
    return create(
        plan, service, planned.planHash(), planned.container(), inputs.get(service.name()));
  }

  private String create(
      HostPlan plan, Service service, String hash, String name, String inputsHash) {
    HostPaths paths = HostPaths.of(plan.baseDir());
    List<Bind> binds = new ArrayList<>();
    for (dev.ephemery.plan.Mount mount :
        service.mounts() == null ? List.<dev.ephemery.plan.Mount>of() : service.mounts()) {
      // The supervisor alone gets the Docker socket: it stops and starts the node at a reset.
      boolean socket =
          service.role() == Role.SUPERVISOR && Planner.DOCKER_SOCKET.equals(mount.source());
      String source =
          socket
              ? mount.source()
              : paths
                  .mountSource(service.name() + ".mounts", mount.source(), mount.readOnly())
                  .toString();
      binds.add(
          new Bind(
              source,
              new Volume(mount.target()),
              mount.readOnly() ? AccessMode.ro : AccessMode.rw));
    }
    List<ExposedPort> exposed = new ArrayList<>();
    Ports bindings = new Ports();
    for (PortBinding port : ports(service)) {
      ExposedPort exposedPort =
          "udp".equalsIgnoreCase(port.protocol())
              ? ExposedPort.udp(port.container())
              : ExposedPort.tcp(port.container());
      exposed.add(exposedPort);
      if (port.host() != null) {
        bindings.bind(
            exposedPort,
            Ports.Binding.bindIpAndPort(
                port.bind() == null ? "127.0.0.1" : port.bind(), port.host()));
      }
    }
    HostConfig hostConfig =
        HostConfig.newHostConfig()
            .withBinds(binds)
            .withPortBindings(bindings)
            .withNetworkMode(plan.network());
    if (!service.runOnce() && service.restartPolicy() != null) {
      hostConfig.withRestartPolicy(RestartPolicy.parse(service.restartPolicy()));
    }
    if (service.memoryLimit() != null) {
      hostConfig.withMemory(bytes(service.memoryLimit()));
    }
    List<String> env = new ArrayList<>();
    if (service.env() != null) {
      service.env().forEach((k, v) -> env.add(k + "=" + v));
    }
    CreateContainerCmd create =
        docker
            .createContainerCmd(service.image())
            .withName(name)
            .withLabels(Labels.forService(plan, service, hash, inputsHash))
            .withEnv(env)
            .withExposedPorts(exposed)
            .withHostConfig(hostConfig)
            .withAliases(service.name());
    if (service.entrypoint() != null) {
      create.withEntrypoint(service.entrypoint());
    }
    if (service.command() != null) {
      create.withCmd(service.command());
    }
    if (service.user() != null) {
      create.withUser(service.user());
    }
    if (service.stopSignal() != null) {
      create.withStopSignal(service.stopSignal());
    }
    String id = create.exec().getId();
    LOG.info("{}: created container {}", plan.name(), name);
    return id;
  }

  private static List<PortBinding> ports(Service service) {
    return service.ports() == null ? List.of() : service.ports();
  }

  static long bytes(String limit) {
    String text = limit.strip().toLowerCase(java.util.Locale.ROOT);
    long unit = 1;
    char last = text.charAt(text.length() - 1);
    if ("kmg".indexOf(last) >= 0) {
      unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
      text = text.substring(0, text.length() - 1);
    }
    return Long.parseLong(text) * unit;
  }

  private void stop(String id) {
    try {
      docker.stopContainerCmd(id).withTimeout((int) STOP_GRACE.toSeconds()).exec();
    } catch (NotModifiedException | NotFoundException alreadyStopped) {
      // fine
    }
  }

  private void start(String id, String name) {
    try {
      docker.startContainerCmd(id).exec();
    } catch (NotModifiedException alreadyRunning) {
      return;
    }
    LOG.info("started container {}", name);
  }

  private void remove(String id, String name) {
    stop(id);
    removeStopped(id, name);
  }

  private void removeStopped(String id, String name) {
    try {
      docker.removeContainerCmd(id).withForce(true).exec();
      LOG.info("removed container {}", name);
    } catch (NotFoundException alreadyGone) {
      // fine
    }
  }

  private void awaitCompletion(HostPlan plan, String name, String id, Duration timeout) {
    progress.accept(plan.name() + ": running init step " + name);
    try {
      Integer code =
          docker
              .waitContainerCmd(id)
              .start()
              .awaitStatusCode(timeout.toSeconds(), TimeUnit.SECONDS);
      if (code != null && code == 0) {
        return;
      }
      throw new OperationalException(
          plan.name() + "." + name,
          "init step exited with " + code + ": " + tail(id, 5),
          "see 'ephemery logs " + name + "'");
    } catch (com.github.dockerjava.api.exception.DockerClientException e) {
      throw new OperationalException(
          plan.name() + "." + name,
          "init step did not finish within " + timeout.toSeconds() + " s",
          "see 'ephemery logs " + name + "'",
          e);
    }
  }

  /**
   * Waits until every planned long-running container has stayed running {@link Settling#WINDOW}:
   * what {@code up} checks before it returns unless told the caller verifies (a reset's VERIFYING).
   * Throws when one stopped or did not get there within {@code timeout}.
   */
  public void awaitSettled(HostPlan plan, Duration timeout) {
    for (Service service : plan.services()) {
      if (!service.runOnce() && service.role() != Role.SUPERVISOR) {
        awaitRunning(plan, Labels.containerName(plan, service), timeout);
      }
    }
  }

  private void awaitRunning(HostPlan plan, String name, Duration timeout) {
    Wait.until(
        timeout,
        Duration.ofMillis(250),
        elapsed ->
            progress.accept(
                plan.name() + ": waiting for " + name + " (" + elapsed.toSeconds() + " s)"),
        () -> {
          InspectContainerResponse container = docker.inspectContainerCmd(name).exec();
          Settling.State state = Settling.of(observed(container), false, Instant.now());
          if (state == Settling.State.STOPPED) {
            throw stopped(plan, name, container);
          }
          return state == Settling.State.SETTLED;
        },
        () ->
            new OperationalException(
                plan.name() + "." + name,
                "container is not running after " + timeout.toSeconds() + " s",
                "see 'ephemery logs " + name + "'"));
  }

  /** What {@link Settling} needs of an inspected container. */
  static Settling.Observed observed(InspectContainerResponse container) {
    InspectContainerResponse.ContainerState state = container.getState();
    Integer restarts = container.getRestartCount();
    return new Settling.Observed(
        Boolean.TRUE.equals(state.getRunning()),
        state.getStatus(),
        Instant.parse(state.getStartedAt()),
        restarts == null ? 0 : restarts);
  }

  /** A started container that exited, died or restarted: its exit code and last lines. */
  static OperationalException stopped(
      DockerClient docker, HostPlan plan, String name, InspectContainerResponse container) {
    return new OperationalException(
        plan.name() + "." + name,
        "container stopped with exit code "
            + container.getState().getExitCodeLong()
            + ": "
            + ContainerLogs.tailLine(docker, name, 5),
        "see 'ephemery logs " + name + "'");
  }

  private OperationalException stopped(
      HostPlan plan, String name, InspectContainerResponse container) {
    return stopped(docker, plan, name, container);
  }

  /** The last lines of a container's output, on one line, for error messages. */
  String tail(String container, int lines) {
    return ContainerLogs.tailLine(docker, container, lines);
  }

  // ------------------------------------------------------------------ status

  /** Planned services (and any other container of the node) with what Docker reports. */
  public List<ServiceState> status(String node, HostPlan plan) {
    Map<String, Container> existing = ourContainers(node);
    List<ServiceState> states = new ArrayList<>();
    Map<String, Container> left = new HashMap<>(existing);
    if (plan != null) {
      for (Service service : StartOrder.of(plan)) {
        String name = Labels.containerName(plan, service);
        Container found = left.remove(name);
        if (found == null) {
          states.add(
              new ServiceState(
                  service.name(),
                  name,
                  service.role().id(),
                  service.image(),
                  "missing",
                  "",
                  null,
                  false));
        } else {
          states.add(
              state(
                  found,
                  PlanHash.of(plan, service).equals(found.getLabels().get(LabelKeys.PLAN_HASH))));
        }
      }
    }
    for (Container container : left.values()) {
      states.add(state(container, plan == null ? null : false));
    }
    return states;
  }

  private ServiceState state(Container container, Boolean upToDate) {
    Map<String, String> labels = container.getLabels();
    Integer exitCode = null;
    if ("exited".equals(container.getState())) {
      Long code = docker.inspectContainerCmd(container.getId()).exec().getState().getExitCodeLong();
      exitCode = code == null ? null : code.intValue();
    }
    return new ServiceState(
        labels.getOrDefault(LabelKeys.SERVICE, containerName(container)),
        containerName(container),
        labels.getOrDefault(LabelKeys.ROLE, ""),
        container.getImage(),
        container.getState(),
        container.getStatus(),
        exitCode,
        upToDate);
  }

  // ------------------------------------------------------------------ logs

  /** Finds a node's container by service name (or full container name). */
  public String findContainer(String node, String service) {
    List<Container> byRoleOrClient = new ArrayList<>();
    for (Container container : ourContainers(node).values()) {
      String name = containerName(container);
      if (service.equals(container.getLabels().get(LabelKeys.SERVICE)) || service.equals(name)) {
        return container.getId();
      }
      // Operators say `logs geth` or `logs consensus`, not the full container name.
      if (service.equals(container.getLabels().get(LabelKeys.ROLE))
          || name.endsWith("-" + service)) {
        byRoleOrClient.add(container);
      }
    }
    if (byRoleOrClient.size() == 1) {
      return byRoleOrClient.get(0).getId();
    }
    if (byRoleOrClient.size() > 1) {
      throw InvalidInputException.of(
          "SERVICE",
          "'" + service + "' names " + byRoleOrClient.size() + " containers of node '" + node + "'",
          "give one of: "
              + String.join(
                  ", ", byRoleOrClient.stream().map(DockerRuntime::containerName).toList()));
    }
    throw InvalidInputException.of(
        "SERVICE",
        "node '" + node + "' has no container for service '" + service + "'",
        "see 'ephemery status' for its services");
  }

  public void logs(String containerId, boolean follow, Integer tail, Consumer<byte[]> sink)
      throws InterruptedException {
    var command =
        docker
            .logContainerCmd(containerId)
            .withStdOut(true)
            .withStdErr(true)
            .withFollowStream(follow);
    if (tail != null) {
      command.withTail(tail);
    }
    command
        .exec(
            new ResultCallback.Adapter<Frame>() {
              @Override
              public void onNext(Frame frame) {
                sink.accept(frame.getPayload());
              }
            })
        .awaitCompletion();
  }

  // ------------------------------------------------------------------ down

  /**
   * Stops and removes the node's containers and networks: only those carrying its label. With a
   * plan and {@code purge}, also deletes its data folders below baseDir (see {@link Purge}).
   */
  public List<Change> down(
      String node, HostPlan plan, Purge purge, String helperImage, boolean dryRun) {
    List<Change> changes = new ArrayList<>();
    for (Container container : ourContainers(node).values()) {
      String name = containerName(container);
      changes.add(new Change("remove", "container", name, container.getState()));
      if (!dryRun) {
        remove(container.getId(), name);
      }
    }
    for (Network network :
        docker.listNetworksCmd().withFilter("label", Labels.nodeFilter(node)).exec()) {
      changes.add(new Change("remove", "network", network.getName(), ""));
      if (!dryRun) {
        try {
          docker.removeNetworkCmd(network.getId()).exec();
          LOG.info("{}: removed network {}", node, network.getName());
        } catch (NotFoundException alreadyGone) {
          // fine
        }
      }
    }
    if (purge != Purge.NONE && plan != null) {
      changes.addAll(new DataPurge(docker, plan, helperImage).purge(purge, dryRun));
    }
    return changes;
  }

  /** What {@code down} deletes besides containers and networks. */
}
