package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.ops.CachedReleases;
import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.NodeFiles;
import dev.ephemery.ops.NodeLayout;
import dev.ephemery.ops.NodeLayouts;
import dev.ephemery.ops.ResetJournal;
import dev.ephemery.ops.ResetLock;
import dev.ephemery.ops.ResetMachine;
import dev.ephemery.ops.ResetPreview;
import dev.ephemery.ops.ResetState;
import dev.ephemery.ops.VerifiedReleases;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Planner;
import dev.ephemery.release.InstalledRelease;
import dev.ephemery.wiring.ResetSite;
import dev.ephemery.wiring.Resets;
import dev.ephemery.wiring.Runtimes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ephemery reset}: moves a host to the newest verified release through the journaled reset
 * machine, or shows what that would do.
 */
final class ResetCommand extends BaseCommand {

  String host;

  boolean force;

  boolean dryRun;

  Path release;

  Clock clock = Clock.systemUTC();

  @Override
  public CommandSpec declare() {
    command(
        "reset",
        "Reset a host to the newest verified release: stop, wipe chain data (identity and validator"
            + " keys kept, slashing protection archived), install, init, start, verify.",
        "Resumes an interrupted reset from its journal. Nothing happens when no reset is due,"
            + " unless --force.");
    spec.addOption(Specs.onlyHost(() -> host, v -> host = v));
    spec.addOption(
        Specs.flag(() -> force, v -> force = v, "--force")
            .description("Reset even when not due (to the newest release).")
            .build());
    spec.addOption(
        Specs.flag(() -> dryRun, v -> dryRun = v, "--dry-run")
            .description("Show what would be deleted, kept and done.")
            .build());
    spec.addOption(
        Specs.option(Path.class, () -> release, v -> release = v, "--release")
            .paramLabel("DIR")
            .description(
                "Reset to this release folder (verified first) instead of the cache's newest.")
            .build());
    return spec;
  }

  @Override
  public Integer call() {
    Inventory inventory = InventoryLoader.system().load(common.file());
    List<Host> hosts = ResetTargets.hosts(inventory, host);
    List<Host> remote = hosts.stream().filter(OnHost::throughSupervisor).toList();
    if (!remote.isEmpty()) {
      OnHost.requireOneForJson(hosts, remote, common.json());
      if (release != null) {
        throw InvalidInputException.of(
            "--release",
            "--release names a folder on this machine; "
                + remote.get(0).name()
                + " resets from the release cache on the host",
            "leave out --release for remote hosts");
      }
    }
    List<Host> local = hosts.stream().filter(h -> !OnHost.throughSupervisor(h)).toList();
    int code = local.isEmpty() ? 0 : resetLocal(local);
    for (Host h : remote) {
      List<String> args = new ArrayList<>(List.of("reset", "--host", h.name()));
      if (force) {
        args.add("--force");
      }
      if (dryRun) {
        args.add("--dry-run");
      }
      code = Math.max(code, OnHost.run(h, args, common, spec, OnHost.RESET_TIMEOUT));
    }
    return code;
  }

