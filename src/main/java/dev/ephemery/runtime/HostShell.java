package dev.ephemery.runtime;

import dev.ephemery.common.OperationalException;

/**
 * A shell on the machine a host's node runs on: this machine for a {@code local} host, the server
 * over SSH for an {@code ssh://} one. {@code hosts prepare} reads the host's facts through it and,
 * with --apply, makes its changes.
 */
public interface HostShell extends AutoCloseable {

  /** What one command did. */
  record Result(int exit, String out, String err) {
    public boolean ok() {
      return exit == 0;
    }
  }

  /** The inventory host, for messages. */
  String name();

  /** Runs one command with {@code stdin} as its input and waits for it. */
  Result run(String command, String stdin);

  /** Runs one command (stdin empty) and waits for it. */
  default Result run(String command) {
    return run(command, "");
  }

  /** Runs the read-only facts script; its {@code key=value} lines about the host and baseDir. */
  default String facts(String baseDir) {
    Result result = run("sh -s -- " + quote(baseDir), HostFactsScript.TEXT);
    if (!result.ok()) {
      throw new OperationalException(
          name(),
          "the facts script failed (exit " + result.exit() + "): " + result.err().strip(),
          "check that the host has a POSIX shell (sh)");
    }
    return result.out();
  }

  @Override
  void close();

  /** One argument for the shell: single-quoted, its single quotes escaped. */
  static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
