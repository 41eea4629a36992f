package dev.ephemery.cli;

import com.github.dockerjava.api.DockerClient;
import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.OperationalException;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.network.PrefetchSchedule;
import dev.ephemery.network.Release;
import dev.ephemery.ops.CachedReleases;
import dev.ephemery.ops.Component;
import dev.ephemery.ops.FaultInjector;
import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.NodeLayout;
import dev.ephemery.ops.NodeLayouts;
import dev.ephemery.ops.NodeRuntime;
import dev.ephemery.ops.ResetMachine;
import dev.ephemery.ops.RetryPolicy;
import dev.ephemery.ops.TestnetInstaller;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.plan.Planner;
import dev.ephemery.release.Downloader;
import dev.ephemery.release.GitHubReleases;
import dev.ephemery.release.InstalledRelease;
import dev.ephemery.release.ReleaseCache;
import dev.ephemery.release.ReleaseFetcher;
import dev.ephemery.release.ReleaseSources;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.docker.DockerConnection;
import dev.ephemery.runtime.docker.DockerContainerWatch;
import dev.ephemery.runtime.docker.DockerNodeRuntime;
import dev.ephemery.runtime.docker.DockerRuntime;
import dev.ephemery.runtime.docker.DockerSocket;
import dev.ephemery.supervisor.AutoRecovery;
import dev.ephemery.supervisor.ChildReleasePoll;
import dev.ephemery.supervisor.ChildResets;
import dev.ephemery.supervisor.Daemon;
import dev.ephemery.supervisor.Phase;
import dev.ephemery.supervisor.RecoveryPolicy;
import dev.ephemery.supervisor.ReleaseWatcher;
import dev.ephemery.supervisor.StatusServer;
import dev.ephemery.supervisor.Supervisor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ephemery run}: the supervisor daemon for one host on this machine. */
final class RunCommand extends BaseCommand {

  /** How often auto-recovery looks at the containers. */
  static final Duration RECOVERY_INTERVAL = Duration.ofSeconds(10);

  String host;

  String bind;

  int port;

  Path tokenFile;

  long switchLead;

  boolean pollOnce;

