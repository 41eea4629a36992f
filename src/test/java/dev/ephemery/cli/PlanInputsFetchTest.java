package dev.ephemery.cli;

import static dev.ephemery.testing.LoopbackServer.bytes;
import static dev.ephemery.testing.LoopbackServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.common.OperationalException;
import dev.ephemery.release.ReleaseCache;
import dev.ephemery.testing.LoopbackServer;
import dev.ephemery.testing.ReleaseFixtures;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `up` does on a new machine: no release cached, so it fetches the latest published one. */
class PlanInputsFetchTest {

  static final String API_LATEST = "/repos/ephemery-testnet/ephemery-genesis/releases/latest";
  static final String ASSET_153 =
      "/ephemery-testnet/ephemery-genesis/releases/download/ephemery-153/testnet-all.tar.gz";

  @TempDir Path cache;
  LoopbackServer server;

  @BeforeEach
  void start() throws Exception {
    server = new LoopbackServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Map<String, String> env() {
    String base = server.base().toString();
    return Map.of(
        "EPHEMERY_GITHUB_API", base, "EPHEMERY_DOWNLOAD_BASE", base, "EPHEMERY_MIRROR", base);
  }

  @Test
  void fetchesAndInstallsTheLatestReleaseIntoAnEmptyCache() throws Exception {
    server.on(
        API_LATEST,
        json(
            "{\"tag_name\":\"ephemery-153\",\"assets\":[{\"name\":\"testnet-all.tar.gz\","
                + "\"browser_download_url\":\""
                + server.uri(ASSET_153)
                + "\"}]}",
            Map.of()));
    server.on(ASSET_153, bytes(ReleaseFixtures.tarGzBytes(ReleaseFixtures.release153())));

    assertThat(PlanInputs.fetchLatestIfCacheEmpty(cache, env())).isTrue();

    assertThat(new ReleaseCache(cache).latestInstalled())
        .hasValueSatisfying(r -> assertThat(r.release().iteration().number()).isEqualTo(153));
  }

  @Test
  void leavesACacheThatHoldsAReleaseAlone(@TempDir Path source) throws Exception {
    new ReleaseCache(cache)
        .install(
            ReleaseFixtures.writeFolder(ReleaseFixtures.release153(), source),
            java.util.Optional.empty(),
            "test",
            "0");
    int before = server.requests().size();

    assertThat(PlanInputs.fetchLatestIfCacheEmpty(cache, env())).isFalse();
    assertThat(server.requests()).hasSize(before);
  }

  @Test
  void reportsEverySourceWhenNoneAnswers() throws Exception {
    assertThatThrownBy(() -> PlanInputs.fetchLatestIfCacheEmpty(cache, env()))
        .isInstanceOf(OperationalException.class)
        .satisfies(
            e ->
                assertThat(((OperationalException) e).problems())
                    .extracting(p -> p.where())
                    .contains("github-api", "asset-url", "ephemery.dev"));
    assertThat(new ReleaseCache(cache).latestInstalled()).isEmpty();
  }
}
