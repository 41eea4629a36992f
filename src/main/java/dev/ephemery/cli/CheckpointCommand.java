package dev.ephemery.cli;

import dev.ephemery.health.CheckpointScoring;
import dev.ephemery.health.Expected;
import dev.ephemery.health.probe.CheckpointProber;
import dev.ephemery.inventory.Host;
import dev.ephemery.network.Release;
import dev.ephemery.plan.CheckpointUrls;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ephemery checkpoint}: scores each host's configured checkpoint-sync endpoint and the known
 * Ephemery providers for the current release, and says which to use, or that the node should sync
 * from genesis.
 */
final class CheckpointCommand extends BaseCommand {

  static Clock clock = Clock.systemUTC();
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  final HostScope scope = new HostScope();
  List<String> endpoints = new ArrayList<>();
  boolean noKnown;
  Path release;

  @Override
  public CommandSpec declare() {
    command(
        "checkpoint",
        "Score checkpoint-sync endpoints (the host's checkpointSyncUrl and the known Ephemery"
            + " providers): reachable, on the current release's genesis, finalized epoch plausible"
            + " for the time since genesis, response time; pick the best or say to sync from"
            + " genesis.",
        "Exit 0 when the host's configured endpoint (if any) qualifies, 1 when it does not.");
    scope.addTo(spec);
    spec.addOption(
        Specs.list(String.class, () -> endpoints, v -> endpoints = v, "--endpoint")
            .paramLabel("URL")
            .description("Also score this endpoint; repeat for more.")
            .build());
    spec.addOption(
        Specs.flag(() -> noKnown, v -> noKnown = v, "--no-known")
            .description("Do not score the known Ephemery providers.")
            .build());
    spec.addOption(
        Specs.option(Path.class, () -> release, v -> release = v, "--release")
            .paramLabel("DIR")
            .description("Compare with this verified release (default: the newest cached one).")
            .build());
    return spec;
  }

  @Override
  public Integer call() {
    Release current =
        release != null
            ? PlanInputs.load(common.file(), release, false).release()
            : PreflightChecks.release(PlanInputs.cacheRoot(), clock);
    Expected expected = Expected.of(current);
    List<Host> hosts = scope.select(inventory());
    CheckpointProber prober = new CheckpointProber(TIMEOUT);
    List<Map<String, Object>> reports = new ArrayList<>();
    boolean configuredRejected = false;
    Printer printer = printer();
    for (Host host : hosts) {
      String configured = host.consensus().configuredCheckpointUrl();
      CheckpointScoring.Pick pick =
          CheckpointScoring.score(prober.ask(candidates(configured)), expected, clock.instant());
      boolean rejected =
          configured != null
              && pick.scores().stream()
                  .anyMatch(s -> s.candidate().url().equals(configured) && !s.accepted());
      configuredRejected |= rejected;
      reports.add(report(host, pick));
      if (!printer.json()) {
        printer.line(host.name() + ": " + pick.note());
        for (CheckpointScoring.Score s : pick.scores()) {
          printer.line(
              String.format(
                  "  %-8s %-10s %s  %s",
                  s.accepted() ? "OK" : "REJECTED",
                  s.candidate().origin(),
                  s.candidate().url(),
                  s.reason()));
        }
      }
    }
    if (printer.json()) {
      printer.printJson(reports);
    }
    return configuredRejected ? 1 : 0;
  }

  private List<String[]> candidates(String configured) {
    List<String[]> list = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    if (configured != null) {
      list.add(new String[] {configured, "configured"});
      seen.add(configured);
    }
    for (String url : endpoints) {
      if (!seen.contains(url)) {
        list.add(new String[] {url, "given"});
        seen.add(url);
      }
    }
    if (!noKnown) {
      for (String url : CheckpointUrls.EPHEMERY_PROVIDERS) {
        if (!seen.contains(url)) {
          list.add(new String[] {url, "known"});
          seen.add(url);
        }
      }
    }
    return list;
  }

  private static Map<String, Object> report(Host host, CheckpointScoring.Pick pick) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("host", host.name());
    map.put("pick", pick.pick().orElse(null));
    map.put("genesisSync", pick.pick().isEmpty());
    map.put("note", pick.note());
    map.put(
        "endpoints",
        pick.scores().stream()
            .map(
                s -> {
                  Map<String, Object> e = new LinkedHashMap<>();
                  e.put("url", s.candidate().url());
                  e.put("origin", s.candidate().origin());
                  e.put("accepted", s.accepted());
                  e.put("reason", s.reason());
                  e.put("finalizedEpoch", s.candidate().finalizedEpoch());
                  e.put("millis", s.candidate().millis());
                  return e;
                })
            .toList());
    return map;
  }
}
