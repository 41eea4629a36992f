package dev.ephemery.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Entry point: runs one command and exits with its code (0 ok, 1 operational failure, 2 bad input).
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    int code =
        run(
            args,
            new PrintWriter(System.out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8));
    System.exit(code);
  }

  /** Runs the command line with the given streams; tests call this in-process. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    try {
      if (isVersionOnly(args)) {
        // Answered without building the command model: scripts call this often and expect it
        // instant.
        out.println(Version.line());
        return 0;
      }
      boolean debug = hasDebugFlag(args);
      if (debug) {
        LogConfigurator.enableDebug();
      }
      return CommandLines.create(out, err, debug, args).execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static boolean isVersionOnly(String[] args) {
    return args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]));
  }

  private static boolean hasDebugFlag(String[] args) {
    for (String arg : args) {
      if ("--debug".equals(arg)) {
        return true;
      }
      if ("--".equals(arg)) {
        return false;
      }
    }
    return false;
  }
}
