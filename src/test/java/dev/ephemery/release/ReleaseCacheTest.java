package dev.ephemery.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.network.Iteration;
import dev.ephemery.testing.ReleaseFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseCacheTest {

  @TempDir Path temp;

  Path tar(int iteration) throws IOException {
    return ReleaseFixtures.writeTarGz(
        ReleaseFixtures.releaseFor(iteration), temp.resolve("in/" + iteration + ".tar.gz"));
  }

  @Test
  void installsAVerifiedReleaseIntoItsIterationFolder() throws Exception {
    ReleaseCache cache = new ReleaseCache(temp.resolve("cache"));

    InstalledRelease installed =
        cache.install(tar(153), Optional.of("ephemery-153"), "test", "sha-153");

    assertThat(installed.folder()).isEqualTo(temp.resolve("cache/ephemery-153"));
    assertThat(installed.folder().resolve("genesis.ssz")).exists();
    assertThat(installed.release().chainId().value()).isEqualTo(39_438_153L);
    assertThat(cache.installedReleases())
        .singleElement()
        .satisfies(
            found -> {
              assertThat(found.sha256()).isEqualTo("sha-153");
              assertThat(found.origin()).isEqualTo("test");
            });
    assertThat(children(temp.resolve("cache")))
        .containsExactly(".lock", ".verified-ephemery-153.properties", "ephemery-153");
  }

  @Test
  void concurrentInstallsOfTheSameReleaseEndWithOneCompleteFolder() throws Exception {
    ReleaseCache cache = new ReleaseCache(temp.resolve("cache"));
    Path archive = tar(153);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<InstalledRelease>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(pool.submit(() -> cache.install(archive, Optional.empty(), "test", "same")));
      }
      for (var result : results) {
        assertThat(result.get().folder()).isEqualTo(temp.resolve("cache/ephemery-153"));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(children(temp.resolve("cache")))
        .containsExactly(".lock", ".verified-ephemery-153.properties", "ephemery-153");
    assertThat(cache.installedReleases()).hasSize(1);
  }

  @Test
  void anInvalidReleaseIsNeverInstalledAndLeavesNothing() throws Exception {
    ReleaseCache cache = new ReleaseCache(temp.resolve("cache"));
    Path bad =
        ReleaseFixtures.writeTarGz(
            ReleaseFixtures.release153().without("genesis.ssz"), temp.resolve("bad.tar.gz"));

    assertThatThrownBy(() -> cache.install(bad, Optional.empty(), "test", "x"))
        .isInstanceOfSatisfying(
            ReleaseRejectedException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly("missing-file: genesis.ssz: not in the release"));
    assertThat(children(temp.resolve("cache"))).isEmpty();
    assertThat(cache.latestInstalled()).isEmpty();
  }

  @Test
  void aHostileArchiveIsRefusedAndLeavesNothing() throws Exception {
    ReleaseCache cache = new ReleaseCache(temp.resolve("cache"));
    Path evil = dev.ephemery.cli.TestArchives.symlink(temp.resolve("evil.tar.gz"));

    assertThatThrownBy(() -> cache.install(evil, Optional.empty(), "test", "x"))
        .isInstanceOf(ReleaseRejectedException.class)
        .hasMessageContaining("symlink");
    assertThat(children(temp.resolve("cache"))).isEmpty();
  }

  @Test
  void installingTheSameReleaseAgainChangesNothing() throws Exception {
    ReleaseCache cache = new ReleaseCache(temp.resolve("cache"));
    Path archive = tar(153);
    InstalledRelease first = cache.install(archive, Optional.empty(), "test", "same");
    Path marker = Files.writeString(first.folder().resolve("marker"), "still here");

    InstalledRelease second = cache.install(archive, Optional.empty(), "test", "same");

    assertThat(second.folder()).isEqualTo(first.folder());
    assertThat(marker).exists();
  }

  @Test
  void keepsThePreviousIterationAndPrunesOlderOnes() throws Exception {
    ReleaseCache cache = new ReleaseCache(temp.resolve("cache"));
    cache.install(tar(152), Optional.empty(), "test", "a");
    cache.install(tar(153), Optional.empty(), "test", "b");
    assertThat(children(temp.resolve("cache")))
        .containsExactly(
            ".lock",
            ".verified-ephemery-152.properties",
            ".verified-ephemery-153.properties",
            "ephemery-152",
            "ephemery-153");

    cache.install(tar(154), Optional.empty(), "test", "c");

    assertThat(children(temp.resolve("cache")))
        .containsExactly(
            ".lock",
            ".verified-ephemery-153.properties",
            ".verified-ephemery-154.properties",
            "ephemery-153",
            "ephemery-154");
    assertThat(cache.latestInstalled())
        .get()
        .extracting(i -> i.release().iteration().number())
        .isEqualTo(154);

    List<Path> pruned = cache.pruneOlderThan(new Iteration(154));
    assertThat(pruned).containsExactly(temp.resolve("cache/ephemery-153"));
    assertThat(children(temp.resolve("cache")))
        .containsExactly(".lock", ".verified-ephemery-154.properties", "ephemery-154");
  }

  @Test
  void installsFromAFolderToo() throws Exception {
    Path folder = ReleaseFixtures.writeFolder(ReleaseFixtures.release153(), temp.resolve("src"));
    ReleaseCache cache = new ReleaseCache(temp.resolve("cache"));

    InstalledRelease installed = cache.install(folder, Optional.empty(), folder.toString(), "f");

    assertThat(installed.folder().resolve("config.yaml"))
        .hasSameTextualContentAs(folder.resolve("config.yaml"));
    assertThat(folder.resolve("config.yaml")).exists();
  }

  @Test
  void ignoresAFolderThatNoLongerVerifies() throws Exception {
    ReleaseCache cache = new ReleaseCache(temp.resolve("cache"));
    InstalledRelease installed = cache.install(tar(153), Optional.empty(), "test", "a");
    Files.delete(installed.folder().resolve("config.yaml"));

    assertThat(cache.installedReleases()).isEmpty();
  }

  @Test
  void defaultRootFollowsEnvironmentThenXdgThenHome() {
    assertThat(ReleaseCache.defaultRoot(Map.of("EPHEMERY_RELEASE_CACHE", "/srv/rel"), "/home/u"))
        .isEqualTo(Path.of("/srv/rel"));
    assertThat(ReleaseCache.defaultRoot(Map.of("XDG_CACHE_HOME", "/c"), "/home/u"))
        .isEqualTo(Path.of("/c/ephemery/releases"));
    assertThat(ReleaseCache.defaultRoot(Map.of(), "/home/u"))
        .isEqualTo(Path.of("/home/u/.cache/ephemery/releases"));
  }

  static List<String> children(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
