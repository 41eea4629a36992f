package dev.ephemery.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.network.Release;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.MonitoringFiles;
import dev.ephemery.plan.Planner;
import dev.ephemery.testing.Fixtures;
import dev.ephemery.testing.LoopbackServer;
import dev.ephemery.testkit.MutableClock;
import dev.ephemery.testkit.PrometheusServer;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Prometheus, with the prometheus.yml and rules the tool renders (targets moved to
 * loopback, intervals shortened), scrapes the real supervisor's /metrics and a stand-in geth
 * exporter (geth's text format at geth's path); queried through Prometheus's HTTP API.
 */
class PrometheusScrapeIT {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void prometheusScrapesTheSupervisorAndAClientThroughTheRenderedConfig() throws Exception {
    Release release = Fixtures.release153();
    MutableClock clock = new MutableClock(release.elGenesisTime().plus(Duration.ofDays(3)));
    Supervisor supervisor =
        IdleSupervisor.of(clock, () -> Optional.of(release), dir.resolve("journal"));
    supervisor.tick();
    HostPlan plan =
        new Planner()
            .planHost(
                Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
                    .monitoring(9090, 3000, 9100)
                    .build(),
                release);
    MonitoringFiles files = MonitoringFiles.of(plan).orElseThrow();
    try (StatusServer status =
            new StatusServer(
                new InetSocketAddress("127.0.0.1", 0),
                supervisor,
                () -> Map.of("ephemery-node1-geth", true),
                null,
                clock);
        LoopbackServer geth = new LoopbackServer()) {
      status.start();
      // geth's exporter (metrics/prometheus/collector.go): gauges as "# TYPE name gauge".
      geth.on(
          "/debug/metrics/prometheus",
          LoopbackServer.bytes(
              "# TYPE chain_head_block gauge\nchain_head_block 1234\n# TYPE p2p_peers gauge\np2p_peers 7\n"
                  .getBytes(StandardCharsets.UTF_8),
              Map.of("Content-Type", "text/plain; version=0.0.4")));
      Path config =
          writeRewired(
              files,
              Map.of(
                  "supervisor",
                  "127.0.0.1:" + status.port(),
                  "execution-geth",
                  geth.base().getAuthority()));
      try (PrometheusServer prometheus = PrometheusServer.start(config)) {
        JsonNode up = awaitQuery(prometheus, "up{job=\"supervisor\"}");
        assertThat(up.get(0).get("value").get(1).asText()).isEqualTo("1");
        assertThat(up.get(0).get("metric").get("node").asText()).isEqualTo("node1");
        assertThat(up.get(0).get("metric").get("role").asText()).isEqualTo("supervisor");
        assertThat(up.get(0).get("metric").get("iteration").asText()).isEqualTo("153");

        JsonNode iteration = awaitQuery(prometheus, "ephemery_iteration");
        assertThat(iteration.get(0).get("value").get(1).asText()).isEqualTo("153");
        JsonNode chainId = awaitQuery(prometheus, "ephemery_chain_id");
        assertThat(chainId.get(0).get("value").get(1).asText()).isEqualTo("39438153");

        JsonNode head = awaitQuery(prometheus, "chain_head_block");
        assertThat(head.get(0).get("metric").get("client").asText()).isEqualTo("geth");
        assertThat(head.get(0).get("metric").get("role").asText()).isEqualTo("execution");
        assertThat(head.get(0).get("value").get(1).asText()).isEqualTo("1234");
        // The rendered recording rule gives the EL head under the tool's own name.
        JsonNode recorded = awaitQuery(prometheus, "ephemery:execution_head_block");
        assertThat(recorded.get(0).get("value").get(1).asText()).isEqualTo("1234");
      }
    }
  }

  /** The rendered files, with the chosen jobs' targets on loopback and the others left out. */
  private Path writeRewired(MonitoringFiles files, Map<String, String> targets) throws Exception {
    Path folder = dir.resolve("config");
    Files.createDirectories(folder);
    String prefix = MonitoringFiles.PROMETHEUS_CONFIG + "/";
    ObjectNode config =
        (ObjectNode) YAML.readTree(files.files().get(prefix + MonitoringFiles.PROMETHEUS_YML));
    ((ObjectNode) config.get("global"))
        .put("scrape_interval", "1s")
        .put("evaluation_interval", "1s");
    ArrayNode kept = JSON.createArrayNode();
    for (JsonNode job : config.get("scrape_configs")) {
      String target = targets.get(job.get("job_name").asText());
      if (target != null) {
        ArrayNode list = (ArrayNode) job.get("static_configs").get(0).get("targets");
        list.removeAll().add(target);
        kept.add(job);
      }
    }
    config.set("scrape_configs", kept);
    YAML.writeValue(folder.resolve(MonitoringFiles.PROMETHEUS_YML).toFile(), config);
    Files.writeString(
        folder.resolve(MonitoringFiles.ALERTS_YML),
        files.files().get(prefix + MonitoringFiles.ALERTS_YML));
    return folder.resolve(MonitoringFiles.PROMETHEUS_YML);
  }

  private static JsonNode awaitQuery(PrometheusServer prometheus, String query) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      var response =
          prometheus.get("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
      last = response.body();
      JsonNode result = JSON.readTree(last).path("data").path("result");
      if (response.statusCode() == 200 && result.size() > 0) {
        return result;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "no result for " + query + " within 60 s: " + last + " at " + Instant.now());
  }
}
