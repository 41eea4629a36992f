package dev.ephemery.cli;

import dev.ephemery.common.Plural;
import dev.ephemery.inventory.Host;
import dev.ephemery.plan.Plan;
import dev.ephemery.runtime.Fleet;
import dev.ephemery.runtime.Runtime;
import dev.ephemery.runtime.ServiceState;
import dev.ephemery.wiring.Runtimes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ephemery status}: what runs on each host, as Docker reports it. */
final class StatusCommand extends BaseCommand {

  final HostScope scope = new HostScope();

  /** One host's containers; {@code healthy} is false when none run or any is missing. */
  @Override
  public CommandSpec declare() {
    command(
        "status",
        "Show each host's containers (state, image, whether they match the plan).",
        "Exit 0 when every selected host runs all its services, 1 otherwise.");
    scope.addTo(spec);
    return spec;
  }

  record HostStatus(String host, boolean healthy, List<ServiceState> services) {}

  @Override
  public Integer call() {
    RuntimePlans inputs = RuntimePlans.optional(common.file(), scope);
    List<Host> hosts = scope.select(inputs.inventory());
    Optional<Plan> plan = inputs.plan();
    List<Fleet.Outcome<HostStatus>> outcomes =
        Fleet.run(
            hosts,
            Host::name,
            scope.parallel,
            host -> {
              try (Runtime runtime = Runtimes.open(host, line -> {})) {
                List<ServiceState> states =
                    runtime.status(host.name(), HostScope.hostPlan(plan, host.name()).orElse(null));
                return new HostStatus(host.name(), ServiceState.healthy(states), states);
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
                    map.put("reachable", o.ok());
                    if (o.ok()) {
                      map.put("healthy", o.value().healthy());
                      map.put("services", o.value().services());
                    } else {
                      map.put("problems", o.problems().stream().map(p -> p.describe()).toList());
                    }
                    return map;
                  })
              .toList());
    } else {
      for (Fleet.Outcome<HostStatus> outcome : outcomes) {
        if (!outcome.ok()) {
          printer.line(outcome.host() + ": UNREACHABLE");
          continue;
        }
        HostStatus status = outcome.value();
        printer.line(
            status.host()
                + ": "
                + (status.healthy()
                    ? "OK"
                    : status.services().isEmpty() ? "NOT DEPLOYED" : "DEGRADED")
                + " ("
                + Plural.of(status.services().size(), "container")
                + ")");
        for (ServiceState s : status.services()) {
          printer.line(
              String.format(
                  "  %-12s %-10s %-10s %s%s",
                  s.service(),
                  s.role(),
                  s.state(),
                  s.status(),
                  Boolean.FALSE.equals(s.upToDate()) ? " (differs from plan)" : ""));
        }
      }
      if (outcomes.size() > 1) {
        printer.line(FleetOutput.summary(outcomes));
      }
    }
    FleetOutput.failures(outcomes, err());
    int code = FleetOutput.exitCode(outcomes);
    boolean allHealthy = outcomes.stream().allMatch(o -> o.ok() && o.value().healthy());
    return code != 0 ? code : allHealthy ? 0 : 1;
  }
}
