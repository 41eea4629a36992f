package dev.ephemery.cli;

import dev.ephemery.common.EphemeryException;
import dev.ephemery.common.ExitCode;
import dev.ephemery.common.Problem;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Builds the picocli command line with the tool's error conventions: one message per problem, no
 * traces.
 */
final class CommandLines {

  private static final String NO_CLOSURES = "picocli.disable.closures";
  private static final String NO_REFLECTED_CONVERTERS = "picocli.converters.excludes";

  private CommandLines() {}

  static CommandLine create(PrintWriter out, PrintWriter err, boolean debug) {
    return create(out, err, debug, new String[0]);
  }

  /**
   * Builds the root with only the subcommand {@code args} names, so a run declares one command's
   * model. Help, a completion script, or an unknown name get them all.
   */
  static CommandLine create(PrintWriter out, PrintWriter err, boolean debug, String[] args) {
    // Unless told not to, picocli looks for Groovy's Closure class at its first command line: the
    // failed lookup opens and indexes the whole jar (18,000 entries, about 10 ms of each start),
    // where a start with the launcher's archive otherwise never opens it.
    if (System.getProperty(NO_CLOSURES) == null) {
      System.setProperty(NO_CLOSURES, "true");
    }
    // picocli registers a converter for each java.sql and java.time type and for Path by reflection
    // (about 30 class look-ups and method searches, several ms of each start); the options here
    // take none of them but Path, whose converter is registered below the same way picocli's does.
    if (System.getProperty(NO_REFLECTED_CONVERTERS) == null) {
      System.setProperty(NO_REFLECTED_CONVERTERS, ".*");
    }
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
    commandLine.registerConverter(Path.class, CommandLines::path);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionStrategy(CommandLines::refuseUnknownThenRun);
    commandLine.setExecutionExceptionHandler(
        (exception, failed, parseResult) -> reportFailure(exception, err, debug));
    commandLine.setParameterExceptionHandler(
        (exception, unmatched) -> {
          CommandLine failed = exception.getCommandLine();
          err.println("error: " + describe(exception, failed));
          CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
          err.println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
          return ExitCode.BAD_INPUT.code();
        });
    return commandLine;
  }

  /** picocli's own Path conversion ({@code Paths.get(value)}), with its message on failure. */
  private static Path path(String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new CommandLine.TypeConversionException(
          String.format("cannot convert '%s' to %s (%s)", value, Path.class, e));
    }
  }

  /**
   * "unknown command 'doctor'" where a command name was expected (the command has subcommands and
   * the first unmatched word is not an option), picocli's own message otherwise.
   */
  private static String describe(CommandLine.ParameterException exception, CommandLine failed) {
    if (exception instanceof CommandLine.UnmatchedArgumentException unmatched
        && !failed.getSubcommands().isEmpty()
        && !unmatched.getUnmatched().isEmpty()
        && !unmatched.getUnmatched().get(0).startsWith("-")) {
      return "unknown command '"
          + unmatched.getUnmatched().get(0)
          + "' for '"
          + failed.getCommandSpec().qualifiedName()
          + "'";
    }
    return exception.getMessage();
  }

  /**
   * picocli prints the nearest known command's help and exits 0 when {@code --help} follows an
   * unknown name ({@code ephemery doctor --help}), so a script could not tell a missing command
   * from a present one. Unmatched words are refused first, as they are without {@code --help}.
   */
  private static int refuseUnknownThenRun(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult level = parseResult; level != null; level = level.subcommand()) {
      if (!level.unmatched().isEmpty()) {
        throw new CommandLine.UnmatchedArgumentException(
            level.commandSpec().commandLine(), level.unmatched());
      }
    }
    return new CommandLine.RunLast().execute(parseResult);
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
