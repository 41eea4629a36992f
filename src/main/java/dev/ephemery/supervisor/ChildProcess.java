package dev.ephemery.supervisor;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one of the supervisor's child processes (a poll, a reset) to its end. */
final class ChildProcess {

  private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);

  /** What {@link #run} returns when the child did not end by itself. */
  static final int NO_EXIT = -1;

  private ChildProcess() {}

  /**
   * @param stdout where the child's standard output goes; its errors join the supervisor's log
   * @param what the child and what follows when it does not end, for the warnings
   * @return the exit code, or {@link #NO_EXIT} when it could not start, ran past {@code timeout}
   *     (then it is killed) or the waiting thread was interrupted (then it is stopped, and the
   *     thread's interrupt is kept)
   */
  static int run(
      List<String> command, ProcessBuilder.Redirect stdout, Duration timeout, String what) {
    Process child;
    try {
      child =
          new ProcessBuilder(command)
              .redirectOutput(stdout)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
    } catch (IOException e) {
      LOG.warn("cannot start {}: {}", what, e.getMessage());
      return NO_EXIT;
    }
    try {
      if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        child.destroyForcibly();
        LOG.warn("{} did not end within {} ms: killed", what, timeout.toMillis());
        return NO_EXIT;
      }
      return child.exitValue();
    } catch (InterruptedException e) {
      // The supervisor stops: so does its child.
      child.destroy();
      Thread.currentThread().interrupt();
      return NO_EXIT;
    }
  }
}
