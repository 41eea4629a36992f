package dev.ephemery.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The root command. Subcommands are registered in {@link #COMMANDS} rather than in its model, so a
 * run builds the model of the one command it executes (see {@link CommandLines}).
 */
public final class EphemeryCommand implements Runnable, DeclaredCommand {

  /** Every subcommand by its name, in the order help lists them. */
  static final Map<String, Supplier<DeclaredCommand>> COMMANDS = commands();

  CommandSpec spec;

  @Override
  public CommandSpec declare() {
    spec =
        Specs.command(
            this,
            "ephemery",
            "Deploys and operates nodes of the Ethereum Ephemery testnet and follows its resets.");
    return spec;
  }

  @Override
  public void run() {
    // No subcommand: show what there is, and fail as a usage error.
    throw new ParameterException(
        spec.commandLine(), "a command is required; run 'ephemery --help' for the list");
  }

  private static Map<String, Supplier<DeclaredCommand>> commands() {
    Map<String, Supplier<DeclaredCommand>> commands = new LinkedHashMap<>();
    commands.put("init", InitCommand::new);
    commands.put("check", CheckCommand::new);
    commands.put("import", ImportCommand::new);
    commands.put("plan", PlanCommand::new);
    commands.put("render", RenderCommand::new);
    commands.put("up", UpCommand::new);
    commands.put("status", StatusCommand::new);
    commands.put("logs", LogsCommand::new);
    commands.put("down", DownCommand::new);
    commands.put("hosts", HostsCommand::new);
    commands.put("reset", ResetCommand::new);
    commands.put("history", HistoryCommand::new);
    commands.put("run", RunCommand::new);
    commands.put("genesis", GenesisCommand::new);
    commands.put("completion", CompletionCommand::new);
    return commands;
  }
}
