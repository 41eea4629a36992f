package dev.ephemery.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ephemery.common.InvalidInputException;
import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.ResetJournal;
import dev.ephemery.ops.ResetState;
import dev.ephemery.testkit.MutableClock;
import java.net.InetAddress;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusServerTest {

  /** How /status was written before the streaming generator: a map through this ObjectMapper. */
  static final ObjectMapper OLD =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  static String oldStatus(
      Supervisor.Status s, Map<String, Boolean> components, AutoRecovery.Snapshot recovery)
      throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("phase", s.phaseText());
    body.put("iteration", s.iteration());
    body.put("latestRelease", s.latestRelease());
    body.put("nextSwitch", s.nextSwitch());
    body.put("failedResets", s.failedResets());
    body.put("components", components);
    body.put("lastReset", s.lastReset());
    body.put("recovery", recovery);
    return OLD.writeValueAsString(body);
  }

  @TempDir Path dir;

  Supervisor idleSupervisor(MutableClock clock, AtomicBoolean asked) {
    Supervisor.Node node =
        new Supervisor.Node() {
          @Override
          public Optional<Integer> installedIteration() {
            return Optional.of(153);
          }

          @Override
          public dev.ephemery.ops.ResetJournal begin(
              dev.ephemery.network.Release release, boolean forced) {
            asked.set(true);
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
        journal -> {
          throw new IllegalStateException("not in this test");
        });
  }

  @Test
  void servesPrometheusMetricsStatusAndGuardsResetWithTheToken() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "0123456789abcdef0123456789abcdef\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    MutableClock clock = new MutableClock(Instant.parse("2026-11-26T19:00:00Z"));
    Supervisor supervisor = idleSupervisor(clock, new AtomicBoolean());
    try (StatusServer server =
        new StatusServer(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0),
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
      assertThat(status.body())
          .isEqualTo(
              "{\"phase\":\"starting\",\"iteration\":null,\"latestRelease\":null,"
                  + "\"nextSwitch\":null,\"failedResets\":0,\"components\":"
                  + OLD.writeValueAsString(
                      Map.of("ephemery-node1-geth", true, "ephemery-node1-lighthouse", false))
                  + ",\"lastReset\":null,"
                  + "\"recovery\":{\"states\":{},\"restarts\":{},\"diagnoses\":{},\"givenUp\":[]}}");
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.body())
          .contains(
              "<h1>Ephemery node</h1>",
              "<td>ephemery-node1-geth<td class=up>running",
              "<td>ephemery-node1-lighthouse<td class=down>down")
          .doesNotContain("<script", "src=", "http://", "https://");
      assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");

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
  void theStatusDocumentKeepsTheKeysAndFormsDatabindGaveIt() throws Exception {
    Instant t0 = Instant.parse("2026-11-26T19:00:00Z");
    ResetJournal failed =
        ResetJournal.start("node1", 153, 154, false, false, t0)
            .moveTo(ResetState.FETCHED, "ok", t0.plusMillis(2_500))
            .moveTo(ResetState.FAILED, "say \"no\" – ü", t0.plusSeconds(9));
    Supervisor.Status status =
        new Supervisor.Status(
            153, 154, Instant.parse("2026-12-24T00:00:00.5Z"), Phase.RUNNING, failed, 1);
    AutoRecovery.Snapshot recovery =
        new AutoRecovery.Snapshot(
            Map.of("geth", "restarting"),
            Map.of("geth", 3L),
            Map.of("geth", "oom"),
            List.of("geth"));

    String json = StatusServer.statusJson(status, Map.of("ephemery-node1-geth", false), recovery);

    assertThat(json)
        .isEqualTo(
            "{\"phase\":\"running\",\"iteration\":153,\"latestRelease\":154,"
                + "\"nextSwitch\":\"2026-12-24T00:00:00.500Z\",\"failedResets\":1,"
                + "\"components\":{\"ephemery-node1-geth\":false},"
                + "\"lastReset\":{\"version\":1,\"id\":\"000154-1795719600000\",\"host\":\"node1\","
                + "\"fromIteration\":153,\"toIteration\":154,\"wrapper\":false,\"forced\":false,"
                + "\"state\":\"FAILED\",\"failedIn\":\"FETCHED\",\"reason\":\"say \\\"no\\\" – ü\","
                + "\"attempts\":0,\"releaseDir\":null,\"startedAt\":\"2026-11-26T19:00:00Z\","
                + "\"updatedAt\":\"2026-11-26T19:00:09Z\",\"transitions\":["
                + "{\"state\":\"DETECTED\",\"at\":\"2026-11-26T19:00:00Z\","
                + "\"note\":\"release of iteration 154\"},"
                + "{\"state\":\"FETCHED\",\"at\":\"2026-11-26T19:00:02.500Z\",\"note\":\"ok\"},"
                + "{\"state\":\"FAILED\",\"at\":\"2026-11-26T19:00:09Z\",\"note\":\"say \\\"no\\\" – ü\"}]},"
                + "\"recovery\":{\"states\":{\"geth\":\"restarting\"},\"restarts\":{\"geth\":3},"
                + "\"diagnoses\":{\"geth\":\"oom\"},\"givenUp\":[\"geth\"]}}")
        .isEqualTo(oldStatus(status, Map.of("ephemery-node1-geth", false), recovery));
  }

  @Test
  void theStatusDocumentMatchesDatabindsForEmptyAndLargerStates() throws Exception {
    Map<String, Boolean> components = new TreeMap<>(Map.of("a", true, "b", false, "c", true));
    Map<String, String> states = new LinkedHashMap<>();
    states.put("geth", "running");
    states.put("lighthouse", "exited");
    Map<String, Long> restarts = new TreeMap<>(Map.of("geth", 0L, "lighthouse", 12L));
    AutoRecovery.Snapshot recovery =
        new AutoRecovery.Snapshot(
            states, restarts, Map.of("lighthouse", "exit 137\n\"killed\""), List.of("a", "b"));
    ResetJournal done =
        ResetJournal.start("n", null, 7, true, true, Instant.EPOCH)
            .withReleaseDir("/c/7")
            .moveTo(ResetState.FETCHED, "", Instant.EPOCH.plusNanos(1))
            .moveTo(ResetState.VERIFYING, "", Instant.EPOCH.plusSeconds(1))
            .moveTo(ResetState.DONE, "", Instant.EPOCH.plusSeconds(2));
    for (Supervisor.Status status :
        List.of(
            new Supervisor.Status(null, null, null, Phase.STARTING, null, 0),
            new Supervisor.Status(7, 8, Instant.EPOCH, Phase.RESET_ELSEWHERE, "x", done, 3))) {
      for (AutoRecovery.Snapshot r : List.of(AutoRecovery.Snapshot.EMPTY, recovery)) {
        assertThat(StatusServer.statusJson(status, components, r))
            .isEqualTo(oldStatus(status, components, r));
      }
    }
  }

  @Test
  void phasesShowTheWordsStatusAlwaysShowed() {
    Map<Phase, String> shown = new LinkedHashMap<>();
    for (Phase phase : Phase.values()) {
      shown.put(phase, new Supervisor.Status(null, null, null, phase, null, 0).phaseText());
    }
    assertThat(shown)
        .containsExactly(
            Map.entry(Phase.STARTING, "starting"),
            Map.entry(Phase.RUNNING, "running"),
            Map.entry(Phase.WAITING_TO_SWITCH, "waiting to switch"),
            Map.entry(Phase.RESETTING, "resetting"),
            Map.entry(Phase.RESET_ELSEWHERE, "another reset in progress"),
            Map.entry(Phase.RESET_FAILED, "reset failed"),
            Map.entry(Phase.RESET_UNFINISHED, "reset unfinished (resumes at the next look)"));
    assertThat(
            new Supervisor.Status(
                    7, 8, null, Phase.RESET_ELSEWHERE, "ephemery reset, pid 42", null, 0)
                .phaseText())
        .isEqualTo("another reset in progress (ephemery reset, pid 42)");
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
    MutableClock clock = new MutableClock(Instant.parse("2026-11-26T19:00:00Z"));
    Daemon daemon = new Daemon(idleSupervisor(clock, new AtomicBoolean()), Duration.ofSeconds(30));
    Thread thread = new Thread(daemon::run);
    thread.start();
    // Idle between ticks: the daemon waits for its next tick or for stop().
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> thread.getState() == Thread.State.TIMED_WAITING);
    long start = System.nanoTime();
    daemon.stop();
    thread.join(5_000);
    assertThat(thread.isAlive()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }
}
