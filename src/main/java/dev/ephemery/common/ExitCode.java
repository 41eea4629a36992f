package dev.ephemery.common;

/** The exit codes every command shares: scripts rely on them. */
public enum ExitCode {
  OK(0),
  OPERATIONAL_FAILURE(1),
  BAD_INPUT(2);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
