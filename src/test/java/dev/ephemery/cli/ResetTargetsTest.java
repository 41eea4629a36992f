package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.common.OperationalException;
import dev.ephemery.ops.ResetJournal;
import dev.ephemery.release.InstalledRelease;
import dev.ephemery.release.ReleaseCache;
import dev.ephemery.testing.ReleaseFixtures;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResetTargetsTest {

  @TempDir Path temp;

  InstalledRelease install(ReleaseCache cache, int iteration) throws Exception {
    Path tar =
        ReleaseFixtures.writeTarGz(
            ReleaseFixtures.releaseFor(iteration), temp.resolve("in/" + iteration + ".tar.gz"));
    return cache.install(tar, Optional.of("ephemery-" + iteration), "test", "sha-" + iteration);
  }

  static Optional<ResetJournal> unfinishedTo(int iteration) {
    return Optional.of(
        ResetJournal.start(
            "node", 152, iteration, false, false, Instant.parse("2026-01-01T00:00:00Z")));
  }

  @Test
  void anUnfinishedResetGoesOnToItsOwnIterationWhenANewerReleaseHasArrived() throws Exception {
    ReleaseCache cache = new ReleaseCache(temp.resolve("cache"));
    InstalledRelease older = install(cache, 153);
    InstalledRelease newest = install(cache, 154);

    InstalledRelease target = ResetTargets.resumeTarget(unfinishedTo(153), newest, cache);

    assertThat(target.folder()).isEqualTo(older.folder());
    assertThat(target.release().iteration().number()).isEqualTo(153);
  }

  @Test
  void withoutAnUnfinishedResetOrWithOneToTheNewestTheNewestIsTheTarget() throws Exception {
    ReleaseCache cache = new ReleaseCache(temp.resolve("cache"));
    InstalledRelease newest = install(cache, 154);

    assertThat(ResetTargets.resumeTarget(Optional.empty(), newest, cache)).isSameAs(newest);
    assertThat(ResetTargets.resumeTarget(unfinishedTo(154), newest, cache)).isSameAs(newest);
  }

  @Test
  void anUnfinishedResetWhoseReleaseIsGoneSaysHowToFetchIt() throws Exception {
    ReleaseCache cache = new ReleaseCache(temp.resolve("cache"));
    InstalledRelease newest = install(cache, 154);

    assertThatThrownBy(() -> ResetTargets.resumeTarget(unfinishedTo(153), newest, cache))
        .isInstanceOf(OperationalException.class)
        .satisfies(
            e ->
                assertThat(((OperationalException) e).problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.message()).contains("iteration 153");
                          assertThat(p.hint()).contains("ephemery genesis fetch --iteration 153");
                        }));
  }
}
