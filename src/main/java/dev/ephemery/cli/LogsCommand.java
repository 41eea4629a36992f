package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.runtime.DockerConnection;
import dev.ephemery.runtime.DockerRuntime;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ephemery logs SERVICE}: a container's output, as Docker keeps it. */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = "Print a service's container output (e.g. el, cl, init).")
final class LogsCommand extends BaseCommand {

  @Mixin HostScope scope;

  @Parameters(paramLabel = "SERVICE", description = "The planned service name or container name.")
  String service;

  @Option(names = "--follow", description = "Keep printing new output until interrupted.")
  boolean follow;

  @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines.")
  Integer tail;

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
    try (DockerConnection connection = DockerConnection.open(HostScope.target(host))) {
      DockerRuntime runtime = new DockerRuntime(connection.client(), line -> {});
      String id = runtime.findContainer(host.name(), service);
      runtime.logs(id, follow, tail, bytes -> out.write(bytes, 0, bytes.length));
    }
    out.flush();
    return 0;
  }
}
