package dev.ephemery.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.common.OperationalException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResetLockTest {

  static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  @TempDir Path base;

  @Test
  void aSecondResetInThisProcessIsRefusedUntilTheFirstReleases() {
    JournalStore journals = new JournalStore(base);
    try (ResetLock held = journals.lock("ephemery reset", NOW)) {
      assertThat(journals.tryLock("ephemery run", NOW)).isEmpty();
      assertThatThrownBy(() -> journals.lock("ephemery run", NOW))
          .isInstanceOf(OperationalException.class)
          .hasMessageContaining("another reset is in progress on this host")
          .hasMessageContaining("ephemery reset, pid " + ProcessHandle.current().pid());
    }
    try (ResetLock again = journals.lock("ephemery run", NOW)) {
      assertThat(journals.lockHolder()).startsWith("ephemery run, pid");
    }
  }

  @Test
  void anotherProcessHoldingTheLockBlocksUsAndItsDeathFreesIt() throws Exception {
    JournalStore journals = new JournalStore(base);
    Path folder = journals.dir().getParent();
    Process holder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                ResetLockHolder.class.getName(),
                folder.toString())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("held");

      assertThat(journals.tryLock("ephemery reset", NOW)).isEmpty();
      assertThat(journals.lockHolder()).contains("holder-process, pid " + holder.pid());
    } finally {
      holder.destroyForcibly();
      assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
    // A crashed holder leaves the file but not the lock.
    try (ResetLock mine = journals.tryLock("ephemery reset", NOW).orElseThrow()) {
      assertThat(mine).isNotNull();
    }
  }
}
