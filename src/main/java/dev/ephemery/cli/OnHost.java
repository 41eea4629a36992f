package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.inventory.Address;
import dev.ephemery.inventory.Host;
import dev.ephemery.runtime.HostRuntime;
import dev.ephemery.wiring.Runtimes;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code reset} and {@code history} for a host reached over SSH: the command runs inside the host's
 * supervisor container (see {@link HostRuntime#runInSupervisor}), where the host's files, journal
 * and reset lock are, and its output and exit code come back here.
 */
final class OnHost {

  /** A reset retries with backoff; this bounds a stuck one, not a slow one. */
  static final Duration RESET_TIMEOUT = Duration.ofHours(3);

  static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

  private OnHost() {}

  static boolean remote(Host host) {
    return !(host.address() instanceof Address.Local);
  }

  /**
   * Whether {@code reset} and {@code history} run in the host's supervisor: an SSH host's journal,
   * lock and files are on that host. A Kubernetes host's are in its cluster, which this machine
   * reaches through the API like the supervisor does ({@code wiring.ResetSite}).
   */
  static boolean throughSupervisor(Host host) {
    return host.address() instanceof Address.Ssh;
  }

  /** Each host on the far side prints its own JSON document: one host per run keeps it one. */
  static void requireOneForJson(List<Host> hosts, List<Host> remote, boolean json) {
    if (json && hosts.size() > 1 && !remote.isEmpty()) {
      throw InvalidInputException.of(
          "--host",
          "--output json covers one host at a time when a host is remote ("
              + remote.get(0).name()
              + ")",
          "add --host NAME");
    }
  }

  /** Runs {@code args} on the host with this run's output format; returns the exit code there. */
  static int run(
      Host host, List<String> args, CommonOptions common, CommandSpec spec, Duration timeout) {
    List<String> all = new ArrayList<>(args);
    all.add("--output");
    all.add(common.output().name());
    if (common.debug) {
      all.add("--debug");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    err.println(host.name() + ": running '" + String.join(" ", all) + "' on the host");
    err.flush();
    try (HostRuntime runtime = Runtimes.open(host, line -> {})) {
      long code =
          runtime.runInSupervisor(
              host.name(),
              all,
              line -> {
                out.println(line);
                out.flush();
              },
              line -> {
                err.println(line);
                err.flush();
              },
              timeout);
      // 0, 1 and 2 keep their meaning; a JVM killed on the host is an operational failure.
      return code >= 0 && code <= 2 ? (int) code : 1;
    }
  }
}
