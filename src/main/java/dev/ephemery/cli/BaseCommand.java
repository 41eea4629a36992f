package dev.ephemery.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the common options and the printer for its output. */
abstract class BaseCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

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
