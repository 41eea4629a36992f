package dev.ephemery.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code ephemery genesis show|verify|fetch}: what the network's iterations and releases are. */
final class GenesisCommand implements Runnable, DeclaredCommand {

  CommandSpec spec;

  @Override
  public CommandSpec declare() {
    spec =
        Specs.command(
            this,
            "genesis",
            "Show the current iteration, verify a release, fetch and install a release.");
    spec.addSubcommand("show", new GenesisShowCommand().declare());
    spec.addSubcommand("verify", new GenesisVerifyCommand().declare());
    spec.addSubcommand("fetch", new GenesisFetchCommand().declare());
    return spec;
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "a subcommand is required: show, verify or fetch");
  }
}
