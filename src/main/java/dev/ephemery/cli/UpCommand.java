package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.health.CheckpointPicker;
import dev.ephemery.inventory.Address;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.InventoryWriter;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Plan;
import dev.ephemery.plan.Role;
import dev.ephemery.runtime.Change;
import dev.ephemery.runtime.Fleet;
import dev.ephemery.runtime.HostRuntime;
import dev.ephemery.runtime.RuntimeOptions;
import dev.ephemery.runtime.SelfTestDecision;
import dev.ephemery.runtime.SelfTestPolicy;
import dev.ephemery.runtime.UpReport;
import dev.ephemery.wiring.Runtimes;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ephemery up}: converge each selected host to its plan. */
final class UpCommand extends BaseCommand {

  /** Read once per run; tests set a fixed one. */
  static java.time.Clock clock = java.time.Clock.systemUTC();

  final HostScope scope = new HostScope();

  boolean dryRun;

  Path release;

  long timeoutSeconds;

  boolean noWait;

  boolean verify;

  @Override
  public CommandSpec declare() {
    command(
        "up",
        "Bring each host to its plan: images, network, folders, JWT secret, release files, init",
        "steps, containers. Idempotent: a second run changes nothing. Exit 0 when every host is up.");
    scope.addTo(spec);
    spec.addOption(
        Specs.flag(() -> dryRun, v -> dryRun = v, "--dry-run")
            .description("Print what would change; change nothing.")
            .build());
    spec.addOption(
        Specs.option(Path.class, () -> release, v -> release = v, "--release")
            .paramLabel("DIR")
            .description(
                "Release folder to plan for and install (default: the newest in the release cache).")
            .build());
    spec.addOption(
        Specs.option(
                long.class,
                () -> timeoutSeconds,
                v -> timeoutSeconds = v,
                "--wait-timeout",
                "--timeout")
            .paramLabel("SECONDS")
            .defaultValue("120")
            .description(
                "How long to wait for containers, init steps and health endpoints (default:"
                    + " ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        Specs.flag(() -> noWait, v -> noWait = v, "--no-wait")
            .description("Do not wait for the clients' health endpoints to answer.")
            .build());
    spec.addOption(
        Specs.flag(() -> verify, v -> verify = v, "--verify")
            .description(
                "Run the EL-CL link self-test even when nothing it depends on changed since it"
                    + " last passed.")
            .build());
    return spec;
  }

  @Override
  public Integer call() {
    RuntimePlans inputs = RuntimePlans.required(common.file(), scope, release);
    if (inputs.release() != null) {
      PlanInputs.expiredWarning(inputs.release(), clock.instant())
          .ifPresent(warning -> err().println("warning: " + warning));
    }
    List<Host> hosts = scope.select(inputs.inventory());
    Plan plan = inputs.plan().orElseThrow();
    if (timeoutSeconds < 1 || timeoutSeconds > 86_400) {
      throw InvalidInputException.of("--wait-timeout", "must be 1 to 86400 seconds", "");
    }
    RuntimeOptions options =
        new RuntimeOptions(
                dryRun,
                inputs.releaseFolder(),
                scope.helperImage(),
                Duration.ofSeconds(timeoutSeconds),
                !noWait,
                supervisorFiles(plan, hosts))
            .withSelfTest(
                new SelfTestPolicy(
                    verify,
                    SelfTestPolicy.defaultRecords(
                        System.getenv(), System.getProperty("user.home", "/"))));
    PrintWriter err = err();
    CheckpointPicker picker = AutoCheckpoints.picker();
    List<Fleet.Outcome<UpReport>> outcomes =
        Fleet.run(
            hosts,
            Host::name,
            scope.parallel,
            host -> upOne(host, plan, inputs, options, picker, err));
    Printer printer = printer();
    if (printer.json()) {
      printer.printJson(outcomes.stream().map(UpCommand::json).toList());
    } else {
      printText(printer, outcomes);
    }
    FleetOutput.failures(outcomes, err);
    return FleetOutput.exitCode(outcomes);
  }

  /** One host: its host checks, its checkpoint pick, then the runtime's up. */
  private UpReport upOne(
      Host host,
      Plan plan,
      RuntimePlans inputs,
      RuntimeOptions options,
      CheckpointPicker picker,
      PrintWriter err) {
    HostPlan hostPlan =
        HostScope.hostPlan(Optional.of(plan), host.name())
            .orElseThrow(
                () ->
                    InvalidInputException.of(
                        host.name(), "the plan has no host '" + host.name() + "'", ""));
    // ssh:// hosts: the read-only host checks first; a FAIL stops before any change
    HostPreparer.requireNoFailure(host);
    try (HostRuntime runtime = Runtimes.open(host, line -> progress(err, line))) {
      HostPlan resolved =
          AutoCheckpoints.resolve(
              host,
              hostPlan,
              inputs.release(),
              runtime,
              picker,
              clock,
              line -> progress(err, line));
      return runtime.up(resolved, options);
    }
  }

  private void printText(Printer printer, List<Fleet.Outcome<UpReport>> outcomes) {
    for (Fleet.Outcome<UpReport> outcome : outcomes) {
      if (!outcome.ok()) {
        printer.line(outcome.host() + ": FAILED");
        continue;
      }
      List<Change> changes = outcome.value().changes();
      long ensured = changes.stream().filter(Change::isEnsure).count();
      printer.line(
          outcome.host()
              + ": "
              + (changes.size() - ensured)
              + (dryRun ? " would change" : " changed")
              + (ensured == 0 ? "" : ", " + ensured + " paths would be ensured"));
      changes.forEach(
          c -> printer.line("  " + (c.isEnsure() ? "would " + c.describe() : c.describe())));
      SelfTestDecision selfTest = outcome.value().selfTest();
      if (selfTest != null) {
        printer.line("  EL-CL link self-test " + selfTest.describe());
      }
    }
    if (outcomes.size() > 1) {
      printer.line(FleetOutput.summary(outcomes));
    }
  }

  /**
   * The tool's jar (where this code runs from) and, per host with a planned supervisor, an
   * inventory of that host alone with a local address: on the host, its Docker is the local one.
   */
  static RuntimeOptions.SupervisorFiles supervisorFiles(Plan plan, List<Host> hosts) {
    Map<String, String> inventories = new LinkedHashMap<>();
    for (Host host : hosts) {
      boolean planned =
          HostScope.hostPlan(Optional.of(plan), host.name()).stream()
              .flatMap(h -> h.services().stream())
              .anyMatch(s -> s.role() == Role.SUPERVISOR);
      if (planned) {
        Host local =
            new Host(
                host.name(),
                new Address.Local(),
                host.baseDir(),
                host.flavor(),
                host.execution(),
                host.consensus(),
                host.validator(),
                host.monitoring(),
                null,
                null,
                host.supervisor());
        inventories.put(
            host.name(),
            InventoryWriter.write(
                List.of(local),
                List.of("The supervisor's inventory of " + host.name() + ", written by 'up'."),
                false));
      }
    }
    return new RuntimeOptions.SupervisorFiles(ownJar(), inventories);
  }

  /** The running jar; from a classes folder (tests, IDE) the build's target/ephemery.jar. */
  static Path ownJar() {
    try {
      Path location =
          Path.of(UpCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (location.toString().endsWith(".jar")) {
        return location;
      }
      return location.resolveSibling("ephemery.jar");
    } catch (URISyntaxException | RuntimeException e) {
      return Path.of("target", "ephemery.jar");
    }
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
      map.put("changed", outcome.value().changes().stream().filter(c -> !c.isEnsure()).count());
      map.put("changes", outcome.value().changes());
      SelfTestDecision selfTest = outcome.value().selfTest();
      if (selfTest != null) {
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("ran", selfTest.run());
        test.put("reason", selfTest.reason());
        map.put("selfTest", test);
      }
    } else {
      map.put("problems", outcome.problems().stream().map(p -> p.describe()).toList());
    }
    return map;
  }
}
