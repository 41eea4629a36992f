package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ephemery.testing.Fixtures;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
  }

  @AfterEach
  void stop() {
    server.stop(0);
    PlanInputs.cacheRootOverride = null;
  }

  Path inventory() throws Exception {
    Path file = temp.resolve("ephemery.yaml");
    assertThat(CliRun.of("init", "-o", file.toString()).code()).isZero();
    String text = Files.readString(file);
    int at = text.indexOf("client: lighthouse");
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
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
  void noProbeSkipsTheRequest() throws Exception {
    root = "0x" + "ab".repeat(32);
    CliRun run = CliRun.of("check", "-f", inventory().toString(), "--no-probe");
    assertThat(run.code()).as(run.err()).isZero();
  }
}
