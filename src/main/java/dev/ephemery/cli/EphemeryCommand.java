package dev.ephemery.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * The root command. Subcommands are registered in {@link #COMMANDS} rather than in the annotation,
 * so a run builds the model of the one command it executes (see {@link CommandLines}).
 */
@Command(
    name = "ephemery",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Deploys and operates nodes of the Ethereum Ephemery testnet and follows its resets.")
public final class EphemeryCommand implements Runnable {

  /** Every subcommand by its name, in the order help lists them. */
  static final Map<String, Class<?>> COMMANDS = commands();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    // No subcommand: show what there is, and fail as a usage error.
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a command is required; run 'ephemery --help' for the list");
  }

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> commands = new LinkedHashMap<>();
    commands.put("init", InitCommand.class);
    commands.put("check", CheckCommand.class);
    commands.put("import", ImportCommand.class);
    commands.put("plan", PlanCommand.class);
    commands.put("render", RenderCommand.class);
    commands.put("up", UpCommand.class);
    commands.put("status", StatusCommand.class);
    commands.put("logs", LogsCommand.class);
    commands.put("down", DownCommand.class);
    commands.put("hosts", HostsCommand.class);
    commands.put("reset", ResetCommand.class);
    commands.put("history", HistoryCommand.class);
    commands.put("run", RunCommand.class);
    commands.put("genesis", GenesisCommand.class);
    commands.put("completion", CompletionCommand.class);
    return commands;
  }
}
