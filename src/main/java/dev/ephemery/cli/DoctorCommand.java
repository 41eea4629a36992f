package dev.ephemery.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ephemery.common.OperationalException;
import dev.ephemery.health.DoctorRules;
import dev.ephemery.health.HostHealth;
import dev.ephemery.health.probe.Bundle;
import dev.ephemery.health.probe.HostProbe;
import dev.ephemery.inventory.Host;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.PlannedPath;
import dev.ephemery.runtime.Fleet;
import dev.ephemery.runtime.HostRuntime;
import dev.ephemery.runtime.ServiceState;
import dev.ephemery.wiring.Runtimes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ephemery doctor}: probes each host like {@code status}, reads each container's last log
 * lines, and names every known failure ({@link DoctorRules}) with its cause and fix; {@code
 * --bundle} writes what it looked at, secrets redacted, for a bug report.
 */
final class DoctorCommand extends BaseCommand {

  static Clock clock = Clock.systemUTC();

  final HostScope scope = new HostScope();
  Path bundle;
  int lines = 200;

  @Override
  public CommandSpec declare() {
    command(
        "doctor",
        "Name what is wrong with each node and how to fix it: known client errors in the"
            + " containers' logs and the probes of 'status' matched against the rules of"
            + " docs/troubleshooting.md.",
        "Exit 0 when nothing known is wrong and the node is healthy, 1 otherwise.");
    scope.addTo(spec);
    spec.addOption(
        Specs.option(Path.class, () -> bundle, v -> bundle = v, "--bundle")
            .paramLabel("FILE.tar.gz")
            .description(
                "Also write logs, plan, rendered configuration, reset journals and probe results"
                    + " (every secret redacted) to this file.")
            .build());
    spec.addOption(
        Specs.option(int.class, () -> lines, v -> lines = v, "--lines")
            .paramLabel("N")
            .defaultValue("200")
            .description("Log lines read per container (default: ${DEFAULT-VALUE}).")
            .build());
    return spec;
  }

  /** One host's diagnosis and what it was made from. */
  record Diagnosis(
      String host,
      HostHealth health,
      List<ServiceState> services,
      Map<String, List<String>> logs,
      List<DoctorRules.Match> matches) {}

  @Override
  public Integer call() {
    RuntimePlans inputs = RuntimePlans.optional(common.file(), scope);
    List<Host> hosts = scope.select(inputs.inventory());
    List<Fleet.Outcome<Diagnosis>> outcomes =
        Fleet.run(hosts, Host::name, scope.parallel, host -> diagnose(host, inputs));
    Printer printer = printer();
    if (printer.json()) {
      printer.printJson(outcomes.stream().map(DoctorCommand::json).toList());
    } else {
      outcomes.forEach(o -> text(printer, o));
    }
    FleetOutput.failures(outcomes, err());
    if (bundle != null) {
      writeBundle(inputs, hosts, outcomes);
      err().println("wrote " + bundle + " (secrets redacted)");
    }
    int code = FleetOutput.exitCode(outcomes);
    boolean clean =
        outcomes.stream()
            .allMatch(o -> o.ok() && o.value().matches().isEmpty() && o.value().health().healthy());
    return code != 0 ? code : clean ? 0 : 1;
  }

  private Diagnosis diagnose(Host host, RuntimePlans inputs) {
    HostProbe.Result probed;
    Map<String, List<String>> logs = new LinkedHashMap<>();
    // One connection for the probes and the logs.
    try (HostRuntime runtime = Runtimes.open(host, line -> {})) {
      probed = NodeHealth.probe(host, inputs, scope.helperImage(), clock, runtime);
      for (ServiceState s : probed.services()) {
        if (!"missing".equals(s.state())) {
          logs.put(s.service(), runtime.tail(host.name(), s.container(), lines));
        }
      }
    }
    return new Diagnosis(
        host.name(),
        probed.health(),
        probed.services(),
        logs,
        DoctorRules.match(probed.health().findings(), logs));
  }

  private void text(Printer printer, Fleet.Outcome<Diagnosis> outcome) {
    if (!outcome.ok()) {
      printer.line(outcome.host() + ": UNREACHABLE");
      return;
    }
    Diagnosis d = outcome.value();
    if (d.matches().isEmpty()) {
      printer.line(
          d.host()
              + ": no known problem found"
              + (d.health().healthy()
                  ? ""
                  : " (status: " + d.health().verdict() + " — see 'ephemery status')"));
      return;
    }
    printer.line(
        d.host() + ": " + dev.ephemery.common.Plural.of(d.matches().size(), "known problem"));
    for (DoctorRules.Match m : d.matches()) {
      printer.line("  [" + m.rule().id() + "] " + m.rule().title() + " (" + m.where() + ")");
      printer.line("    seen:  " + m.evidence());
      printer.line("    cause: " + m.rule().cause());
      printer.line("    fix:   " + m.rule().fix());
    }
  }

