package dev.ephemery.testkit;

import dev.ephemery.testkit.TestServices.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code promtool} (Debian's prometheus package) on generated Prometheus files, so
 * the monitoring files the tool writes are checked by Prometheus' own parser, not by our idea of
 * it.
 */
public final class Promtool {

  /** Exit code and combined stdout+stderr; promtool exits 0 when every file is valid. */
  public record Result(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  private static final long TIMEOUT_SECONDS = 60;

  private final Path executable;

  public Promtool(Path executable) {
    this.executable = executable;
  }

  /** The promtool of {@code EPHEMERY_IT_PROMTOOL}; aborts/fails when absent. */
  public static Promtool fromEnvironment() {
    return new Promtool(TestServices.requirePath(Service.PROMTOOL));
  }

  /** {@code promtool check config FILE}: also checks rule files the config references. */
  public Result checkConfig(Path prometheusYml) {
    return run("check", "config", prometheusYml.toString());
  }

  /** {@code promtool check rules FILE...}. */
  public Result checkRules(Path... ruleFiles) {
    List<String> args = new ArrayList<>(List.of("check", "rules"));
    for (Path f : ruleFiles) {
      args.add(f.toString());
    }
    return run(args.toArray(String[]::new));
  }

  public Result run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      // promtool's output is small; reading it fully before waitFor cannot deadlock
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("promtool did not finish in " + TIMEOUT_SECONDS + "s");
      }
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running promtool", e);
    }
  }
}
