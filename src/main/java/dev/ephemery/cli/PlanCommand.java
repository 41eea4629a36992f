package dev.ephemery.cli;

import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Mount;
import dev.ephemery.plan.Plan;
import dev.ephemery.plan.PlanOptions;
import dev.ephemery.plan.PlannedPath;
import dev.ephemery.plan.Planner;
import dev.ephemery.plan.PortBinding;
import dev.ephemery.plan.Service;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ephemery plan}: the desired state of each host, without changing anything. */
final class PlanCommand extends BaseCommand {

  /** Read once per run; tests set a fixed one. */
  static Clock clock = Clock.systemUTC();

  String host;

  Path release;

  @Override
  public CommandSpec declare() {
    command(
        "plan",
        "Show what each host will run for the current release: network, folders, containers with"
            + " their images, commands, ports and mounts, in start order.",
        "Runs the pre-flight checks first (exit 2 with every problem found). Changes nothing.");
    spec.addOption(Specs.onlyHost(() -> host, v -> host = v));
    spec.addOption(
        Specs.option(Path.class, () -> release, v -> release = v, "--release")
            .paramLabel("DIR")
            .description(
                "Release folder (or testnet-all.tar.gz) to plan for; default: the newest release in the"
                    + " release cache (see 'ephemery genesis fetch').")
            .build());
    return spec;
  }

  @Override
  public Integer call() {
    PlanInputs inputs = PlanInputs.load(common.file(), release);
    PlanInputs.expiredWarning(inputs.release(), clock.instant())
        .ifPresent(warning -> err().println("warning: " + warning));
    Plan plan = new Planner().plan(inputs.inventory(), inputs.release(), new PlanOptions(host));
    Printer printer = printer();
    if (printer.json()) {
      printer.printJson(plan);
      return 0;
    }
    for (HostPlan hostPlan : plan.hosts()) {
      text(printer, hostPlan);
    }
    return 0;
  }

  static void text(Printer printer, HostPlan plan) {
    printer.line(
        plan.name()
            + " ("
            + plan.address()
            + "): iteration "
            + plan.iteration()
            + ", network "
            + plan.network()
            + ", resets by "
            + (plan.resetOwner() == HostPlan.ResetOwner.WRAPPER
                ? "the wrapper images"
                : "ephemery"));
    printer.line("  paths (created before any container):");
    for (PlannedPath path : plan.paths()) {
      printer.line(
          "    "
              + path.path()
              + "  "
              + path.kind().name().toLowerCase(Locale.ROOT).replace('_', '-')
              + " 0"
              + Integer.toOctalString(path.mode())
              + (path.owner() == null ? "" : " owner " + path.owner()));
    }
    printer.line("  containers (start order):");
    int index = 1;
    for (Service service : plan.services()) {
      printer.line(
          "    "
              + index++
              + ". "
              + service.name()
              + "  "
              + service.role().id()
              + "  "
              + service.image()
              + (service.runOnce() ? "  (runs once)" : ""));
      if (service.entrypoint() != null) {
        printer.line("       entrypoint: " + String.join(" ", service.entrypoint()));
      }
      printer.line("       command: " + String.join(" ", service.command()));
      List<String> ports = new ArrayList<>();
      for (PortBinding port : service.ports()) {
        ports.add(
            port.name()
                + " "
                + port.container()
                + "/"
                + port.protocol()
                + (port.host() == null
                    ? " (node network only)"
                    : " on " + port.bind() + ":" + port.host()));
      }
      if (!ports.isEmpty()) {
        printer.line("       ports: " + String.join(", ", ports));
      }
      List<String> mounts = new ArrayList<>();
      for (Mount mount : service.mounts()) {
        mounts.add(mount.source() + " -> " + mount.target() + (mount.readOnly() ? " (ro)" : ""));
      }
      printer.line("       mounts: " + String.join(", ", mounts));
    }
  }
}