  @Override
  public CommandSpec declare() {
    command(
        "run",
        "Supervise a host: fetch and verify each new release as soon as it is published, switch at"
            + " the new iteration's EL genesis, finish interrupted resets, serve /metrics and /status.",
        "Stops cleanly on SIGTERM; a reset in progress resumes from its journal at the next start.");
    spec.addOption(
        Specs.option(String.class, () -> host, v -> host = v, "--host")
            .paramLabel("NAME")
            .description("The host (required with several).")
            .build());
    spec.addOption(
        Specs.option(String.class, () -> bind, v -> bind = v, "--bind")
            .paramLabel("ADDR")
            .defaultValue("127.0.0.1")
            .description("Address for /metrics and /status (default: ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        Specs.option(int.class, () -> port, v -> port = v, "--port")
            .paramLabel("PORT")
            .defaultValue("9777")
            .description("Port for /metrics and /status (default: ${DEFAULT-VALUE}; 0 picks one).")
            .build());
    spec.addOption(
        Specs.option(Path.class, () -> tokenFile, v -> tokenFile = v, "--token-file")
            .paramLabel("FILE")
            .description(
                "A 0600 file with the bearer token that POST /reset requires (none: disabled).")
            .build());
    spec.addOption(
        Specs.option(long.class, () -> switchLead, v -> switchLead = v, "--switch-lead")
            .paramLabel("SECONDS")
            .defaultValue("0")
            .description("Switch this long before the new EL genesis (default: ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        Specs.flag(() -> pollOnce, v -> pollOnce = v, "--poll-once")
            .description(
                "Poll the release source once (fetch and verify a new release into the cache),"
                    + " print the newest verified release and exit: 1 when the source failed. The"
                    + " supervisor runs each of its polls this way, in a child process.")
            .build());
    return spec;
  }

  @Override
  public Integer call() {
    if (pollOnce) {
      return pollOnce();
    }
    Inventory inventory = InventoryLoader.system().load(common.file());
    List<Host> hosts = ResetTargets.hosts(inventory, host);
    if (hosts.size() != 1) {
      throw InvalidInputException.of(
          "--host", "the inventory has " + hosts.size() + " hosts", "name one with --host");
    }
    Host h = hosts.get(0);
    ResetTargets.requireLocal(h);
    if (switchLead < 0 || switchLead > 86_400) {
      throw InvalidInputException.of("--switch-lead", "must be 0 to 86400 seconds", "");
    }
    Clock clock = Clock.systemUTC();
    ReleaseCache cache = ResetTargets.cache();
    CachedReleases releases = new CachedReleases(cache);
    Map<String, String> env = System.getenv();
    List<String> poll = SelfCommand.forThisJvm(List.of("run", "--poll-once"));

    JournalStore journals = new JournalStore(Path.of(h.baseDir()));
    AtomicReference<Daemon> daemon = new AtomicReference<>();
    DockerSocket socket = DockerSocket.local();
    try {
      socket.ping();
    } catch (IOException e) {
      throw new OperationalException(
          h.name(),
          "the Docker daemon at " + socket.path() + " does not answer: " + e.getMessage(),
          "start Docker, or check that this user may use " + socket.path(),
          e);
    }
    try (OnDemandDocker connection = new OnDemandDocker(HostTarget.of(h))) {
      Supervisor.Node node =
          new Supervisor.Node() {
            @Override
            public Optional<Integer> installedIteration() {
              NodeLayout any =
                  new NodeLayout(
                      h.name(),
                      Path.of(h.baseDir()),
                      Path.of(h.baseDir(), "testnet", "ephemery-0"),
                      false,
                      List.of());
              return new TestnetInstaller(any).installedIteration();
            }

            @Override
            public ResetMachine machineFor(Release release) {
              HostPlan plan = new Planner().planHost(h, release);
              Path folder = cache.folderFor(release.iteration());
              return new ResetMachine(
                  NodeLayouts.of(plan),
                  new LazyNodeRuntime(
                      () -> {
                        DockerClient client = connection.get();
                        return new DockerNodeRuntime(
                            client, new DockerRuntime(client, line -> {}), plan, folder);
                      }),
                  releases,
                  journals,
                  clock,
                  RetryPolicy.DEFAULT,
                  FaultInjector.NONE);
            }

            @Override
            public ResetMachine machineFor(int iteration) {
              InstalledRelease installed = releases.forUnfinishedReset(iteration);
              return machineFor(installed.release());
            }
          };
      Supervisor supervisor =
          new Supervisor(
              clock,
              new ChildReleasePoll(poll, cache, ChildReleasePoll.DEFAULT_TIMEOUT),
              node,
              journals,
              (key, message) -> err().println("ALERT " + key + ": " + message),
              new Supervisor.Settings(
                  Duration.ofSeconds(switchLead),
                  env.get("GITHUB_TOKEN") == null
                      ? PrefetchSchedule.Policy.UNAUTHENTICATED
                      : PrefetchSchedule.Policy.AUTHENTICATED,
                  Duration.ofMinutes(15)),
              new ChildResets(
                  SelfCommand.forThisJvm(resetArgs(h)),
                  journals,
                  clock,
                  ChildResets.DEFAULT_TIMEOUT));
      daemon.set(new Daemon(supervisor, Duration.ofSeconds(30)));
      DockerContainerWatch watch = new DockerContainerWatch(socket, connection, h.name());
      AutoRecovery recovery =
          new AutoRecovery(
              watch,
              new RecoveryPolicy(RecoveryPolicy.Settings.DEFAULT),
              (key, message) -> err().println("ALERT " + key + ": " + message),
              clock,
              () -> supervisor.status().phase() == Phase.RESETTING);
      ScheduledExecutorService watcher =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "ephemery-recovery");
                t.setDaemon(true);
                return t;
              });
      watcher.scheduleWithFixedDelay(
          () -> {
            try {
              recovery.check();
            } catch (RuntimeException e) {
              err().println("auto-recovery: cannot watch the containers: " + e.getMessage());
            }
          },
          RECOVERY_INTERVAL.toSeconds(),
          RECOVERY_INTERVAL.toSeconds(),
          TimeUnit.SECONDS);
      try (StatusServer server =
          new StatusServer(
              new InetSocketAddress(bind, port),
              supervisor,
              () -> health(socket, h.name()),
              recovery::snapshot,
              tokenFile,
              clock)) {
        server.start();
        err()
            .println(
                "supervising " + h.name() + "; status on http://" + bind + ":" + server.port());
        Thread shutdown =
            new Thread(
                () -> {
                  daemon.get().stop();
                  // A poll or a reset in flight stops too: a download is redone by the next poll,
                  // a reset resumes from its journal at the next start.
                  ProcessHandle.current().children().forEach(ProcessHandle::destroy);
                },
                "ephemery-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        daemon.get().run();
      } finally {
        watcher.shutdownNow();
      }
    } catch (IOException e) {
      throw new OperationalException(
          bind + ":" + port, "cannot serve status: " + e.getMessage(), "pick another --port", e);
    }
    return 0;
  }