  private int resetLocal(List<Host> hosts) {
    InstalledRelease target = ResetTargets.release(release);
    int iteration = target.release().iteration().number();
    List<ResetPreview> previews = new ArrayList<>();
    List<ResetJournal> results = new ArrayList<>();
    for (Host h : hosts) {
      HostPlan plan = new Planner().planHost(h, target.release());
      NodeLayout layout = NodeLayouts.of(plan);
      try (ResetSite site = Runtimes.resetSite(h, line -> err().println(line))) {
        JournalStore journals = site.journals();
        // Decide and reset under the host's lock, so the supervisor never works on the same
        // journal.
        try (ResetLock lock = dryRun ? null : journals.lock("ephemery reset", clock.instant())) {
          NodeFiles files = site.files(plan);
          Optional<Integer> installed = files.installedIteration(layout);
          boolean due = due(installed, target, clock.instant());
          ResetPreview preview =
              ResetPreview.of(layout, files, iteration, due, reason(installed, target));
          previews.add(preview);
          Optional<ResetJournal> unfinished = journals.unfinished();
          if (!dryRun && (due || force || unfinished.isPresent())) {
            InstalledRelease to =
                release == null
                    ? ResetTargets.resumeTarget(unfinished, target, ResetTargets.cache())
                    : target;
            HostPlan toPlan =
                Resets.targetPlan(
                    h, to.release(), AutoCheckpoints.picker(), clock, line -> err().println(line));
            results.add(reset(site, toPlan, journals, to, force));
          }
        }
      }
    }
    if (!dryRun) {
      return report(previews, results);
    }
    Printer printer = printer();
    if (printer.json()) {
      printer.printJson(previews.size() == 1 ? previews.get(0) : previews);
      return 0;
    }
    for (ResetPreview p : previews) {
      printer.line(
          p.host()
              + ": iteration "
              + (p.fromIteration() == null ? "none" : p.fromIteration())
              + " -> "
              + p.toIteration()
              + (p.due()
                  ? " (due)"
                  : " (not due: " + p.reason() + (force ? "; forced" : "") + ")"));
      if (!dryRun && !p.due() && !force) {
        continue;
      }
      p.steps().forEach(s -> printer.line("  step   " + s));
      p.delete().forEach(s -> printer.line("  delete " + s));
      p.keep().forEach(s -> printer.line("  keep   " + s));
      p.refused().forEach(s -> printer.line("  refuse " + s));
    }
    return 0;
  }

  private ResetJournal reset(
      ResetSite site,
      HostPlan plan,
      JournalStore journals,
      InstalledRelease target,
      boolean forced) {
    int iteration = target.release().iteration().number();
    VerifiedReleases releases =
        i ->
            i == iteration
                ? Optional.of(target.folder())
                : new CachedReleases(ResetTargets.cache()).verified(i);
    try (Runtimes.ResetRuntime runtime =
        site.runtime(plan, target.folder(), line -> err().println(line))) {
      ResetMachine machine = Resets.machine(plan, runtime.node(), releases, journals, clock);
      ResetJournal journal = machine.begin(iteration, forced);
      err().println(plan.name() + ": reset " + journal.id() + " in state " + journal.state());
      return Resets.run(machine, journal);
    }
  }

  private int report(List<ResetPreview> previews, List<ResetJournal> results) {
    Printer printer = printer();
    if (printer.json()) {
      printer.printJson(Map.of("previews", previews, "resets", results));
    } else {
      for (ResetPreview p : previews) {
        if (results.stream().noneMatch(r -> r.host().equals(p.host()))) {
          printer.line(p.host() + ": no reset (" + p.reason() + "); --force to reset anyway");
        }
      }
      for (ResetJournal r : results) {
        printer.line(
            r.host()
                + ": reset to iteration "
                + r.toIteration()
                + " "
                + r.state()
                + (r.state() == ResetState.DONE ? "" : " in " + r.failedIn() + ": " + r.reason())
                + " ("
                + r.duration().toSeconds()
                + " s)");
      }
    }
    return results.stream().allMatch(r -> r.state() == ResetState.DONE) ? 0 : 1;
  }

  /** Due when the release is newer than what is installed and its EL genesis has come. */
  static boolean due(Optional<Integer> installed, InstalledRelease target, Instant now) {
    int iteration = target.release().iteration().number();
    boolean newer = installed.isEmpty() || installed.get() < iteration;
    return newer && !now.isBefore(target.release().elGenesisTime());
  }

  static String reason(Optional<Integer> installed, InstalledRelease target) {
    int iteration = target.release().iteration().number();
    if (installed.isPresent() && installed.get() >= iteration) {
      return "iteration " + installed.get() + " is installed";
    }
    return "the new chain starts at " + target.release().elGenesisTime();
  }
}
