package dev.ephemery.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.TestClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusServerTest {

  @TempDir Path dir;

  Supervisor idleSupervisor(TestClock clock, AtomicBoolean asked) {
    Supervisor.Node node =
        new Supervisor.Node() {
          @Override
          public Optional<Integer> installedIteration() {
            return Optional.of(153);
          }

          @Override
          public dev.ephemery.ops.ResetMachine machineFor(dev.ephemery.network.Release release) {
            asked.set(true);
            throw new IllegalStateException("not in this test");
          }

          @Override
          public dev.ephemery.ops.ResetMachine machineFor(int iteration) {
            throw new IllegalStateException("not in this test");
          }
        };
    return new Supervisor(
        clock,
        Optional::empty,
        node,
        new JournalStore(dir),
        (k, m) -> {},
        Supervisor.Settings.DEFAULT,
        d -> true);
  }

  @Test
  void servesPrometheusMetricsStatusAndGuardsResetWithTheToken() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "0123456789abcdef0123456789abcdef\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    TestClock clock = new TestClock(Instant.parse("2026-11-26T19:00:00Z"));
    Supervisor supervisor = idleSupervisor(clock, new AtomicBoolean());
    try (StatusServer server =
        new StatusServer(
            new InetSocketAddress("127.0.0.1", 0),
            supervisor,
            () -> Map.of("ephemery-node1-geth", true, "ephemery-node1-lighthouse", false),
            token,
            clock)) {
      server.start();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      String base = "http://127.0.0.1:" + server.port();
      HttpResponse<String> metrics =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .contains("# TYPE ephemery_iteration gauge")
          .contains("ephemery_reset_failures_total 0")
          .contains("ephemery_component_up{component=\"ephemery-node1-geth\"} 1")
          .contains("ephemery_component_up{component=\"ephemery-node1-lighthouse\"} 0");
      HttpResponse<String> status =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/status")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(status.body()).contains("\"phase\":\"starting\"");
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.body()).contains("<h1>ephemery node</h1>");

      HttpResponse<String> noToken =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/reset"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(noToken.statusCode()).isEqualTo(401);
      HttpResponse<String> wrong =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/reset"))
                  .header("Authorization", "Bearer nope")
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(wrong.statusCode()).isEqualTo(401);
      HttpResponse<String> ok =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/reset"))
                  .header("Authorization", "Bearer 0123456789abcdef0123456789abcdef")
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(202);
    }
  }

  @Test
  void refusesATokenFileOthersCanRead() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "0123456789abcdef0123456789abcdef\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> StatusServer.readToken(token))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("owner only");
  }

  @Test
  void daemonStopsPromptlyWhenTold() throws Exception {
    TestClock clock = new TestClock(Instant.parse("2026-11-26T19:00:00Z"));
    Daemon daemon = new Daemon(idleSupervisor(clock, new AtomicBoolean()), Duration.ofSeconds(30));
    Thread thread = new Thread(daemon::run);
    thread.start();
    Thread.sleep(200);
    long start = System.nanoTime();
    daemon.stop();
    thread.join(5_000);
    assertThat(thread.isAlive()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }
}