  /** The child's `ephemery reset` for this host, on the inventory this supervisor read. */
  private List<String> resetArgs(Host h) {
    List<String> args = new java.util.ArrayList<>(List.of("reset", "--host", h.name()));
    Path file = InventoryLoader.system().resolve(common.file()).file();
    if (file != null) {
      args.add("-f");
      args.add(file.toAbsolutePath().toString());
    }
    return args;
  }

  /**
   * Opens docker-java the first time the reset acts: the supervisor only begins a journal with its
   * machine (the child process runs it), so it never does.
   */
  static final class LazyNodeRuntime implements NodeRuntime {
    private final Supplier<NodeRuntime> open;
    private NodeRuntime runtime;

    LazyNodeRuntime(Supplier<NodeRuntime> open) {
      this.open = open;
    }

    private synchronized NodeRuntime runtime() {
      if (runtime == null) {
        runtime = open.get();
      }
      return runtime;
    }

    @Override
    public void prepare() {
      runtime().prepare();
    }

    @Override
    public void stop(Component component) {
      runtime().stop(component);
    }

    @Override
    public boolean exportSlashingProtection(Component validator, Path target) {
      return runtime().exportSlashingProtection(validator, target);
    }

    @Override
    public void init(Component component, Path testnetDir) {
      runtime().init(component, testnetDir);
    }

    @Override
    public void registerSlashingKeys(Component validator, Path testnetDir) {
      runtime().registerSlashingKeys(validator, testnetDir);
    }

    @Override
    public void start(Component component) {
      runtime().start(component);
    }

    @Override
    public Verification verify(int iteration) {
      return runtime().verify(iteration);
    }
  }

  /** One release poll, in this process: what the supervisor's child runs. */
  private int pollOnce() {
    Map<String, String> env = System.getenv();
    Clock clock = Clock.systemUTC();
    ReleaseCache cache = ResetTargets.cache();
    var client = Downloader.defaultClient(Duration.ofSeconds(15));
    Downloader downloader = new Downloader(client, Downloader.Settings.DEFAULT, null);
    GitHubReleases api =
        NetworkSources.DEFAULTS.gitHub(
            env, cache.root(), client, Downloader.Settings.DEFAULT, clock);
    ReleaseFetcher fetcher =
        new ReleaseFetcher(List.of(ReleaseSources.gitHubApi(api, downloader)), cache);
    ReleaseWatcher watcher = new ReleaseWatcher(api, fetcher, cache);
    boolean answered = watcher.poll();
    Optional<InstalledRelease> newest;
    try {
      newest = cache.latestInstalled();
    } catch (IOException e) {
      throw new OperationalException(cache.root().toString(), e.getMessage(), "", e);
    }
    Printer printer = printer();
    if (printer.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("sourceAnswered", answered);
      json.put("iteration", newest.map(r -> r.release().iteration().number()).orElse(null));
      json.put("folder", newest.map(r -> r.folder().toString()).orElse(null));
      printer.printJson(json);
    } else {
      printer.line(
          newest
              .map(r -> "newest verified release: " + r.folder())
              .orElse("no verified release in " + cache.root()));
    }
    return answered ? 0 : 1;
  }

  /** The node's containers (helpers aside), each up or not, straight from the socket. */
  static Map<String, Boolean> health(DockerSocket socket, String node) {
    Map<String, Boolean> up = new LinkedHashMap<>();
    try {
      for (DockerSocket.ContainerSummary c : socket.containers(node)) {
        if (!c.labels().containsKey(LabelKeys.HELPER)) {
          up.put(c.labels().getOrDefault(LabelKeys.SERVICE, c.name()), "running".equals(c.state()));
        }
      }
    } catch (IOException | RuntimeException e) {
      up.put("docker", false);
    }
    return up;
  }

  /**
   * docker-java, opened the first time a reset or a recovery needs it: an idle supervisor only
   * looks, through {@link DockerSocket}, and so never loads it.
   */
  static final class OnDemandDocker implements Supplier<DockerClient>, AutoCloseable {
    private final HostTarget target;
    private DockerConnection connection;

    OnDemandDocker(HostTarget target) {
      this.target = target;
    }

    @Override
    public synchronized DockerClient get() {
      if (connection == null) {
        connection = DockerConnection.open(target);
      }
      return connection.client();
    }

    @Override
    public synchronized void close() {
      if (connection != null) {
        connection.close();
      }
    }
  }
}
