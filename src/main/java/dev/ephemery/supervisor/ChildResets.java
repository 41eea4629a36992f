package dev.ephemery.supervisor;

import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.ResetJournal;
import dev.ephemery.ops.ResetLock;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a begun reset in a child process ({@code ephemery reset --host NAME}, which resumes the
 * host's unfinished journal under the host's reset lock), then reads the journal back.
 *
 * <p>Why a child: a reset loads docker-java, its HTTP transport and JSON bindings, the release
 * extraction and the Engine API check, tens of MiB of classes a JVM never unloads. The supervisor
 * is resident for months and resets once in 28 days; in a child that memory is the system's again
 * when the reset ends, and a reset that fails hard cannot take the container watch down with it.
 * Nothing is lost by a child killed at any point: the journal is written before each side effect
 * and every step is idempotent, so the next run resumes it.
 */
public final class ChildResets implements Supervisor.Resets {

  private static final Logger LOG = LoggerFactory.getLogger(ChildResets.class);

  /** Far beyond a reset's own retry budget: only a wedged child meets it. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(6);

  private final List<String> command;
  private final JournalStore journals;
  private final Clock clock;
  private final Duration timeout;

  public ChildResets(List<String> command, JournalStore journals, Clock clock, Duration timeout) {
    this.command = List.copyOf(command);
    this.journals = journals;
    this.clock = clock;
    this.timeout = timeout;
  }

  @Override
  public Optional<ResetJournal> run(ResetJournal journal) {
    // The lock belongs to one process: look whether it is free, then let the child take it.
    if (lockTaken()) {
      return Optional.empty();
    }
    int exit =
        ChildProcess.run(
            command,
            ProcessBuilder.Redirect.INHERIT,
            timeout,
            "the reset (it resumes from its journal)");
    if (Thread.currentThread().isInterrupted()) {
      // Stopping: the journal stays as the child left it, to resume at the next start.
      return Optional.of(journal);
    }
    Optional<ResetJournal> after =
        journals.all().stream().filter(j -> j.id().equals(journal.id())).findFirst();
    boolean unchanged = after.map(journal::equals).orElse(true);
    if (exit != 0 && unchanged && lockTaken()) {
      // Taken between the look and the child's start: the other reset finishes the journal.
      return Optional.empty();
    }
    if (exit != 0) {
      LOG.warn("reset {} ended with exit code {}", journal.id(), exit);
    }
    return Optional.of(after.orElse(journal));
  }

  /** Whether another process holds the host's reset lock now (a free one is let go at once). */
  private boolean lockTaken() {
    Optional<ResetLock> lock = journals.tryLock("ephemery run", clock.instant());
    lock.ifPresent(ResetLock::close);
    return lock.isEmpty();
  }
}
