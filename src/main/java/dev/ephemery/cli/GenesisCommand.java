package dev.ephemery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ephemery genesis show|verify|fetch}: what the network's iterations and releases are. */
@Command(
    name = "genesis",
    mixinStandardHelpOptions = true,
    description = "Show the current iteration, verify a release, fetch and install a release.",
    subcommands = {GenesisShowCommand.class, GenesisVerifyCommand.class, GenesisFetchCommand.class})
final class GenesisCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "a subcommand is required: show, verify or fetch");
  }
}
