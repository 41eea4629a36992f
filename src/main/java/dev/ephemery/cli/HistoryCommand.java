package dev.ephemery.cli;

import dev.ephemery.common.Plural;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.ops.ResetHistory;
import dev.ephemery.wiring.ResetSite;
import dev.ephemery.wiring.Runtimes;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ephemery history}: past resets of each host with their timings and outcomes. */
final class HistoryCommand extends BaseCommand {

  String host;

  @Override
  public CommandSpec declare() {
    command("history", "List past resets of each host from its journal: timings and outcomes.");
    spec.addOption(Specs.onlyHost(() -> host, v -> host = v));
    return spec;
  }

  /** From the host's journals: under baseDir here, or a Kubernetes node's ConfigMap. */
  private ResetHistory history(Host h) {
    try (ResetSite site = Runtimes.resetSite(h, line -> err().println(line))) {
      return ResetHistory.of(h.name(), site.journals());
    }
  }

  @Override
  public Integer call() {
    Inventory inventory = InventoryLoader.system().load(common.file());
    List<Host> hosts = ResetTargets.hosts(inventory, host);
    List<Host> remote = hosts.stream().filter(OnHost::throughSupervisor).toList();
    OnHost.requireOneForJson(hosts, remote, common.json());
    List<ResetHistory> histories =
        hosts.stream().filter(h -> !OnHost.throughSupervisor(h)).map(this::history).toList();
    int code = 0;
    for (Host h : remote) {
      code =
          Math.max(
              code,
              OnHost.run(
                  h, List.of("history", "--host", h.name()), common, spec, OnHost.READ_TIMEOUT));
    }
    if (histories.isEmpty()) {
      return code;
    }
    Printer printer = printer();
    if (printer.json()) {
      printer.printJson(histories.size() == 1 ? histories.get(0) : histories);
      return code;
    }
    for (ResetHistory history : histories) {
      printer.line(history.host() + ": " + Plural.of(history.resets().size(), "reset"));
      if (!history.resets().isEmpty()) {
        printer.line(
            String.format(
                "  %-20s %-11s %-12s %-21s %9s %9s  %s",
                "ID", "ITERATION", "OUTCOME", "STARTED", "DURATION", "DOWNTIME", "NOTE"));
      }
      for (ResetHistory.Entry e : history.resets()) {
        printer.line(
            String.format(
                "  %-20s %-11s %-12s %-21s %9s %9s  %s",
                e.id(),
                (e.fromIteration() == null ? "-" : e.fromIteration()) + "->" + e.toIteration(),
                e.state() + (e.failedIn() == null ? "" : "@" + e.failedIn()),
                e.startedAt().toString().replaceFirst("\\.\\d+Z$", "Z"),
                e.durationSeconds() + "s",
                e.downtimeSeconds() == null ? "-" : e.downtimeSeconds() + "s",
                (e.forced() ? "forced " : "") + e.reason()));
      }
    }
    return code;
  }
}
