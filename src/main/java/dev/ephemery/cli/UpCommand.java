package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.inventory.Host;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Plan;
import dev.ephemery.runtime.Change;
import dev.ephemery.runtime.DockerConnection;
import dev.ephemery.runtime.DockerRuntime;
import dev.ephemery.runtime.Fleet;
import dev.ephemery.runtime.RuntimeOptions;
import dev.ephemery.runtime.UpReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ephemery up}: converge each selected host to its plan. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Bring each host to its plan: images, network, folders, JWT secret, release files, init",
      "steps, containers. Idempotent: a second run changes nothing. Exit 0 when every host is up."
    })
final class UpCommand extends BaseCommand {

  @Mixin HostScope scope;

  @Option(names = "--dry-run", description = "Print what would change; change nothing.")
  boolean dryRun;

  @Option(
      names = "--release",
      paramLabel = "DIR",
      description =
          "Release folder to plan for and install (default: the newest in the release cache).")
  Path release;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description = "How long to wait for containers and init steps (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Override
  public Integer call() {
    RuntimePlans inputs = RuntimePlans.required(common.file(), scope, release);
    List<Host> hosts = scope.select(inputs.inventory());
    Plan plan = inputs.plan().orElseThrow();
    RuntimeOptions options =
        new RuntimeOptions(
            dryRun, release, scope.helperImage(), Duration.ofSeconds(timeoutSeconds));
    PrintWriter err = err();
    List<Fleet.Outcome<UpReport>> outcomes =
        Fleet.run(
            hosts,
            Host::name,
            scope.parallel,
            host -> {
              HostPlan hostPlan =
                  HostScope.hostPlan(Optional.of(plan), host.name())
                      .orElseThrow(
                          () ->
                              InvalidInputException.of(
                                  host.name(), "the plan has no host '" + host.name() + "'", ""));
              try (DockerConnection connection = DockerConnection.open(HostScope.target(host))) {
                return new DockerRuntime(connection.client(), line -> progress(err, line))
                    .up(hostPlan, options);
              }
            });
    Printer printer = printer();
    if (printer.json()) {
      printer.printJson(outcomes.stream().map(UpCommand::json).toList());
    } else {
      for (Fleet.Outcome<UpReport> outcome : outcomes) {
        if (!outcome.ok()) {
          printer.line(outcome.host() + ": FAILED");
          continue;
        }
        List<Change> changes = outcome.value().changes();
        printer.line(
            outcome.host() + ": " + changes.size() + (dryRun ? " would change" : " changed"));
        changes.forEach(c -> printer.line("  " + c.describe()));
      }
      if (outcomes.size() > 1) {
        printer.line(FleetOutput.summary(outcomes));
      }
    }
    FleetOutput.failures(outcomes, err);
    return FleetOutput.exitCode(outcomes);
  }

  static void progress(PrintWriter err, String line) {
    synchronized (err) {
      err.println("... " + line);
      err.flush();
    }
  }

  private static Map<String, Object> json(Fleet.Outcome<UpReport> outcome) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("host", outcome.host());
    map.put("ok", outcome.ok());
    if (outcome.ok()) {
      map.put("dryRun", outcome.value().dryRun());
      map.put("changed", outcome.value().changes().size());
      map.put("changes", outcome.value().changes());
    } else {
      map.put("problems", outcome.problems().stream().map(p -> p.describe()).toList());
    }
    return map;
  }
}
