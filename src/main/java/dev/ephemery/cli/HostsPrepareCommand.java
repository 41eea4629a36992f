package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.runtime.Fleet;
import dev.ephemery.wiring.HostShells;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ephemery hosts prepare}: check a host's machine for a node and, with --apply, fix it. */
final class HostsPrepareCommand extends BaseCommand {

  List<String> hosts = new ArrayList<>();

  boolean all;

  boolean apply;

  @Override
  public CommandSpec declare() {
    command(
        "prepare",
        "Check a host's machine for a node, read-only (over SSH for an ssh:// host, on this machine"
            + " for a local one): OS and kernel, Docker engine and its"
            + " version, the SSH user's use of Docker, firewall openings for the P2P ports, time"
            + " synchronisation, free disk under baseDir and memory for the chosen clients, cgroup"
            + " and storage driver. Each check says OK, WARN or FAIL, what it found and the fix.",
        "With --apply, make the fixes it can (install and start Docker from the distribution's"
            + " packages, add the user to the docker group, open the P2P ports, turn on time"
            + " sync) and list each change; a second --apply changes nothing.",
        "Exit 0 when no check fails, 1 when one does, 2 on bad input.");
    spec.addOption(
        Specs.list(String.class, () -> hosts, v -> hosts = v, "--host")
            .paramLabel("NAME")
            .description("Check this inventory host; repeat for more.")
            .build());
    spec.addOption(
        Specs.flag(() -> all, v -> all = v, "--all")
            .description("Check every local and ssh:// host of the inventory.")
            .build());
    spec.addOption(
        Specs.flag(() -> apply, v -> apply = v, "--apply")
            .description("Make the changes the checks call for (as root, or with sudo -n).")
            .build());
    return spec;
  }

  @Override
  public Integer call() {
    Inventory inventory = inventory();
    List<Host> selected = select(inventory);
    List<Fleet.Outcome<HostPreparer.Report>> outcomes =
        Fleet.run(selected, Host::name, 8, host -> HostPreparer.run(host, apply));
    Printer printer = printer();
    if (printer.json()) {
      printer.printJson(outcomes.stream().map(HostsPrepareCommand::json).toList());
    } else {
      outcomes.stream()
          .filter(Fleet.Outcome::ok)
          .forEach(o -> HostPreparer.print(printer, o.value(), apply));
    }
    FleetOutput.failures(outcomes, err());
    int fleet = FleetOutput.exitCode(outcomes);
    boolean failed =
        outcomes.stream()
            .filter(Fleet.Outcome::ok)
            .anyMatch(
                o ->
                    o.value().after().failed()
                        || o.value().applied().stream().anyMatch(a -> !a.ok()));
    return fleet != 0 ? fleet : failed ? 1 : 0;
  }

  private static Map<String, Object> json(Fleet.Outcome<HostPreparer.Report> outcome) {
    if (outcome.ok()) {
      return HostPreparer.json(outcome.value());
    }
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("host", outcome.host());
    map.put("ok", false);
    map.put("problems", outcome.problems().stream().map(p -> p.describe()).toList());
    return map;
  }

  private List<Host> select(Inventory inventory) {
    HostScope scope = new HostScope();
    scope.hosts = hosts;
    scope.all = all;
    List<Host> chosen = scope.select(inventory);
    if (all) {
      List<Host> machines = chosen.stream().filter(HostShells::reachable).toList();
      if (machines.isEmpty()) {
        throw InvalidInputException.of(
            "--all",
            "the inventory has only kubernetes:// hosts",
            "hosts prepare checks machines: local and ssh:// hosts");
      }
      return machines;
    }
    List<String> clusters =
        chosen.stream().filter(h -> !HostShells.reachable(h)).map(Host::name).toList();
    if (!clusters.isEmpty()) {
      throw InvalidInputException.of(
          "--host",
          String.join(", ", clusters) + ": a kubernetes:// host",
          "hosts prepare checks machines (local and ssh:// hosts); prepare a cluster's nodes with"
              + " its own tools");
    }
    return chosen;
  }
}
