package dev.ephemery.runtime.local;

import dev.ephemery.common.OperationalException;
import dev.ephemery.runtime.HostShell;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs shell commands on this machine, for a {@code local} host: the same script and commands
 * {@code hosts prepare} sends over SSH to a server, run by {@code sh -c} here.
 */
public final class LocalHostShell implements HostShell {

  private static final long COMMAND_TIMEOUT_MINUTES = 10;

  private final String name;

  public LocalHostShell(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Result run(String command, String stdin) {
    try {
      Process process = new ProcessBuilder(List.of("sh", "-c", command)).start();
      // Both outputs are read while the command runs, so neither pipe fills and blocks it.
      CompletableFuture<byte[]> out = read(process.getInputStream());
      CompletableFuture<byte[]> err = read(process.getErrorStream());
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      if (!process.waitFor(COMMAND_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new OperationalException(
            name,
            "command did not finish within " + COMMAND_TIMEOUT_MINUTES + " minutes: " + command,
            "run it by hand to see where it waits");
      }
      return new Result(
          process.exitValue(),
          new String(out.join(), StandardCharsets.UTF_8),
          new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new OperationalException(name, "cannot run sh: " + e.getMessage(), "", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationalException(name, "interrupted", "", e);
    }
  }

  private static CompletableFuture<byte[]> read(java.io.InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return stream.readAllBytes();
          } catch (IOException e) {
            return new byte[0];
          }
        });
  }

  @Override
  public void close() {
    // nothing held between commands
  }
}
