package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.OperationalException;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.release.Downloader;
import dev.ephemery.release.GitHubReleases;
import dev.ephemery.release.InstalledRelease;
import dev.ephemery.release.ReleaseCache;
import dev.ephemery.release.ReleaseFetcher;
import dev.ephemery.release.ReleaseSources;
import dev.ephemery.supervisor.ReleaseWatcher;
import dev.ephemery.wiring.SupervisorDaemon;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ephemery run}: the supervisor daemon for one host on this machine. */
final class RunCommand extends BaseCommand {

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
    SupervisorDaemon.run(
        new SupervisorDaemon.Settings(
            h,
            bind,
            port,
            tokenFile,
            Duration.ofSeconds(switchLead),
            SelfCommand.forThisJvm(List.of("run", "--poll-once")),
            SelfCommand.forThisJvm(resetArgs(h)),
            System.getenv(),
            ResetTargets.cache(),
            err()));
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
}
