package dev.ephemery.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** What every subcommand shares: the common options and the printer for its output. */
abstract class BaseCommand implements Callable<Integer>, DeclaredCommand {

  final CommonOptions common = new CommonOptions();

  CommandSpec spec;

  /** This command's model with the common options; {@link #declare} adds the command's own. */
  CommandSpec command(String name, String... description) {
    spec = Specs.command(this, name, description);
    common.addTo(spec);
    return spec;
  }

  Printer printer() {
    return new Printer(spec.commandLine().getOut(), common.json());
  }

  /**
   * The inventory this command works on: {@code -f FILE}, else {@code ./ephemery.yaml}, else the
   * embedded default. Throws (exit 2) with every problem when it is not valid.
   */
  dev.ephemery.inventory.Inventory inventory() {
    return InventoryLoader.system().load(common.file());
  }

  java.io.PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
