package dev.ephemery.release;

import static dev.ephemery.testing.LoopbackServer.bytes;
import static dev.ephemery.testing.LoopbackServer.json;
import static dev.ephemery.testing.LoopbackServer.silent;
import static dev.ephemery.testing.LoopbackServer.stall;
import static dev.ephemery.testing.LoopbackServer.status;
import static dev.ephemery.testing.LoopbackServer.truncated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.common.OperationalException;
import dev.ephemery.testing.LoopbackServer;
import dev.ephemery.testing.ReleaseFixtures;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sources against a loopback stand-in of the GitHub API, the asset host and ephemery.dev. */
class ReleaseSourcesTest {

  static final String API_LATEST = "/repos/ephemery-testnet/ephemery-genesis/releases/latest";
  static final String ASSET_153 =
      "/ephemery-testnet/ephemery-genesis/releases/download/ephemery-153/testnet-all.tar.gz";
  static final String ASSET_LATEST =
      "/ephemery-testnet/ephemery-genesis/releases/latest/download/testnet-all.tar.gz";
  static final Downloader.Settings FAST =
      new Downloader.Settings(
          3, Duration.ofMillis(20), Duration.ofSeconds(1), Duration.ofMillis(500), 64L << 20);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-21T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path temp;
  LoopbackServer server;
  HttpClient client;
  Downloader downloader;
  byte[] tarball;

