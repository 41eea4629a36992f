package dev.ephemery.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The root command. Subcommands are registered in {@link #COMMANDS} rather than in its model, so a
 * run builds the model of the one command it executes (see {@link CommandLines}).
 */
public final class EphemeryCommand implements Runnable, DeclaredCommand {

  /** Every subcommand's name, in the order help lists them. */
  static final List<String> COMMANDS =
      List.of(
          "init",
          "check",
          "import",
          "plan",
          "render",
          "up",
          "status",
          "doctor",
          "checkpoint",
          "logs",
          "down",
          "monitoring",
          "hosts",
          "reset",
          "history",
          "validator",
          "run",
          "genesis",
          "completion");

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

  /**
   * A new instance of the subcommand named {@code name}, or null. A switch rather than a map of
   * constructor references: only the named command's class is loaded.
   */
  static DeclaredCommand create(String name) {
    return switch (name) {
      case "init" -> new InitCommand();
      case "check" -> new CheckCommand();
      case "import" -> new ImportCommand();
      case "plan" -> new PlanCommand();
      case "render" -> new RenderCommand();
      case "up" -> new UpCommand();
      case "status" -> new StatusCommand();
      case "doctor" -> new DoctorCommand();
      case "checkpoint" -> new CheckpointCommand();
      case "logs" -> new LogsCommand();
      case "down" -> new DownCommand();
      case "monitoring" -> new MonitoringCommand();
      case "hosts" -> new HostsCommand();
      case "reset" -> new ResetCommand();
      case "history" -> new HistoryCommand();
      case "validator" -> new ValidatorCommand();
      case "run" -> new RunCommand();
      case "genesis" -> new GenesisCommand();
      case "completion" -> new CompletionCommand();
      default -> null;
    };
  }
}
