package dev.ephemery.supervisor;

import static dev.ephemery.testing.LoopbackServer.bytes;
import static dev.ephemery.testing.LoopbackServer.json;
import static dev.ephemery.testing.LoopbackServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.network.Release;
import dev.ephemery.release.Downloader;
import dev.ephemery.release.EtagStore;
import dev.ephemery.release.GitHubReleases;
import dev.ephemery.release.ReleaseCache;
import dev.ephemery.release.ReleaseFetcher;
import dev.ephemery.release.ReleaseSources;
import dev.ephemery.testing.LoopbackServer;
import dev.ephemery.testing.ReleaseFixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor's release watcher against a loopback stand-in of the GitHub API. */
class ReleaseWatcherTest {

  static final String API_LATEST = "/repos/ephemery-testnet/ephemery-genesis/releases/latest";
  static final String ASSET =
      "/ephemery-testnet/ephemery-genesis/releases/download/ephemery-153/testnet-all.tar.gz";

  @Test
  void fetchesANewTagOnceThenAnswersFromTheCacheEvenWhenTheApiFails(@TempDir Path temp)
      throws Exception {
    try (LoopbackServer server = new LoopbackServer()) {
      String release =
          "{\"tag_name\":\"ephemery-153\",\"assets\":[{\"name\":\"testnet-all.tar.gz\","
              + "\"browser_download_url\":\""
              + server.uri(ASSET)
              + "\"}]}";
      server.on(
          API_LATEST,
          json(release, Map.of("ETag", "\"v153\"")),
          status(304),
          status(304),
          status(500));
      server.on(ASSET, bytes(ReleaseFixtures.tarGzBytes(ReleaseFixtures.release153())));
      Downloader.Settings fast =
          new Downloader.Settings(
              1, Duration.ofMillis(20), Duration.ofSeconds(1), Duration.ofSeconds(2), 64L << 20);
      var client = Downloader.defaultClient(Duration.ofSeconds(2));
      Downloader downloader = new Downloader(client, fast, null);
      GitHubReleases api =
          new GitHubReleases(
              client,
              server.base(),
              ReleaseSources.REPOSITORY,
              Optional.empty(),
              EtagStore.inMemory(),
              Clock.fixed(Instant.parse("2025-11-21T00:00:00Z"), ZoneOffset.UTC),
              fast);
      ReleaseCache cache = new ReleaseCache(temp.resolve("cache"));
      ReleaseWatcher watcher =
          new ReleaseWatcher(
              api,
              new ReleaseFetcher(List.of(ReleaseSources.gitHubApi(api, downloader)), cache),
              cache);

      long started = System.nanoTime();
      Optional<Release> first = watcher.latestVerified();
      Duration detection = Duration.ofNanos(System.nanoTime() - started);
      Optional<Release> second = watcher.latestVerified();
      Optional<Release> third = watcher.latestVerified();
      Optional<Release> apiDown = watcher.latestVerified();

      assertThat(first).map(r -> r.iteration().number()).contains(153);
      assertThat(second).isEqualTo(first);
      assertThat(third).isEqualTo(first);
      assertThat(apiDown).as("a failing API leaves the cache as it is").isEqualTo(first);
      assertThat(server.count(ASSET)).as("the asset is downloaded once").isEqualTo(1);
      assertThat(detection)
          .as("poll to verified release in the cache")
          .isLessThan(Duration.ofSeconds(10));
      System.out.println(
          "[bench] release seen at the loopback API to verified in cache: "
              + detection.toMillis()
              + " ms");
    }
  }
}
