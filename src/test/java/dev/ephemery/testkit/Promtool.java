package dev.ephemery.testkit;

import dev.ephemery.testkit.TestServices.Service;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the real {@code promtool} (Debian's prometheus package) on generated Prometheus files, so
 * the monitoring files the tool writes are checked by Prometheus' own parser, not by our idea of
 * it.
 */
public final class Promtool {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Path executable;

  public Promtool(Path executable) {
    this.executable = executable;
  }

  /** The promtool of {@code EPHEMERY_IT_PROMTOOL}; aborts/fails when absent. */
  public static Promtool fromEnvironment() {
    return new Promtool(TestServices.requirePath(Service.PROMTOOL));
  }

  /** {@code promtool check config FILE}: also checks rule files the config references. */
  public CommandResult checkConfig(Path prometheusYml) {
    return run("check", "config", prometheusYml.toString());
  }

  /** {@code promtool check rules FILE...}. */
  public CommandResult checkRules(Path... ruleFiles) {
    List<String> args = new ArrayList<>(List.of("check", "rules"));
    for (Path f : ruleFiles) {
      args.add(f.toString());
    }
    return run(args.toArray(String[]::new));
  }

  /** Exit code 0 when every file is valid; errors name the file and, for YAML, the line. */
  public CommandResult run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(List.of(args));
    return CommandResult.run(TIMEOUT, command);
  }
}
