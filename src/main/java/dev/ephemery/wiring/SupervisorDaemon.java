package dev.ephemery.wiring;

import dev.ephemery.common.OperationalException;
import dev.ephemery.health.probe.CheckpointProber;
import dev.ephemery.inventory.Host;
import dev.ephemery.network.PrefetchSchedule;
import dev.ephemery.network.Release;
import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.NodeLayouts;
import dev.ephemery.ops.ResetJournal;
import dev.ephemery.ops.ResetMachine;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.plan.Planner;
import dev.ephemery.release.ReleaseCache;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.docker.DockerContainerWatch;
import dev.ephemery.runtime.docker.DockerSocket;
import dev.ephemery.runtime.docker.OnDemandDocker;
import dev.ephemery.supervisor.AutoRecovery;
import dev.ephemery.supervisor.CheckpointWatch;
import dev.ephemery.supervisor.ChildReleasePoll;
import dev.ephemery.supervisor.ChildResets;
import dev.ephemery.supervisor.Daemon;
import dev.ephemery.supervisor.Phase;
import dev.ephemery.supervisor.RecoveryPolicy;
import dev.ephemery.supervisor.StatusServer;
import dev.ephemery.supervisor.Supervisor;
import java.io.IOException;
import java.io.PrintWriter;
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

/**
 * The supervisor daemon ({@code ephemery run}) assembled in one place: the release poll and the
 * resets as child processes of this JVM, the container watch and auto-recovery, the status server.
 * The idle path looks at Docker through {@link DockerSocket} only; docker-java is opened the first
 * time a recovery needs it.
 */
public final class SupervisorDaemon {

  /** How often auto-recovery looks at the containers. */
  public static final Duration RECOVERY_INTERVAL = Duration.ofSeconds(10);

  private SupervisorDaemon() {}

  /**
   * What {@code ephemery run} was asked for.
   *
   * @param pollCommand this tool's {@code run --poll-once}, in a child JVM
   * @param resetCommand this tool's {@code reset --host NAME}, in a child JVM
   */
  public record Settings(
      Host host,
      String bind,
      int port,
      Path tokenFile,
      Duration switchLead,
      List<String> pollCommand,
      List<String> resetCommand,
      Map<String, String> env,
      ReleaseCache cache,
      PrintWriter err) {}

  /** Runs the daemon until the JVM is stopped. */
  public static void run(Settings settings) {
    Host h = settings.host();
    if (Runtimes.adapterFor(h.address()) == Runtimes.Adapter.KUBERNETES) {
      runOnCluster(settings);
      return;
    }
    Clock clock = Clock.systemUTC();
    ResetSite site = new ResetSite.Docker(h);
    JournalStore journals = site.journals();
    DockerSocket socket = answeringSocket(h);
    try (OnDemandDocker connection = new OnDemandDocker(HostTarget.of(h))) {
      Supervisor supervisor = supervisor(settings, site, journals, clock);
      Daemon daemon = new Daemon(supervisor, Duration.ofSeconds(30));
      AutoRecovery recovery =
          new AutoRecovery(
              new DockerContainerWatch(socket, connection, h.name()),
              new RecoveryPolicy(RecoveryPolicy.Settings.DEFAULT),
              (key, message) -> settings.err().println("ALERT " + key + ": " + message),
              clock,
              () -> supervisor.status().phase() == Phase.RESETTING);
      ScheduledExecutorService watcher =
          every(
              "recovery",
              RECOVERY_INTERVAL,
              RECOVERY_INTERVAL,
              recovery::check,
              "auto-recovery: cannot watch the containers",
              settings);
      Optional<CheckpointWatch> checkpoint = checkpointWatch(h, supervisor, clock);
      // The first check a minute after the start: the supervisor's first tick has found the
      // running release by then.
      checkpoint.ifPresent(
          c ->
              every(
                  "checkpoint",
                  Duration.ofMinutes(1),
                  CheckpointWatch.INTERVAL,
                  c::check,
                  "checkpoint watch",
                  settings));
      try (StatusServer server =
          new StatusServer(
              new InetSocketAddress(settings.bind(), settings.port()),
              supervisor,
              () -> health(socket, h.name()),
              recovery::snapshot,
              settings.tokenFile(),
              clock)) {
        checkpoint.ifPresent(c -> server.checkpoint(c::last));
        server.start();
        settings
            .err()
            .println(
                "supervising "
                    + h.name()
                    + "; status on http://"
                    + settings.bind()
                    + ":"
                    + server.port());
        java.lang.Runtime.getRuntime().addShutdownHook(shutdownHook(daemon));
        daemon.run();
      } finally {
        watcher.shutdownNow();
      }
    } catch (IOException e) {
      throw new OperationalException(
          settings.bind() + ":" + settings.port(),
          "cannot serve status: " + e.getMessage(),
          "pick another --port",
          e);
    }
  }

