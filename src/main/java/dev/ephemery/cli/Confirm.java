package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Asks before destructive steps; without a terminal the caller must pass --yes. */
final class Confirm {
  private Confirm() {}

  @SuppressWarnings("SystemConsoleNull") // see the comment at console() below
  static void ask(PrintWriter err, String question, boolean yes) {
    if (yes) {
      return;
    }
    // On Java 17, which the tool targets, console() is null when no terminal is attached; JDK 22
    // returns a console regardless, and Console.isTerminal() that tells them apart is newer than
    // 17.
    if (System.console() == null) {
      throw InvalidInputException.of(
          "--yes", question + " needs confirmation and there is no terminal", "pass --yes");
    }
    err.print(question + " [y/N] ");
    err.flush();
    try {
      String answer =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (answer != null
          && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"))) {
        return;
      }
    } catch (IOException e) {
      // treated as no
    }
    throw InvalidInputException.of("", "not confirmed: nothing was changed", "");
  }
}
