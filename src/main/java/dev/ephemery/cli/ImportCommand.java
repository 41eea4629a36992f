package dev.ephemery.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code ephemery import}: converts inventories of other tools; one subcommand per tool. */
final class ImportCommand implements Runnable, DeclaredCommand {

  CommandSpec spec;

  @Override
  public CommandSpec declare() {
    spec = Specs.command(this, "import", "Convert another tool's inventory into an ephemery.yaml.");
    spec.addSubcommand("ansible", new ImportAnsibleCommand().declare());
    return spec;
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "say what to import from, e.g. 'ephemery import ansible FILE'");
  }
}