  @BeforeEach
  void start() throws Exception {
    server = new LoopbackServer();
    client = Downloader.defaultClient(Duration.ofSeconds(2));
    downloader = new Downloader(client, FAST, null);
    tarball = ReleaseFixtures.tarGzBytes(ReleaseFixtures.release153());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  String releaseJson(String tag, String assetPath) {
    return "{\"tag_name\":\""
        + tag
        + "\",\"assets\":[{\"name\":\"testnet-all.tar.gz\",\"browser_download_url\":\""
        + server.uri(assetPath)
        + "\"}]}";
  }

  GitHubReleases api(EtagStore etags, Optional<String> token) {
    return new GitHubReleases(
        client, server.base(), ReleaseSources.REPOSITORY, token, etags, CLOCK, FAST);
  }

  @Test
  void aConditionalRequestAnswered304ReusesTheCachedRelease() throws Exception {
    server.on(
        API_LATEST,
        json(releaseJson("ephemery-153", ASSET_153), Map.of("ETag", "\"v153\"")),
        status(304, Map.of("x-ratelimit-remaining", "59")));
    GitHubReleases api = api(EtagStore.inMemory(), Optional.empty());

    GitHubReleases.ReleaseInfo first = api.latest();
    GitHubReleases.ReleaseInfo second = api.latest();

    assertThat(first.tag()).isEqualTo("ephemery-153");
    assertThat(first.fromCache()).isFalse();
    assertThat(second.tag()).isEqualTo("ephemery-153");
    assertThat(second.fromCache()).isTrue();
    assertThat(second.assetUrl()).isEqualTo(server.uri(ASSET_153));
    assertThat(server.requests().get(0).header("If-None-Match")).isNull();
    assertThat(server.requests().get(1).header("If-None-Match")).isEqualTo("\"v153\"");
    assertThat(api.countedRequests()).as("GitHub does not count 304s").isEqualTo(1);
  }

  @Test
  void theEtagSurvivesARestartThroughItsFile() throws Exception {
    Path file = temp.resolve("etags.json");
    server.on(
        API_LATEST,
        json(releaseJson("ephemery-153", ASSET_153), Map.of("ETag", "\"v153\"")),
        status(304));
    api(EtagStore.at(file), Optional.empty()).latest();

    GitHubReleases.ReleaseInfo again = api(EtagStore.at(file), Optional.empty()).latest();

    assertThat(again.fromCache()).isTrue();
    assertThat(server.requests().get(1).header("If-None-Match")).isEqualTo("\"v153\"");
  }

  @Test
  void aRateLimit403SaysWhenItLiftsAndIsNotRetried() {
    server.on(
        API_LATEST,
        status(
            403,
            Map.of(
                "x-ratelimit-limit", "60",
                "x-ratelimit-remaining", "0",
                "x-ratelimit-reset", "1763688000")));
    GitHubReleases api = api(EtagStore.inMemory(), Optional.empty());

    assertThatThrownBy(api::latest)
        .isInstanceOfSatisfying(
            SourceException.RateLimited.class,
            e -> {
              assertThat(e.retryAfter()).contains(Instant.ofEpochSecond(1_763_688_000L));
              assertThat(e.getMessage()).contains("rate limit");
            });
    assertThat(server.count(API_LATEST)).isEqualTo(1);
    assertThat(api.rateLimit()).get().extracting(GitHubReleases.RateLimit::remaining).isEqualTo(0L);
  }

  @Test
  void doesNotAskAgainBeforeTheRateLimitLifts() {
    server.on(
        API_LATEST,
        status(403, Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", "1763688000")));
    GitHubReleases api = api(EtagStore.inMemory(), Optional.empty()); // clock: before the reset

    assertThatThrownBy(api::latest).isInstanceOf(SourceException.RateLimited.class);
    assertThatThrownBy(api::latest).isInstanceOf(SourceException.RateLimited.class);

    assertThat(server.count(API_LATEST)).isEqualTo(1);
  }

  @Test
  void drawsProgressWhenGivenATerminal() throws Exception {
    server.on(ASSET_153, bytes(tarball));
    var drawn = new java.io.ByteArrayOutputStream();
    Downloader withBar =
        new Downloader(client, FAST, new java.io.PrintStream(drawn, true, "UTF-8"));

    withBar.download(server.uri(ASSET_153), temp.resolve("t.tar.gz"), Map.of());

    assertThat(drawn.toString("UTF-8")).contains("100%").contains("MiB").endsWith("\n");
  }

  @Test
  void sendsTheTokenWhenOneIsGiven() throws Exception {
    server.on(API_LATEST, json(releaseJson("ephemery-153", ASSET_153), Map.of()));
    api(EtagStore.inMemory(), Optional.of("ghp_secret")).latest();
    assertThat(server.requests().get(0).header("Authorization")).isEqualTo("Bearer ghp_secret");
  }

  @Test
  void retriesA5xxThenSucceeds() throws Exception {
    server.on(ASSET_153, status(503), status(502), bytes(tarball));

    Downloader.Download download =
        downloader.download(server.uri(ASSET_153), temp.resolve("t.tar.gz"), Map.of());

    assertThat(server.count(ASSET_153)).isEqualTo(3);
    assertThat(download.sha256()).isEqualTo(sha256(tarball));
    assertThat(Files.readAllBytes(download.file())).isEqualTo(tarball);
  }

  @Test
  void retriesATruncatedBody() throws Exception {
    server.on(ASSET_153, truncated(tarball), bytes(tarball));

    Downloader.Download download =
        downloader.download(server.uri(ASSET_153), temp.resolve("t.tar.gz"), Map.of());

    assertThat(server.count(ASSET_153)).isEqualTo(2);
    assertThat(download.bytes()).isEqualTo(tarball.length);
    assertThat(download.sha256()).isEqualTo(sha256(tarball));
  }

  @Test
  void retriesABodyThatStalls() throws Exception {
    server.on(ASSET_153, stall(tarball, 3_000), bytes(tarball));
    long start = System.nanoTime();

    Downloader.Download download =
        downloader.download(server.uri(ASSET_153), temp.resolve("t.tar.gz"), Map.of());

    assertThat(download.sha256()).isEqualTo(sha256(tarball));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
  }

  @Test
  void retriesWhenNoAnswerComesInTime() throws Exception {
    server.on(ASSET_153, silent(3_000), bytes(tarball));

    Downloader.Download download =
        downloader.download(server.uri(ASSET_153), temp.resolve("t.tar.gz"), Map.of());

    assertThat(download.sha256()).isEqualTo(sha256(tarball));
    assertThat(server.count(ASSET_153)).isEqualTo(2);
  }

  @Test
  void givesUpAfterTheBoundedNumberOfAttempts() {
    server.on(ASSET_153, status(503));
    assertThatThrownBy(
            () -> downloader.download(server.uri(ASSET_153), temp.resolve("t.tar.gz"), Map.of()))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("HTTP 503");
    assertThat(server.count(ASSET_153)).isEqualTo(FAST.attempts());
    assertThat(temp.resolve("t.tar.gz")).doesNotExist();
  }

  @Test
  void doesNotRetryANotFound() {
    assertThatThrownBy(
            () -> downloader.download(server.uri(ASSET_153), temp.resolve("t.tar.gz"), Map.of()))
        .hasMessageContaining("HTTP 404");
    assertThat(server.count(ASSET_153)).isEqualTo(1);
  }

  @Test
  void refusesABodyOverTheLimit() {
    Downloader small =
        new Downloader(
            client,
            new Downloader.Settings(
                3, Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofSeconds(1), 1000),
            null);
    server.on(ASSET_153, bytes(tarball));
    assertThatThrownBy(
            () -> small.download(server.uri(ASSET_153), temp.resolve("t.tar.gz"), Map.of()))
        .hasMessageContaining("limit");
    assertThat(server.count(ASSET_153)).isEqualTo(1);
  }

  @Test
  void fallsBackToTheAssetUrlWhenTheApiIsRateLimited() throws Exception {
    server.on(
        API_LATEST,
        status(403, Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", "1763688000")));
    server.on(ASSET_LATEST, bytes(tarball));

    InstalledRelease installed = fetcher().fetch(Optional.empty());

    assertThat(installed.release().iteration().number()).isEqualTo(153);
    assertThat(installed.origin()).isEqualTo(server.uri(ASSET_LATEST).toString());
    assertThat(installed.folder()).isEqualTo(temp.resolve("cache/ephemery-153"));
    assertThat(installed.sha256()).isEqualTo(sha256(tarball));
  }

  @Test
  void fallsBackWhenASourceGivesAnInconsistentRelease() {
    byte[] inconsistent =
        ReleaseFixtures.tarGzBytes(
            ReleaseFixtures.release153()
                .with("genesis_validators_root.txt", "0x" + "ab".repeat(32)));
    String badAsset = "/bad/testnet-all.tar.gz";
    server.on(API_LATEST, json(releaseJson("ephemery-153", badAsset), Map.of()));
    server.on(badAsset, bytes(inconsistent));
    server.on(ASSET_LATEST, bytes(tarball));

    InstalledRelease installed = fetcher().fetch(Optional.empty());

    assertThat(installed.origin()).endsWith(ASSET_LATEST);
    assertThat(server.count(badAsset)).isEqualTo(1);
  }

  @Test
  void fallsBackToTheEphemeryDevCopyFileByFile() throws Exception {
    server.on(API_LATEST, status(500));
    var files = ReleaseFixtures.release153();
    for (String name : files.names()) {
      server.on("/latest/" + name, bytes(files.bytes(name).orElseThrow()));
    }

    InstalledRelease installed = fetcher().fetch(Optional.empty());

    assertThat(installed.release().iteration().number()).isEqualTo(153);
    assertThat(installed.origin()).isEqualTo(server.base() + "/latest/");
    assertThat(server.count(API_LATEST)).isEqualTo(FAST.attempts());
    assertThat(server.count(ASSET_LATEST)).isEqualTo(1);
    assertThat(installed.folder().resolve("deposit_contract_block_hash.txt")).exists();
  }

  @Test
  void asksForTheGivenTagAndChecksTheFilesAreThatTag() {
    String apiTag = "/repos/ephemery-testnet/ephemery-genesis/releases/tags/ephemery-154";
    String asset154 =
        "/ephemery-testnet/ephemery-genesis/releases/download/ephemery-154/testnet-all.tar.gz";
    server.on(apiTag, json(releaseJson("ephemery-154", asset154), Map.of()));
    server.on(asset154, bytes(tarball)); // the 153 files published under the 154 tag

    assertThatThrownBy(() -> fetcher().fetch(Optional.of("ephemery-154")))
        .isInstanceOf(OperationalException.class)
        .hasMessageContaining("release-tag-mismatch");
    assertThat(temp.resolve("cache/ephemery-153")).doesNotExist();
  }

  @Test
  void reportsEverySourceWhenAllFail() throws Exception {
    server.on(API_LATEST, status(500));

    assertThatThrownBy(() -> fetcher().fetch(Optional.empty()))
        .isInstanceOfSatisfying(
            OperationalException.class,
            e ->
                assertThat(e.problems())
                    .extracting(p -> p.where())
                    .containsExactly("github-api", "asset-url", "ephemery.dev"));
    try (var left = Files.list(temp.resolve("cache"))) {
      assertThat(left.filter(p -> !p.getFileName().toString().startsWith(".github")).toList())
          .isEmpty();
    }
  }

  private ReleaseFetcher fetcher() {
    GitHubReleases api = api(EtagStore.inMemory(), Optional.empty());
    List<ReleaseSource> sources =
        List.of(
            ReleaseSources.gitHubApi(api, downloader),
            ReleaseSources.assetUrl(server.base(), ReleaseSources.REPOSITORY, downloader),
            ReleaseSources.ephemeryDev(server.base(), downloader));
    return new ReleaseFetcher(sources, new ReleaseCache(temp.resolve("cache")));
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
