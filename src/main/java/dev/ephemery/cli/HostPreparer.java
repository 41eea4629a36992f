package dev.ephemery.cli;

import dev.ephemery.common.EphemeryException;
import dev.ephemery.common.OperationalException;
import dev.ephemery.common.Problem;
import dev.ephemery.hosts.HostAction;
import dev.ephemery.hosts.HostCheck;
import dev.ephemery.hosts.HostFacts;
import dev.ephemery.hosts.HostNeeds;
import dev.ephemery.hosts.HostPreparation;
import dev.ephemery.hosts.HostPreparation.Decision;
import dev.ephemery.inventory.Address;
import dev.ephemery.inventory.Host;
import dev.ephemery.runtime.HostShell;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.ssh.HostTrust;
import dev.ephemery.wiring.HostShells;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code hosts prepare} on one host: gathers the facts (one command, over SSH for an {@code
 * ssh://} host, on this machine for a local one), decides with {@link HostPreparation}, and with
 * apply runs the decided changes, then gathers and decides again so the report shows the host as it
 * is now.
 */
final class HostPreparer {

  /** A change that was run, with what it printed when it failed. */
  record Applied(HostAction action, boolean ok, String output) {}

  /** The checks before any change, the changes made, and the checks after them. */
  record Report(String host, Decision before, List<Applied> applied, Decision after) {}

  private HostPreparer() {}

  static boolean remote(Host host) {
    return host.address() instanceof Address.Ssh;
  }

  static Report run(Host host, boolean apply) {
    HostNeeds needs = HostNeeds.of(host);
    try (HostShell shell = HostShells.open(host)) {
      Decision before = decide(shell, host, needs);
      if (!apply || before.actions().isEmpty()) {
        return new Report(host.name(), before, List.of(), before);
      }
      List<Applied> applied = new ArrayList<>();
      for (HostAction action : before.actions()) {
        HostShell.Result result = shell.run(action.command());
        String output = (result.err() + "\n" + result.out()).strip();
        applied.add(new Applied(action, result.ok(), result.ok() ? "" : output));
      }
      return new Report(host.name(), before, applied, decide(shell, host, needs));
    }
  }

  /**
   * The read-only checks {@code check} and {@code up} run on an ssh:// host: a problem per FAIL,
   * none when the host may run a node.
   */
  static List<Problem> failures(Host host) {
    Decision decision = run(host, false).after();
    return decision.checks().stream()
        .filter(c -> c.verdict() == HostCheck.Verdict.FAIL)
        .map(
            c ->
                Problem.at(
                    host.name() + " host check " + c.name(),
                    0,
                    c.found(),
                    c.fix()
                        + "; 'ephemery hosts prepare --host "
                        + host.name()
                        + "' shows every check, --apply fixes what it can"))
        .toList();
  }

  /**
   * What {@code check} says about the ssh:// hosts whose key is pinned in known_hosts (it contacts
   * no other): FAILs as failures, WARNs and unreachable hosts as warnings, the rest as notes.
   */
  record ForCheck(List<Problem> failures, List<Problem> warnings, List<String> notes) {}

  static ForCheck forCheck(List<Host> hosts) {
    List<Problem> failures = new ArrayList<>();
    List<Problem> warnings = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Host host : hosts) {
      if (!remote(host)) {
        continue;
      }
      if (!HostTrust.pinned(HostTarget.of(host))) {
        notes.add(
            host.name()
                + ": host not checked, its SSH key is not in known_hosts yet ('ephemery hosts"
                + " trust "
                + host.name()
                + "')");
        continue;
      }
      try {
        Decision decision = run(host, false).after();
        for (HostCheck c : decision.checks()) {
          Problem problem =
              Problem.at(host.name() + " host check " + c.name(), 0, c.found(), c.fix());
          if (c.verdict() == HostCheck.Verdict.FAIL) {
            failures.add(problem);
          } else if (c.verdict() == HostCheck.Verdict.WARN) {
            warnings.add(problem);
          }
        }
        notes.add(host.name() + ": host checks ran ('ephemery hosts prepare' shows each)");
      } catch (EphemeryException e) {
        e.problems()
            .forEach(
                p ->
                    warnings.add(
                        Problem.at(host.name(), 0, "host not checked: " + p.message(), p.hint())));
      }
    }
    return new ForCheck(failures, warnings, notes);
  }

  /** For {@code up}: stops before anything changes on a host whose checks FAIL. */
  static void requireNoFailure(Host host) {
    if (remote(host)) {
      List<Problem> failures = failures(host);
      if (!failures.isEmpty()) {
        throw new OperationalException(failures, null);
      }
    }
  }

  private static Decision decide(HostShell shell, Host host, HostNeeds needs) {
    return HostPreparation.decide(HostFacts.parse(shell.facts(host.baseDir())), needs);
  }

  static void print(Printer printer, Report report, boolean apply) {
    printer.line(report.host() + ":");
    for (Applied applied : report.applied()) {
      printer.line(
          "  "
              + (applied.ok() ? "changed: " : "FAILED to change: ")
              + applied.action().describe()
              + (applied.ok() ? "" : " (" + applied.output().replace('\n', ' ') + ")"));
    }
    for (HostCheck check : report.after().checks()) {
      printer.line(
          "  "
              + String.format("%-4s %-15s ", check.verdict(), check.name())
              + check.found()
              + (check.fix().isEmpty() ? "" : "\n" + " ".repeat(23) + "fix: " + check.fix()));
    }
    if (apply && report.applied().isEmpty()) {
      printer.line("  nothing to change");
    } else if (!apply && !report.before().actions().isEmpty()) {
      printer.line("  --apply would:");
      report.before().actions().forEach(a -> printer.line("    " + a.describe()));
    }
  }

  static Map<String, Object> json(Report report) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("host", report.host());
    map.put("ok", !report.after().failed());
    map.put("checks", report.after().checks().stream().map(HostPreparer::json).toList());
    map.put(
        "changed",
        report.applied().stream()
            .map(
                a -> {
                  Map<String, Object> change = new LinkedHashMap<>();
                  change.put("check", a.action().check());
                  change.put("change", a.action().describe());
                  change.put("command", a.action().command());
                  change.put("ok", a.ok());
                  if (!a.ok()) {
                    change.put("output", a.output());
                  }
                  return change;
                })
            .toList());
    map.put(
        "pending",
        report.applied().isEmpty()
            ? report.before().actions().stream().map(HostAction::describe).toList()
            : report.after().actions().stream().map(HostAction::describe).toList());
    return map;
  }

  static Map<String, Object> json(HostCheck check) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", check.name());
    map.put("verdict", check.verdict().name());
    map.put("found", check.found());
    map.put("fix", check.fix());
    return map;
  }
}
