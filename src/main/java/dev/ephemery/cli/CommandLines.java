package dev.ephemery.cli;

import dev.ephemery.common.EphemeryException;
import dev.ephemery.common.ExitCode;
import dev.ephemery.common.Problem;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Builds the picocli command line with the tool's error conventions: one message per problem, no
 * traces.
 */
final class CommandLines {

  private CommandLines() {}

  static CommandLine create(PrintWriter out, PrintWriter err, boolean debug) {
    return create(out, err, debug, new String[0]);
  }

  /**
   * Builds the root with only the subcommand {@code args} names, so a run declares one command's
   * model. Help, a completion script, or an unknown name get them all.
   */
  static CommandLine create(PrintWriter out, PrintWriter err, boolean debug, String[] args) {
    CommandSpec root = new EphemeryCommand().declare();
    String requested = args.length > 0 ? args[0] : "";
    DeclaredCommand only =
        "completion".equals(requested) ? null : EphemeryCommand.create(requested);
    if (only != null) {
      root.addSubcommand(requested, only.declare());
    } else {
      for (String name : EphemeryCommand.COMMANDS) {
        root.addSubcommand(name, EphemeryCommand.create(name).declare());
      }
    }
    CommandLine commandLine = new CommandLine(root);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(
        (exception, failed, parseResult) -> reportFailure(exception, err, debug));
    commandLine.setParameterExceptionHandler(
        (exception, unmatched) -> {
          err.println("error: " + exception.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
          CommandLine failed = exception.getCommandLine();
          err.println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
          return ExitCode.BAD_INPUT.code();
        });
    return commandLine;
  }

  static int reportFailure(Exception exception, PrintWriter err, boolean debug) {
    if (exception instanceof EphemeryException known) {
      for (Problem problem : known.problems()) {
        err.println("error: " + problem.describe());
      }
      if (debug && known.getCause() != null) {
        known.getCause().printStackTrace(err);
      }
      return known.exitCode().code();
    }
    String message = exception.getMessage() == null ? "" : ": " + exception.getMessage();
    err.println("error: unexpected " + exception.getClass().getSimpleName() + message);
    if (debug) {
      exception.printStackTrace(err);
    } else {
      err.println("(run again with --debug for the stack trace)");
    }
    return ExitCode.OPERATIONAL_FAILURE.code();
  }
}
