package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.runtime.HostRuntime;
import dev.ephemery.wiring.Runtimes;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ephemery logs SERVICE}: a container's output, as Docker keeps it. */
final class LogsCommand extends BaseCommand {

  final HostScope scope = new HostScope();

  String service;

  boolean follow;

  Integer tail;

  @Override
  public CommandSpec declare() {
    command("logs", "Print a service's container output (e.g. el, cl, init).");
    scope.addTo(spec);
    spec.addPositional(
        Specs.positional(String.class, () -> service, v -> service = v, "SERVICE")
            .description("The planned service name or container name.")
            .build());
    spec.addOption(
        Specs.flag(() -> follow, v -> follow = v, "--follow")
            .description("Keep printing new output until interrupted.")
            .build());
    spec.addOption(
        Specs.option(Integer.class, () -> tail, v -> tail = v, "--tail")
            .paramLabel("N")
            .description("Only the last N lines.")
            .build());
    return spec;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (scope.all) {
      throw InvalidInputException.of("--all", "logs reads one host", "choose it with --host NAME");
    }
    Inventory inventory = InventoryLoader.system().load(common.file());
    List<Host> hosts = scope.select(inventory);
    if (hosts.size() != 1) {
      throw InvalidInputException.of("--host", "logs reads one host", "give one --host NAME");
    }
    Host host = hosts.get(0);
    spec.commandLine().getOut().flush();
    PrintStream out = System.out;
    try (HostRuntime runtime = Runtimes.open(host, line -> {})) {
      runtime.logs(host.name(), service, follow, tail, bytes -> out.write(bytes, 0, bytes.length));
    }
    out.flush();
    return 0;
  }
}
