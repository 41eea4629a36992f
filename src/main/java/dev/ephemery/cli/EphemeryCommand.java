package dev.ephemery.cli;

import picocli.CommandLine.Command;

/** The root command; each capability registers its subcommand here. */
@Command(
    name = "ephemery",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Deploys and operates nodes of the Ethereum Ephemery testnet and follows its resets.",
    subcommands = {
      CompletionCommand.class,
      ResetCommand.class,
      HistoryCommand.class,
      RunCommand.class,
      CheckCommand.class,
      InitCommand.class,
      ImportCommand.class,
      GenesisCommand.class,
      PlanCommand.class,
      RenderCommand.class
    })
public final class EphemeryCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    // No subcommand: show what there is, and fail as a usage error.
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a command is required; run 'ephemery --help' for the list");
  }
}
