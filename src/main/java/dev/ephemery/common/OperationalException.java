package dev.ephemery.common;

import java.util.List;

/** The input was fine but something outside failed: a host, a daemon, a download (exit 1). */
public final class OperationalException extends EphemeryException {

  public OperationalException(List<Problem> problems, Throwable cause) {
    super(ExitCode.OPERATIONAL_FAILURE, problems, cause);
  }

  public OperationalException(String where, String message, String hint, Throwable cause) {
    this(List.of(Problem.at(where, 0, message, hint)), cause);
  }

  public OperationalException(String where, String message, String hint) {
    this(where, message, hint, null);
  }
}
