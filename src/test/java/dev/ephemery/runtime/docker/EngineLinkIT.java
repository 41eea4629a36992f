package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The signed Engine API call against a real execution client (@ethereumjs/client). */
class EngineLinkIT {

  static Process client;
  static Path dir;
  static byte[] secret;
  static int enginePort;

  @BeforeAll
  static void startEthereumJs() throws Exception {
    String binary = ItEnvironment.require("EPHEMERY_IT_ETHEREUMJS", "the ethereumjs client");
    if (!Files.isExecutable(Path.of(binary))) {
      ItEnvironment.missing(binary + " is not executable");
    }
    dir = Files.createTempDirectory("ephemery-ejs-");
    secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    Files.writeString(dir.resolve("jwt.hex"), HexFormat.of().formatHex(secret));
    enginePort = freePort();
    client =
        new ProcessBuilder(
                binary,
                "--dev=poa",
                "--rpcEngine",
                "--rpcEngineAddr",
                "127.0.0.1",
                "--rpcEnginePort",
                Integer.toString(enginePort),
                "--rpcEngineAuth",
                "true",
                "--jwtSecret",
                dir.resolve("jwt.hex").toString(),
                "--dataDir",
                dir.resolve("data").toString(),
                "--port",
                Integer.toString(freePort()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("client.log").toFile())
            .start();
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> !client.isAlive() || listening(enginePort));
    } catch (ConditionTimeoutException e) {
      // reported below with the client's log
    }
    if (!listening(enginePort)) {
      throw new IllegalStateException(
          "ethereumjs did not open its Engine API: " + Files.readString(dir.resolve("client.log")));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.destroy();
      if (!client.waitFor(20, TimeUnit.SECONDS)) {
        client.destroyForcibly();
      }
    }
    DockerRuntimeContract.deleteTree(dir);
  }

  @Test
  void signedCallWithTheNodesSecretIsAnswered() {
    EngineLinkCheck.Result result =
        EngineLinkCheck.overHttp(endpoint(), secret, Clock.systemUTC(), Duration.ofSeconds(10));

    assertThat(result.problem()).isNull();
    assertThat(result.ok()).isTrue();
    assertThat(result.answer()).contains("\"result\"").contains("engine_");
  }

  @Test
  void anotherSecretIsReportedAsInvalidTokenWithTheFix() {
    byte[] other = new byte[32];
    new SecureRandom().nextBytes(other);

    EngineLinkCheck.Result result =
        EngineLinkCheck.overHttp(endpoint(), other, Clock.systemUTC(), Duration.ofSeconds(10));

    assertThat(result.ok()).isFalse();
    assertThat(result.problem().message()).contains("InvalidToken").contains("same secret");
    assertThat(result.problem().hint()).contains("jwt.hex");
  }

  @Test
  void tokenFromTheDistantPastIsRefused() {
    Clock stale = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-5));

    EngineLinkCheck.Result result =
        EngineLinkCheck.overHttp(endpoint(), secret, stale, Duration.ofSeconds(10));

    assertThat(result.ok()).isFalse();
    assertThat(result.problem().message()).contains("clocks differ");
  }

  @Test
  void closedPortIsReportedAsNothingListening() throws IOException {
    EngineLinkCheck.Result result =
        EngineLinkCheck.overHttp(
            URI.create("http://127.0.0.1:" + freePort()),
            secret,
            Clock.systemUTC(),
            Duration.ofSeconds(5));

    assertThat(result.ok()).isFalse();
    assertThat(result.problem().message()).contains("nothing accepts connections");
  }

  static URI endpoint() {
    return URI.create("http://127.0.0.1:" + enginePort);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static boolean listening(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
