package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ephemery.testing.Fixtures;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ephemery check} asks the inventory's checkpoint endpoint which chain it serves, here a
 * beacon API stand-in on loopback, and names a server still on another chain.
 */
class CheckProbeIT {
  @TempDir Path temp;
  HttpServer server;
  volatile String root;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/eth/v1/beacon/genesis",
        exchange -> {
          byte[] body =
              ("{\"data\":{\"genesis_time\":\"1763665800\",\"genesis_validators_root\":\""
                      + root
                      + "\",\"genesis_fork_version\":\"0x1000101b\"}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    Path cache = temp.resolve("cache");
    Path release = Fixtures.releaseFolder(temp.resolve("release"));
    CliRun fetch =
        CliRun.of("genesis", "fetch", "--from", release.toString(), "--dest", cache.toString());
    assertThat(fetch.code()).as(fetch.err()).isZero();
    PlanInputs.cacheRootOverride = cache;
    // Inside iteration 153's period, the cached release's: the comparison is made.
    CheckCommand.clock = Clock.fixed(Instant.parse("2025-11-21T00:00:00Z"), ZoneOffset.UTC);
  }

  @AfterEach
  void stop() {
    server.stop(0);
    PlanInputs.cacheRootOverride = null;
    CheckCommand.clock = Clock.systemUTC();
  }

  Path inventory() throws Exception {
    return inventory("http://127.0.0.1:" + server.getAddress().getPort());
  }

  Path inventory(String url) throws Exception {
    Path file = temp.resolve("ephemery.yaml");
    assertThat(CliRun.of("init", "-o", file.toString()).code()).isZero();
    String text = Files.readString(file);
    int at = text.indexOf("client: lighthouse");
    Files.writeString(
        file,
        text.substring(0, at) + "checkpointSyncUrl: " + url + "\n      " + text.substring(at));
    return file;
  }

  @Test
  void aCheckpointServerOnAnotherChainIsRejected() throws Exception {
    root = "0x" + "ab".repeat(32);
    CliRun run = CliRun.of("check", "-f", inventory().toString());
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains("hosts[0].consensus.checkpointSyncUrl (line ")
        .contains(root)
        .contains(Fixtures.release153().genesisValidatorsRoot());
  }

  @Test
  void aCheckpointServerOnTheIterationPasses() throws Exception {
    root = Fixtures.release153().genesisValidatorsRoot();
    CliRun run = CliRun.of("check", "-f", inventory().toString());
    assertThat(run.code()).as(run.err()).isZero();
  }

  @Test
  void anUnreachableCheckpointServerIsNamedWithItsReason() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closed;
    Path file = inventory(url);

    // Lighthouse stops at start-up without its checkpoint state: the check fails (operational).
    CliRun run = CliRun.of("check", "-f", file.toString());
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.err())
        .contains("error: hosts[0].consensus.checkpointSyncUrl (line ")
        .contains("checkpoint endpoint " + url + " did not answer (cannot reach " + url)
        .contains("lighthouse will not start")
        .doesNotContain("\tat ");

    CliRun json = CliRun.of("check", "-f", file.toString(), "--output", "json");
    assertThat(json.code()).isEqualTo(1);
    assertThat(json.json().get("valid").asBoolean()).isTrue();
    assertThat(json.json().get("failures").get(0).get("message").asText()).contains(url);
  }

  @Test
  void anUnreachableCheckpointServerIsAWarningForAClientThatSyncsFromGenesisInstead()
      throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closed;
    Path file = inventory(url);
    Files.writeString(
        file, Files.readString(file).replace("client: lighthouse", "client: grandine"));

    CliRun run = CliRun.of("check", "-f", file.toString());
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.err())
        .contains("warning: hosts[0].consensus.checkpointSyncUrl (line ")
        .contains("checkpoint endpoint " + url + " did not answer")
        .contains("grandine starts without it (genesis sync)")
        .doesNotContain("error:");
  }

  @Test
  void aStaleCachedReleaseIsSaidAndNotComparedAsAMismatch() throws Exception {
    root = "0x" + "ab".repeat(32); // the current chain's root, unknown to the stale release
    CheckCommand.clock = Clock.fixed(Instant.parse("2026-01-20T00:00:00Z"), ZoneOffset.UTC);
    Path file = inventory();
    CliRun run = CliRun.of("check", "-f", file.toString());

    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.err())
        .contains("warning: release cache ")
        .contains("release ephemery-153 (iteration 153) is out of date")
        .contains("its period ended at 2025-12-18T19:00:00Z")
        .contains("iteration 155 (chain id 39438155) is current at 2026-01-20T00:00:00Z")
        .contains("not compared with release ephemery-153")
        .doesNotContain("error:");

    CliRun json = CliRun.of("check", "-f", file.toString(), "--output", "json");
    assertThat(json.json().get("problems")).isEmpty();
    assertThat(json.json().get("warnings")).hasSize(2);
  }

  @Test
  void noProbeSkipsTheRequest() throws Exception {
    root = "0x" + "ab".repeat(32);
    CliRun run = CliRun.of("check", "-f", inventory().toString(), "--no-probe");
    assertThat(run.code()).as(run.err()).isZero();
  }
}