  private static Map<String, Object> json(Fleet.Outcome<Diagnosis> o) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("host", o.host());
    map.put("reachable", o.ok());
    if (!o.ok()) {
      map.put("problems", o.problems().stream().map(p -> p.describe()).toList());
      return map;
    }
    map.put("healthy", o.value().health().healthy());
    map.put(
        "diagnoses",
        o.value().matches().stream()
            .map(
                m -> {
                  Map<String, Object> d = new LinkedHashMap<>();
                  d.put("rule", m.rule().id());
                  d.put("title", m.rule().title());
                  d.put("where", m.where());
                  d.put("seen", m.evidence());
                  d.put("cause", m.rule().cause());
                  d.put("fix", m.rule().fix());
                  return d;
                })
            .toList());
    map.put("checks", o.value().health().findings());
    return map;
  }

  // ------------------------------------------------------------------ bundle

  private void writeBundle(
      RuntimePlans inputs, List<Host> hosts, List<Fleet.Outcome<Diagnosis>> outcomes) {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Bundle out = new Bundle();
    List<String> secrets = new ArrayList<>();
    try {
      out.add("README.txt", "ephemery doctor bundle, " + clock.instant() + "; secrets redacted\n");
      if (common.file() != null && Files.isRegularFile(common.file())) {
        out.add("inventory.yaml", Files.readString(common.file()));
      }
      for (int i = 0; i < hosts.size(); i++) {
        Host host = hosts.get(i);
        Fleet.Outcome<Diagnosis> o = outcomes.get(i);
        String dir = host.name() + "/";
        out.add(dir + "probes.json", json.writeValueAsString(json(o)));
        Optional<HostPlan> plan = HostScope.hostPlan(inputs.plan(), host.name());
        if (plan.isPresent()) {
          out.add(dir + "plan.json", json.writeValueAsString(plan.get()));
          out.add(dir + "rendered.txt", rendered(plan.get()));
        }
        if (o.ok()) {
          for (var log : o.value().logs().entrySet()) {
            out.add(
                dir + "logs/" + log.getKey() + ".log", String.join("\n", log.getValue()) + "\n");
          }
        }
        if (!OnHost.remote(host)) {
          journals(out, dir, Path.of(host.baseDir()));
          secrets.addAll(HostSecrets.read(host, plan));
        }
      }
      out.write(bundle, secrets);
    } catch (IOException e) {
      throw new OperationalException(
          "--bundle", "cannot write " + bundle + ": " + e.getMessage(), "check the folder", e);
    }
  }

  /** Each container as it is configured: the command line and environment the client gets. */
  private static String rendered(HostPlan plan) {
    StringBuilder text = new StringBuilder();
    for (var s : plan.services()) {
      text.append(s.name()).append(" (").append(s.image()).append(")\n");
      if (s.entrypoint() != null) {
        text.append("  entrypoint: ").append(String.join(" ", s.entrypoint())).append('\n');
      }
      text.append("  command: ").append(String.join(" ", s.command())).append('\n');
      s.env().forEach((k, v) -> text.append("  env ").append(k).append('=').append(v).append('\n'));
    }
    return text.toString();
  }

  private static void journals(Bundle out, String dir, Path baseDir) throws IOException {
    Path resets = baseDir.resolve(".ephemery/resets");
    if (!Files.isDirectory(resets)) {
      return;
    }
    try (Stream<Path> files = Files.list(resets)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        out.add(dir + "journal/" + file.getFileName(), Files.readString(file));
      }
    }
  }

  /** Secret values a local host keeps in files: the JWT secret, validator passwords, tokens. */
  static final class HostSecrets {
    private HostSecrets() {}

    static List<String> read(Host host, Optional<HostPlan> plan) {
      List<String> secrets = new ArrayList<>();
      plan.ifPresent(
          p ->
              p.paths().stream()
                  .filter(
                      x ->
                          x.kind() == PlannedPath.Kind.JWT_SECRET
                              || x.kind() == PlannedPath.Kind.SECRET)
                  .forEach(x -> readSmall(Path.of(x.path()), secrets)));
      Path base = Path.of(host.baseDir());
      readSmall(base.resolve("jwt.hex"), secrets);
      readSmall(base.resolve("supervisor/reset-token"), secrets);
      var v = host.validator();
      if (v != null && v.enabled()) {
        if (v.passwordFile() != null) {
          readSmall(Path.of(v.passwordFile()), secrets);
        }
        if (v.passwordsDir() != null) {
          try (Stream<Path> files = Files.list(Path.of(v.passwordsDir()))) {
            files.forEach(f -> readSmall(f, secrets));
          } catch (IOException | RuntimeException unreadable) {
            // nothing to add
          }
        }
      }
      return secrets;
    }

    private static void readSmall(Path file, List<String> into) {
      try {
        if (Files.isRegularFile(file) && Files.size(file) < 4096) {
          Files.readString(file)
              .lines()
              .map(String::strip)
              .filter(s -> !s.isEmpty())
              .forEach(into::add);
        }
      } catch (IOException | RuntimeException unreadable) {
        // a file this user may not read is not in the bundle either
      }
    }
  }
}
