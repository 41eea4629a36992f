package dev.ephemery.common;

import java.util.List;

/** Bad input or usage (exit 2): nothing was changed. */
public final class InvalidInputException extends EphemeryException {

  public InvalidInputException(List<Problem> problems) {
    super(ExitCode.BAD_INPUT, problems, null);
  }

  public InvalidInputException(Problem problem) {
    this(List.of(problem));
  }

  public static InvalidInputException of(String where, String message, String hint) {
    return new InvalidInputException(Problem.at(where, 0, message, hint));
  }
}
