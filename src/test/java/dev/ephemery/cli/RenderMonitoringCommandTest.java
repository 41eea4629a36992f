package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ephemery.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderMonitoringCommandTest {
  @TempDir Path temp;

  @Test
  void writesPrometheusRulesGrafanaProvisioningAndDashboardsFromThePlan() throws Exception {
    Path file = temp.resolve("inventory.yaml");
    assertThat(CliRun.of("init", "-o", file.toString()).code()).isZero();
    Path release = Fixtures.releaseFolder(temp.resolve("release"));
    Path out = temp.resolve("out");
    CliRun run =
        CliRun.of(
            "render",
            "monitoring",
            "-f",
            file.toString(),
            "--release",
            release.toString(),
            "--out",
            out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("files to " + out, "host node1", "iteration 153");
    JsonNode prometheus =
        new ObjectMapper(new YAMLFactory())
            .readTree(out.resolve("prometheus/config/prometheus.yml").toFile());
    assertThat(prometheus.get("rule_files").get(0).asText()).isEqualTo("alerts.yml");
    assertThat(prometheus.get("scrape_configs").findValuesAsText("job_name"))
        .contains("execution-geth", "consensus-lighthouse", "supervisor", "node-exporter");
    assertThat(out.resolve("prometheus/config/alerts.yml")).exists();
    assertThat(Files.readString(out.resolve("grafana/provisioning/datasources/ephemery.yaml")))
        .contains("ephemery-prometheus", "http://ephemery-node1-prometheus:9090");
    assertThat(out.resolve("grafana/dashboards/ephemery-overview.json")).exists();
    assertThat(out.resolve("grafana/dashboards/ephemery-geth.json")).exists();
    assertThat(out.resolve("grafana/dashboards/ephemery-lighthouse.json")).exists();
  }

  @Test
  void renderComposeIncludesTheMonitoringServicesAndTheirFiles() throws Exception {
    Path file = temp.resolve("inventory.yaml");
    assertThat(CliRun.of("init", "-o", file.toString()).code()).isZero();
    Path release = Fixtures.releaseFolder(temp.resolve("release"));
    Path out = temp.resolve("compose");
    CliRun run =
        CliRun.of(
            "render",
            "compose",
            "-f",
            file.toString(),
            "--release",
            release.toString(),
            "--out",
            out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    String compose = Files.readString(out.resolve("docker-compose.yaml"));
    assertThat(compose)
        .contains(
            "ephemery-node1-prometheus",
            "ephemery-node1-grafana",
            "ephemery-node1-node-exporter",
            "127.0.0.1:9090:9090/tcp",
            "127.0.0.1:3000:3000/tcp",
            "monitoring/grafana-admin-password")
        .doesNotContain("GF_SECURITY_ADMIN_PASSWORD:");
    assertThat(out.resolve("monitoring/prometheus/config/prometheus.yml")).exists();
    assertThat(out.resolve("monitoring/grafana-admin-password")).doesNotExist();
  }
}
