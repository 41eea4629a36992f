package dev.ephemery.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.network.Release;
import dev.ephemery.release.ReleaseCache;
import dev.ephemery.testing.ReleaseFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child-process poll with real child processes (a shell stands in for the JVM child). */
class ChildReleasePollTest {

  @TempDir Path temp;

  /** A verified release installed into a cache of its own, for a child to copy in. */
  Path stagedRelease() throws Exception {
    ReleaseCache staging = new ReleaseCache(temp.resolve("staging"));
    Path tar =
        ReleaseFixtures.writeTarGz(ReleaseFixtures.releaseFor(153), temp.resolve("in/153.tar.gz"));
    return staging.install(tar, Optional.of("ephemery-153"), "test", "sha-153").folder();
  }

  @Test
  void answersWithWhatTheChildPutIntoTheCache() throws Exception {
    Path staged = stagedRelease();
    ReleaseCache cache = new ReleaseCache(temp.resolve("cache"));
    ChildReleasePoll poll =
        new ChildReleasePoll(
            List.of(
                "sh",
                "-c",
                "mkdir -p \"$1\" && cp -R \"$2\" \"$1/\"",
                "child",
                cache.root().toString(),
                staged.toString()),
            cache,
            Duration.ofSeconds(30));

    assertThat(poll.poll()).isZero();
    Optional<Release> latest = poll.latestVerified();

    assertThat(latest).map(r -> r.iteration().number()).contains(153);
  }

  @Test
  void aFailingChildLeavesTheCacheAnswer() throws Exception {
    Path staged = stagedRelease();
    ReleaseCache cache = new ReleaseCache(staged.getParent());
    ChildReleasePoll poll =
        new ChildReleasePoll(List.of("sh", "-c", "exit 3"), cache, Duration.ofSeconds(30));

    assertThat(poll.poll()).isEqualTo(3);
    assertThat(poll.latestVerified()).map(r -> r.iteration().number()).contains(153);
  }

  @Test
  void aWedgedChildIsKilledAtTheTimeout() throws Exception {
    ReleaseCache cache = new ReleaseCache(temp.resolve("cache"));
    Path pidFile = temp.resolve("pid");
    ChildReleasePoll poll =
        new ChildReleasePoll(
            List.of("sh", "-c", "echo $$ > \"$1\"; exec sleep 60", "child", pidFile.toString()),
            cache,
            Duration.ofMillis(500));

    long started = System.nanoTime();
    int exit = poll.poll();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(exit).isEqualTo(-1);
    assertThat(took).isLessThan(Duration.ofSeconds(10));
    long pid = Long.parseLong(java.nio.file.Files.readString(pidFile).strip());
    ProcessHandle.of(pid)
        .ifPresent(p -> p.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
        .as("killed")
        .isNotEqualTo(Optional.of(true));
    assertThat(poll.latestVerified()).isEmpty();
  }

  @Test
  void aChildThatCannotStartIsAFailedPollNotAnError() {
    ReleaseCache cache = new ReleaseCache(temp.resolve("cache"));
    ChildReleasePoll poll =
        new ChildReleasePoll(
            List.of(temp.resolve("no-such-program").toString()), cache, Duration.ofSeconds(5));

    assertThat(poll.poll()).isEqualTo(-1);
    assertThat(poll.latestVerified()).isEmpty();
  }
}
