package dev.ephemery.supervisor;

import dev.ephemery.network.Release;
import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.ResetJournal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * A supervisor for tests of what it serves (metrics, status page): its node runs iteration 153, and
 * any reset it would begin or run fails the test.
 */
final class IdleSupervisor {

  private IdleSupervisor() {}

  static Supervisor of(Clock clock, Supervisor.Releases releases, Path journals) {
    return new Supervisor(
        clock,
        releases,
        new Supervisor.Node() {
          @Override
          public Optional<Integer> installedIteration() {
            return Optional.of(153);
          }

          @Override
          public ResetJournal begin(Release release, boolean forced) {
            throw new IllegalStateException("no reset in this test");
          }
        },
        new JournalStore(journals),
        (k, m) -> {},
        Supervisor.Settings.DEFAULT,
        journal -> {
          throw new IllegalStateException("no reset in this test");
        });
  }
}
