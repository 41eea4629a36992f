package dev.ephemery.common;

import java.util.List;

/**
 * An error the user can act on. It carries every problem found, so one run reports all of them, and
 * the exit code the CLI returns for it.
 */
public class EphemeryException extends RuntimeException {

  private final transient List<Problem> problems;
  private final ExitCode exitCode;

  protected EphemeryException(ExitCode exitCode, List<Problem> problems, Throwable cause) {
    super(summary(problems), cause);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an EphemeryException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
    this.exitCode = exitCode;
  }

  public List<Problem> problems() {
    return problems;
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  private static String summary(List<Problem> problems) {
    if (problems.isEmpty()) {
      return "";
    }
    return problems.size() == 1
        ? problems.get(0).describe()
        : problems.size() + " problems, first: " + problems.get(0).describe();
  }
}
