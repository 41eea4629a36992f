package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.inventory.Host;
import dev.ephemery.plan.MonitoringPlan;
import dev.ephemery.plan.Plan;
import dev.ephemery.runtime.Change;
import dev.ephemery.runtime.Fleet;
import dev.ephemery.runtime.HostRuntime;
import dev.ephemery.runtime.Purge;
import dev.ephemery.wiring.Runtimes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ephemery down}: stop and remove what {@code up} created, and only that. */
final class DownCommand extends BaseCommand {

  final HostScope scope = new HostScope();

  boolean purgeData;

  boolean purgeKeys;

  boolean purgeMonitoring;

  boolean yes;

  boolean dryRun;

  @Override
  public CommandSpec declare() {
    command(
        "down",
        "Stop and remove the node's containers and network (only objects labelled by this tool).",
        "Data stays unless --purge-data; validator keys and the JWT secret stay unless --purge-keys.");
    scope.addTo(spec);
    spec.addOption(
        Specs.flag(() -> purgeData, v -> purgeData = v, "--purge-data")
            .description("Also delete chain data and release files.")
            .build());
    spec.addOption(
        Specs.flag(() -> purgeKeys, v -> purgeKeys = v, "--purge-keys")
            .description("With --purge-data: also delete validator keys and the JWT secret.")
            .build());
    spec.addOption(
        Specs.flag(() -> purgeMonitoring, v -> purgeMonitoring = v, "--purge-monitoring")
            .description(
                "With --purge-data: also delete the monitoring data (Prometheus history,"
                    + " Grafana's database).")
            .build());
    spec.addOption(
        Specs.flag(() -> yes, v -> yes = v, "--yes")
            .description("Do not ask before deleting data.")
            .build());
    spec.addOption(
        Specs.flag(() -> dryRun, v -> dryRun = v, "--dry-run")
            .description("Print what would be removed; change nothing.")
            .build());
    return spec;
  }

  @Override
  public Integer call() {
    if (purgeKeys && !purgeData) {
      throw InvalidInputException.of(
          "--purge-keys", "--purge-keys only goes with --purge-data", "add --purge-data");
    }
    if (purgeMonitoring && !purgeData) {
      throw InvalidInputException.of(
          "--purge-monitoring",
          "--purge-monitoring only goes with --purge-data",
          "add --purge-data");
    }
    Purge purge = purgeKeys ? Purge.DATA_AND_KEYS : purgeData ? Purge.DATA : Purge.NONE;
    RuntimePlans inputs =
        purge == Purge.NONE
            ? RuntimePlans.optional(common.file(), scope)
            : RuntimePlans.cachedOnly(common.file(), scope);
    List<Host> hosts = scope.select(inputs.inventory());
    Optional<Plan> plan = inputs.plan();
    if (purge != Purge.NONE && plan.isEmpty()) {
      throw InvalidInputException.of(
          "--purge-data",
          "purging needs the plan to know which folders hold data",
          "pass --plan FILE");
    }
    if (purge != Purge.NONE && !dryRun) {
      Confirm.ask(
          err(),
          "Delete the chain data"
              + (purgeKeys ? " AND the validator keys and JWT secret" : "")
              + (purgeMonitoring ? " AND the monitoring data" : "")
              + " of "
              + String.join(", ", hosts.stream().map(Host::name).toList())
              + "?",
          yes);
    }
    String helper = scope.helperImage();
    List<Fleet.Outcome<List<Change>>> outcomes =
        Fleet.run(
            hosts,
            Host::name,
            scope.parallel,
            host -> {
              try (HostRuntime runtime =
                  Runtimes.open(host, line -> UpCommand.progress(err(), line))) {
                return runtime.down(
                    host.name(),
                    HostScope.hostPlan(plan, host.name())
                        .map(p -> purgeMonitoring ? p : MonitoringPlan.keepingItsData(p))
                        .orElse(null),
                    purge,
                    helper,
                    dryRun);
              }
            });
    Printer printer = printer();
    if (printer.json()) {
      printer.printJson(
          outcomes.stream()
              .map(
                  o -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    map.put("host", o.host());
                    map.put("ok", o.ok());
                    map.put("changes", o.ok() ? o.value() : List.of());
                    return map;
                  })
              .toList());
    } else {
      for (Fleet.Outcome<List<Change>> outcome : outcomes) {
        if (!outcome.ok()) {
          printer.line(outcome.host() + ": FAILED");
          continue;
        }
        printer.line(
            outcome.host()
                + ": "
                + outcome.value().stream().filter(c -> !c.isKeep()).count()
                + (dryRun ? " would be removed" : " removed"));
        outcome.value().forEach(c -> printer.line("  " + c.describe()));
      }
    }
    FleetOutput.failures(outcomes, err());
    return FleetOutput.exitCode(outcomes);
  }
}
