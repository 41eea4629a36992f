package dev.ephemery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ephemery import}: converts inventories of other tools; one subcommand per tool. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Convert another tool's inventory into an ephemery.yaml.",
    subcommands = {ImportAnsibleCommand.class})
final class ImportCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "say what to import from, e.g. 'ephemery import ansible FILE'");
  }
}
