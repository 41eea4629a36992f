package dev.ephemery.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Prometheus scrapes a loopback /metrics endpoint and answers queries about it. */
class PrometheusIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void scrapesALoopbackTarget() throws Exception {
    HttpServer metrics =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    metrics.createContext(
        "/metrics",
        exchange -> {
          byte[] body =
              "# TYPE ephemery_test_gauge gauge\nephemery_test_gauge 42\n"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    metrics.start();
    Path config =
        Files.writeString(
            dir.resolve("prometheus.yml"),
            """
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: it
                static_configs:
                  - targets: ['127.0.0.1:%d']
            """
                .formatted(metrics.getAddress().getPort()));
    try (PrometheusServer prometheus = PrometheusServer.start(config)) {
      String query =
          "/api/v1/query?query="
              + URLEncoder.encode("ephemery_test_gauge{job=\"it\"}", StandardCharsets.UTF_8);
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                JsonNode result = JSON.readTree(prometheus.get(query).body()).at("/data/result");
                assertThat(result.size()).as(result.toString()).isEqualTo(1);
                assertThat(result.get(0).at("/value/1").asText()).isEqualTo("42");
              });
    } finally {
      metrics.stop(0);
    }
  }
}
