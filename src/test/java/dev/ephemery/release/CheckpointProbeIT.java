package dev.ephemery.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ephemery.plan.CheckpointUrls;
import dev.ephemery.testing.Fixtures;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a beacon API stand-in on loopback, shaped like the spec's /eth/v1/beacon/genesis answer.
 */
class CheckpointProbeIT {
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
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @Test
  void aServerOnTheIterationPasses() {
    root = Fixtures.release153().genesisValidatorsRoot();
    var answered = new CheckpointProbe(Duration.ofSeconds(5)).genesisValidatorsRoot(url());
    assertThat(answered).contains(root);
    assertThat(CheckpointUrls.compareGenesisRoot("w", url(), answered.get(), Fixtures.release153()))
        .isEmpty();
  }

  @Test
  void aServerOnAnotherChainIsNamed() {
    root = "0x9143aa7c615a7f7115e2b6aac319c03529df8242ae705fba9df39b79c59fa8b1"; // holesky
    var answered = new CheckpointProbe(Duration.ofSeconds(5)).genesisValidatorsRoot(url());
    assertThat(CheckpointUrls.compareGenesisRoot("w", url(), answered.get(), Fixtures.release153()))
        .hasValueSatisfying(p -> assertThat(p.message()).contains(root));
  }

  @Test
  void aServerThatDoesNotAnswerGivesNoVerdict() {
    int port = server.getAddress().getPort();
    server.stop(0);
    assertThat(
            new CheckpointProbe(Duration.ofSeconds(2))
                .genesisValidatorsRoot("http://127.0.0.1:" + port))
        .isEmpty();
  }
}
