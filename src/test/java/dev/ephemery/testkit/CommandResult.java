package dev.ephemery.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Exit code and combined stdout+stderr of an external test tool (promtool, docker-compose). */
public record CommandResult(int exitCode, String output) {

  public boolean ok() {
    return exitCode == 0;
  }

  /**
   * Runs {@code command} with no stdin, bounded by {@code timeout} so a hung tool fails the test
   * instead of the build. Meant for tools with short output (read fully before waiting).
   */
  public static CommandResult run(Duration timeout, List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      // read on a separate thread so a tool that floods its output cannot block the timeout
      byte[][] out = new byte[1][];
      Thread reader =
          new Thread(
              () -> {
                try {
                  out[0] = process.getInputStream().readAllBytes();
                } catch (IOException e) {
                  out[0] = ("(output unreadable: " + e + ")").getBytes(StandardCharsets.UTF_8);
                }
              },
              "command-output");
      reader.setDaemon(true);
      reader.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not finish within " + timeout);
      }
      reader.join(TimeUnit.SECONDS.toMillis(10));
      String text = out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8);
      return new CommandResult(process.exitValue(), text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }
}
