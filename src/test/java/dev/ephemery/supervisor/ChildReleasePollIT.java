package dev.ephemery.supervisor;

import static dev.ephemery.testing.LoopbackServer.bytes;
import static dev.ephemery.testing.LoopbackServer.json;
import static dev.ephemery.testing.LoopbackServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.network.Release;
import dev.ephemery.release.ReleaseCache;
import dev.ephemery.testing.LoopbackServer;
import dev.ephemery.testing.ReleaseFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor's poll as it runs in production: {@code ephemery run --poll-once} in a child JVM
 * against a loopback stand-in of the GitHub API, then the answer read from the shared cache.
 */
class ChildReleasePollIT {

  static final String API_LATEST = ReleaseWatcherTest.API_LATEST;
  static final String ASSET = ReleaseWatcherTest.ASSET;

  @TempDir Path temp;

  List<String> child(LoopbackServer server, Path cache) {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "env",
            "-u",
            "GITHUB_TOKEN",
            "EPHEMERY_GITHUB_API=" + server.base(),
            "EPHEMERY_RELEASE_CACHE=" + cache));
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.ephemery.cli.Main",
            "run",
            "--poll-once"));
    return command;
  }

  @Test
  void aChildFetchesTheNewReleaseOnceAndLaterChildrenReuseItsEtag() throws Exception {
    try (LoopbackServer server = new LoopbackServer()) {
      String release =
          "{\"tag_name\":\"ephemery-153\",\"assets\":[{\"name\":\"testnet-all.tar.gz\","
              + "\"browser_download_url\":\""
              + server.uri(ASSET)
              + "\"}]}";
      server.on(API_LATEST, json(release, Map.of("ETag", "\"v153\"")), status(304), status(500));
      server.on(ASSET, bytes(ReleaseFixtures.tarGzBytes(ReleaseFixtures.release153())));
      ReleaseCache cache = new ReleaseCache(temp.resolve("cache"));
      ChildReleasePoll poll =
          new ChildReleasePoll(child(server, cache.root()), cache, Duration.ofSeconds(120));

      assertThat(poll.poll()).as("the first child fetched and verified").isZero();
      Optional<Release> first = poll.latestVerified(); // second child: 304
      int failing = poll.poll(); // third child: the API answers 500

      assertThat(first).map(r -> r.iteration().number()).contains(153);
      assertThat(server.count(ASSET)).as("downloaded once, by the first child").isEqualTo(1);
      List<LoopbackServer.Seen> api =
          server.requests().stream().filter(r -> r.path().equals(API_LATEST)).toList();
      assertThat(api.get(0).header("If-None-Match")).isNull();
      assertThat(api.get(1).header("If-None-Match"))
          .as("the ETag the first child stored is sent by the second")
          .isEqualTo("\"v153\"");
      assertThat(failing).as("a source that fails is exit code 1").isEqualTo(1);
      assertThat(poll.latestVerified().map(r -> r.iteration().number()))
          .as("and the cache still answers")
          .contains(153);
    }
  }
}
