package dev.ephemery.testkit;

import dev.ephemery.testkit.TestServices.Service;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code docker-compose config} (Debian's docker-compose 1.29): validates a compose file the tool
 * generates against the compose schema without needing a daemon or images.
 */
public final class Compose {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Path executable;

  public Compose(Path executable) {
    this.executable = executable;
  }

  /** The docker-compose of {@code EPHEMERY_IT_COMPOSE}; aborts/fails when absent. */
  public static Compose fromEnvironment() {
    return new Compose(TestServices.requirePath(Service.COMPOSE));
  }

  /** {@code docker-compose -f FILE config -q}: exit 0 and no output when the file is valid. */
  public CommandResult validate(Path composeFile) {
    return CommandResult.run(
        TIMEOUT, List.of(executable.toString(), "-f", composeFile.toString(), "config", "-q"));
  }

  /** {@code docker-compose -f FILE config}: the normalized file, as compose understood it. */
  public CommandResult normalized(Path composeFile) {
    return CommandResult.run(
        TIMEOUT, List.of(executable.toString(), "-f", composeFile.toString(), "config"));
  }
}
