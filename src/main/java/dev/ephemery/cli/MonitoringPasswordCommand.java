package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.plan.MonitoringPlan;
import dev.ephemery.runtime.HostRuntime;
import dev.ephemery.wiring.Runtimes;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ephemery monitoring password [--host NAME]}: prints Grafana's admin password, which {@code
 * up} generated once and keeps 0600 under baseDir. It is shown only here, on request, to the
 * operator's terminal: never in logs, plans or exports.
 */
final class MonitoringPasswordCommand extends BaseCommand {

  final HostScope scope = new HostScope();

  @Override
  public CommandSpec declare() {
    command(
        "password",
        "Print Grafana's admin password (user admin), generated once by 'up' and kept under"
            + " baseDir.");
    scope.addTo(spec);
    return spec;
  }

  @Override
  public Integer call() {
    if (scope.all) {
      throw InvalidInputException.of(
          "--all", "the password is one host's", "choose it with --host NAME");
    }
    Inventory inventory = InventoryLoader.system().load(common.file());
    List<Host> hosts = scope.select(inventory);
    if (hosts.size() != 1) {
      throw InvalidInputException.of(
          "--host", "the password is one host's", "give one --host NAME");
    }
    Host host = hosts.get(0);
    if (!host.monitoring().enabled()) {
      throw InvalidInputException.of(
          "hosts." + host.name() + ".monitoring.enabled",
          "monitoring is off for " + host.name() + ": there is no Grafana and no password",
          "set monitoring.enabled: true and run 'ephemery up'");
    }
    String base = host.baseDir().endsWith("/") ? host.baseDir() : host.baseDir() + "/";
    String password;
    try (HostRuntime runtime = Runtimes.open(host, line -> {})) {
      password =
          runtime.readSecret(
              host.name(),
              host.baseDir(),
              base + MonitoringPlan.GRAFANA_PASSWORD,
              scope.helperImage());
    }
    Printer printer = printer();
    if (printer.json()) {
      printer.printJson(
          Map.of(
              "host",
              host.name(),
              "user",
              "admin",
              "url",
              "http://127.0.0.1:" + host.monitoring().grafanaPort() + "/",
              "password",
              password));
    } else {
      printer.line(password);
    }
    return 0;
  }
}