  /**
   * The daemon for a {@code kubernetes://} host: journals in the node's ConfigMap, the reset lock a
   * Lease, the status page's health from the pod's container states. No auto-recovery: the pod's
   * restart policy restarts a container that exits, and the kubelet's back-off paces it.
   */
  private static void runOnCluster(Settings settings) {
    Host h = settings.host();
    Clock clock = Clock.systemUTC();
    try (ResetSite.Kubernetes site =
        new ResetSite.Kubernetes(
            h,
            dev.ephemery.runtime.kubernetes.KubernetesHost.open(
                h, line -> settings.err().println(line)))) {
      JournalStore journals = site.journals();
      Supervisor supervisor = supervisor(settings, site, journals, clock);
      Daemon daemon = new Daemon(supervisor, Duration.ofSeconds(30));
      try (StatusServer server =
          new StatusServer(
              new InetSocketAddress(settings.bind(), settings.port()),
              supervisor,
              site::health,
              settings.tokenFile(),
              clock)) {
        server.start();
        settings
            .err()
            .println(
                "supervising "
                    + h.name()
                    + " in "
                    + h.address().uri()
                    + "; status on http://"
                    + settings.bind()
                    + ":"
                    + server.port());
        java.lang.Runtime.getRuntime().addShutdownHook(shutdownHook(daemon));
        daemon.run();
      }
    } catch (IOException e) {
      throw new OperationalException(
          settings.bind() + ":" + settings.port(),
          "cannot serve status: " + e.getMessage(),
          "pick another --port",
          e);
    }
  }

  private static DockerSocket answeringSocket(Host h) {
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
    return socket;
  }

  /**
   * The supervisor's view of the host's node through its reset site: what is installed, and the
   * start of a reset (only begun here: the child process's reset resumes the journal).
   */
  static Supervisor.Node node(Host h, ResetSite site, JournalStore journals, Clock clock) {
    return new Supervisor.Node() {
      @Override
      public Optional<Integer> installedIteration() {
        return site.installedIteration();
      }

      @Override
      public ResetJournal begin(Release release, boolean forced) {
        HostPlan plan = new Planner().planHost(h, release);
        return ResetMachine.begin(
            NodeLayouts.of(plan),
            site.files(plan),
            journals,
            clock,
            release.iteration().number(),
            forced);
      }
    };
  }

  private static Supervisor supervisor(
      Settings settings, ResetSite site, JournalStore journals, Clock clock) {
    Host h = settings.host();
    ReleaseCache cache = settings.cache();
    Supervisor.Node node = node(h, site, journals, clock);
    return new Supervisor(
        clock,
        new ChildReleasePoll(settings.pollCommand(), cache, ChildReleasePoll.DEFAULT_TIMEOUT),
        node,
        journals,
        (key, message) -> settings.err().println("ALERT " + key + ": " + message),
        new Supervisor.Settings(
            settings.switchLead(),
            settings.env().get("GITHUB_TOKEN") == null
                ? PrefetchSchedule.Policy.UNAUTHENTICATED
                : PrefetchSchedule.Policy.AUTHENTICATED,
            Duration.ofMinutes(15)),
        new ChildResets(settings.resetCommand(), journals, clock, ChildResets.DEFAULT_TIMEOUT));
  }

  /** Timeout of each of the checkpoint server's two GETs, as {@code ephemery checkpoint} uses. */
  static final Duration CHECKPOINT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Watches the host's configured checkpoint server, when it has one; its HTTP client is made only
   * then, so a node without one carries none ({@code auto} names none).
   */
  static Optional<CheckpointWatch> checkpointWatch(Host h, Supervisor supervisor, Clock clock) {
    String url = h.consensus().configuredCheckpointUrl();
    if (url == null) {
      return Optional.empty();
    }
    CheckpointProber prober = new CheckpointProber(CHECKPOINT_TIMEOUT);
    return Optional.of(
        new CheckpointWatch(
            url, u -> prober.askOne(u, "configured"), supervisor::installedRelease, clock));
  }

  /**
   * Runs {@code task} on a daemon thread of its own, named {@code ephemery-NAME}, every {@code
   * interval} after {@code first}. A failure is printed under {@code failure} and the next run
   * comes as planned.
   */
  private static ScheduledExecutorService every(
      String name,
      Duration first,
      Duration interval,
      Runnable task,
      String failure,
      Settings settings) {
    ScheduledExecutorService thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ephemery-" + name);
              t.setDaemon(true);
              return t;
            });
    thread.scheduleWithFixedDelay(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            settings.err().println(failure + ": " + e.getMessage());
          }
        },
        first.toSeconds(),
        interval.toSeconds(),
        TimeUnit.SECONDS);
    return thread;
  }

  private static Thread shutdownHook(Daemon daemon) {
    return new Thread(
        () -> {
          daemon.stop();
          // A poll or a reset in flight stops too: a download is redone by the next poll, a reset
          // resumes from its journal at the next start.
          ProcessHandle.current().children().forEach(ProcessHandle::destroy);
        },
        "ephemery-shutdown");
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
}
