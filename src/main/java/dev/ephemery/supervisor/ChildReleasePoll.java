package dev.ephemery.supervisor;

import dev.ephemery.network.Release;
import dev.ephemery.release.ReleaseCache;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor's release poll, run in a short-lived child process ({@code ephemery run
 * --poll-once}, which is {@link ReleaseWatcher#poll}), then answered from the cache.
 *
 * <p>Why a child: the poll needs an HTTP client, TLS with the system trust store and JSON binding
 * for the GitHub API, about 25 MiB of classes and tables that a JVM never gives back once loaded.
 * The resident supervisor polls at most once a minute and otherwise sleeps; in a child that memory
 * is the system's again a second later. The child writes only into the release cache, whose
 * installs are atomic renames, so a child killed at any point leaves nothing half done.
 */
public final class ChildReleasePoll implements Supervisor.Releases {

  private static final Logger LOG = LoggerFactory.getLogger(ChildReleasePoll.class);

  /** Long enough for a release download with its retries; a wedged child is killed after it. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  private final List<String> command;
  private final ReleaseCache cache;
  private final Duration timeout;

  /**
   * @param command the child's command line; its exit code is 0 when the source answered
   */
  public ChildReleasePoll(List<String> command, ReleaseCache cache, Duration timeout) {
    this.command = List.copyOf(command);
    this.cache = cache;
    this.timeout = timeout;
  }

  @Override
  public Optional<Release> latestVerified() {
    poll();
    return ReleaseWatcher.newestInCache(cache);
  }

  /**
   * Runs the child to its end.
   *
   * @return its exit code, or -1 when it could not start or was killed after the timeout
   */
  int poll() {
    // What the child prints for a person is dropped; its warnings join the supervisor's log.
    int exit =
        ChildProcess.run(
            command,
            ProcessBuilder.Redirect.DISCARD,
            timeout,
            "the release poll (the cache answers)");
    if (exit != 0 && exit != ChildProcess.NO_EXIT) {
      // The child said why on the shared log; this line says what the supervisor does about it.
      LOG.warn("release poll ended with exit code {}, using the cache", exit);
    }
    return exit;
  }
}
