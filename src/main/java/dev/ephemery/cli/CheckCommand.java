package dev.ephemery.cli;

import dev.ephemery.common.Plural;
import dev.ephemery.common.Problem;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.Inventory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ephemery check}: validates the inventory and reports every problem at once. */
final class CheckCommand extends BaseCommand {

  static java.time.Clock clock = java.time.Clock.systemUTC();

  boolean noProbe;

  @Override
  public CommandSpec declare() {
    command(
        "check",
        "Validate the inventory and report every problem with its key path and line, then run the"
            + " pre-flight checks against the newest cached release (client flags, network id,"
            + " checkpoint URLs, ports), ask checkpoint endpoints which chain they serve and run"
            + " the read-only host checks of 'hosts prepare' on each ssh:// host whose key is in"
            + " known_hosts (a FAIL there is exit 1).",
        "Exit 0 when valid (warnings are printed), 2 when not, 1 when a checkpoint endpoint a"
            + " beacon client cannot start without does not answer.");
    spec.addOption(
        Specs.flag(() -> noProbe, v -> noProbe = v, "--no-probe")
            .description(
                "Do not ask checkpoint-sync endpoints which chain they serve, nor run the"
                    + " read-only host checks of 'hosts prepare' on ssh:// hosts.")
            .build());
    return spec;
  }

  @Override
  public Integer call() {
    InventoryLoader.Loaded loaded = InventoryLoader.system().validate(common.file());
    List<Problem> problems = new ArrayList<>(InventoryLoader.withSource(loaded));
    List<Problem> failures = List.of();
    List<Problem> warnings = List.of();
    HostPreparer.ForCheck hostChecks = new HostPreparer.ForCheck(List.of(), List.of(), List.of());
    List<String> notes = List.of();
    Inventory inventory = loaded.result().inventory();
    // Both kinds of pre-flight check need only a schema-valid inventory: run both, so every
    // problem is reported at once.
    boolean schemaValid = inventory != null && problems.isEmpty();
    if (schemaValid) {
      String text = ProblemLines.textOf(loaded.source());
      problems.addAll(
          ProblemLines.locate(InventoryChecks.run(inventory, InventoryChecks.all()), text));
      PreflightChecks.Outcome outcome =
          PreflightChecks.check(inventory, PlanInputs.cacheRoot(), clock, !noProbe);
      problems.addAll(ProblemLines.locate(outcome.problems(), text));
      failures = new ArrayList<>(ProblemLines.locate(outcome.failures(), text));
      warnings = new ArrayList<>(ProblemLines.locate(outcome.warnings(), text));
      notes = outcome.notes();
      if (!noProbe && problems.isEmpty()) {
        hostChecks = HostPreparer.forCheck(inventory.hosts());
        failures.addAll(hostChecks.failures());
        warnings.addAll(hostChecks.warnings());
      }
    }
    boolean valid = inventory != null && problems.isEmpty();
    String source = loaded.source().description();
    Printer printer = printer();
    if (printer.json()) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("valid", valid);
      report.put("source", source);
      report.put("hosts", valid ? inventory.hosts().stream().map(Host::name).toList() : List.of());
      report.put("problems", problems.stream().map(CheckCommand::json).toList());
      report.put("failures", failures.stream().map(CheckCommand::json).toList());
      report.put("warnings", warnings.stream().map(CheckCommand::json).toList());
      report.put("hostChecks", hostChecks.notes());
      report.put("notes", notes);
      printer.printJson(report);
    } else {
      for (Problem warning : warnings) {
        err().println("warning: " + warning.describe());
      }
      for (String note : notes) {
        err().println("note: " + note);
      }
      for (Problem failure : failures) {
        err().println("error: " + failure.describe());
      }
      text(printer, inventory, valid, problems, source);
      hostChecks.notes().forEach(note -> printer.line("  note: " + note));
    }
    return !valid ? 2 : failures.isEmpty() ? 0 : 1;
  }

  private void text(
      Printer printer, Inventory inventory, boolean valid, List<Problem> problems, String source) {
    if (valid) {
      int count = inventory.hosts().size();
      printer.line("inventory OK: " + Plural.of(count, "host") + " from " + source);
      for (Host host : inventory.hosts()) {
        printer.line("  " + summary(host));
      }
      for (String name : ValidatorKeyFiles.remoteKeyHosts(inventory)) {
        printer.line(
            "  note: "
                + name
                + "'s keystores and passwords are on that host, not here: they are checked there"
                + " at 'up'");
      }
      return;
    }
    for (Problem problem : problems) {
      err().println("error: " + problem.describe());
    }
    err().println("inventory INVALID: " + Plural.of(problems.size(), "problem") + " in " + source);
  }

  static String summary(Host host) {
    return host.name()
        + ": "
        + host.address().uri()
        + ", "
        + host.execution().client().id()
        + " + "
        + host.consensus().client().id()
        + ", validator "
        + (host.validator().enabled() ? host.validator().client().id() : "off")
        // The planner adds the monitoring stack for exactly this key (MonitoringPlan.of).
        + (host.monitoring().enabled()
            ? ", monitoring on (Grafana "
                + host.monitoring().bind()
                + ":"
                + host.monitoring().grafanaPort()
                + ")"
            : ", monitoring off")
        + ", "
        + host.flavor().id()
        + ", data in "
        + host.baseDir();
  }

  static Map<String, Object> json(Problem problem) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("path", problem.where());
    json.put("line", problem.line());
    json.put("message", problem.message());
    json.put("hint", problem.hint());
    return json;
  }
}
