package dev.ephemery.cli;

import dev.ephemery.common.Plural;
import dev.ephemery.health.Finding;
import dev.ephemery.health.HealthRules;
import dev.ephemery.health.HostHealth;
import dev.ephemery.health.probe.HostProbe;
import dev.ephemery.inventory.Host;
import dev.ephemery.runtime.Fleet;
import dev.ephemery.runtime.ServiceState;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ephemery status}: what runs on each host and whether it works: containers as Docker
 * reports them, then each probe's verdict (OK, WARN, FAIL, UNKNOWN) with its reason.
 */
final class StatusCommand extends BaseCommand {

  static Clock clock = Clock.systemUTC();

  final HostScope scope = new HostScope();
  boolean watch;
  int interval = 10;

  @Override
  public CommandSpec declare() {
    command(
        "status",
        "Show each host's containers and whether the node works: chain, sync, peers, genesis,"
            + " validator keys, restarts, the EL-CL link, disk, clock; each verdict with its reason.",
        "Exit 0 when every selected host is healthy (nothing FAILs), 1 otherwise.");
    scope.addTo(spec);
    spec.addOption(
        Specs.flag(() -> watch, v -> watch = v, "--watch")
            .description("Probe again every --interval seconds until interrupted.")
            .build());
    spec.addOption(
        Specs.option(int.class, () -> interval, v -> interval = v, "--interval")
            .paramLabel("SECONDS")
            .defaultValue("10")
            .description("Seconds between two rounds of --watch (default: ${DEFAULT-VALUE}).")
            .build());
    return spec;
  }

  /** One host: healthy when all planned containers run and no probe FAILs. */
  record HostStatus(String host, boolean healthy, List<ServiceState> services, HostHealth health) {}

  @Override
  public Integer call() {
    RuntimePlans inputs = RuntimePlans.optional(common.file(), scope);
    List<Host> hosts = scope.select(inputs.inventory());
    while (true) {
      int code = round(inputs, hosts);
      if (!watch) {
        return code;
      }
      spec.commandLine().getOut().flush();
      try {
        Thread.sleep(Duration.ofSeconds(Math.max(1, interval)).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return code;
      }
    }
  }

  private int round(RuntimePlans inputs, List<Host> hosts) {
    List<Fleet.Outcome<HostStatus>> outcomes =
        Fleet.run(
            hosts,
            Host::name,
            scope.parallel,
            host -> {
              HostProbe.Result r = NodeHealth.probe(host, inputs, scope.helperImage(), clock);
              boolean healthy = ServiceState.healthy(r.services()) && r.health().healthy();
              return new HostStatus(host.name(), healthy, r.services(), r.health());
            });
    Printer printer = printer();
    if (printer.json()) {
      printer.printJson(outcomes.stream().map(StatusCommand::json).toList());
    } else {
      if (watch) {
        printer.line("--- " + clock.instant());
      }
      outcomes.forEach(o -> text(printer, o));
      if (outcomes.size() > 1) {
        printer.line(fleetSummary(outcomes));
      }
    }
    FleetOutput.failures(outcomes, err());
    int code = FleetOutput.exitCode(outcomes);
    boolean allHealthy = outcomes.stream().allMatch(o -> o.ok() && o.value().healthy());
    return code != 0 ? code : allHealthy ? 0 : 1;
  }

  private void text(Printer printer, Fleet.Outcome<HostStatus> outcome) {
    if (!outcome.ok()) {
      printer.line(outcome.host() + ": UNREACHABLE");
      return;
    }
    HostStatus status = outcome.value();
    HostHealth health = status.health();
    printer.line(
        status.host()
            + ": "
            + (status.healthy() ? "OK" : status.services().isEmpty() ? "NOT DEPLOYED" : "DEGRADED")
            + " ("
            + Plural.of(status.services().size(), "container")
            + (health.iteration() == null ? "" : ", iteration " + health.iteration())
            + (health.nextReset() == null
                ? ""
                : ", next reset in "
                    + HealthRules.human(Duration.between(clock.instant(), health.nextReset())))
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
    printer.line(String.format("  %-12s %-10s %-8s %s", "COMPONENT", "CHECK", "VERDICT", "DETAIL"));
    for (Finding f : health.findings()) {
      printer.line(
          String.format(
              "  %-12s %-10s %-8s %s", f.component(), f.check(), f.verdict(), f.detail()));
    }
  }

  static String fleetSummary(List<Fleet.Outcome<HostStatus>> outcomes) {
    long healthy = outcomes.stream().filter(o -> o.ok() && o.value().healthy()).count();
    long unreachable = outcomes.stream().filter(o -> !o.ok()).count();
    return "fleet: "
        + healthy
        + "/"
        + outcomes.size()
        + " hosts healthy"
        + (unreachable == 0 ? "" : ", " + unreachable + " unreachable");
  }

  private static Map<String, Object> json(Fleet.Outcome<HostStatus> o) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("host", o.host());
    map.put("reachable", o.ok());
    if (!o.ok()) {
      map.put("problems", o.problems().stream().map(p -> p.describe()).toList());
      return map;
    }
    HostStatus status = o.value();
    HostHealth health = status.health();
    map.put("healthy", status.healthy());
    map.put("verdict", health.verdict());
    map.put("iteration", health.iteration());
    map.put("nextReset", health.nextReset() == null ? null : health.nextReset().toString());
    map.put("services", status.services());
    map.put("components", health.components());
    map.put("checks", health.findings());
    return map;
  }
}
