package dev.ephemery.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.plan.AlertRules;
import dev.ephemery.plan.GrafanaProvisioning;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.MetricCatalog;
import dev.ephemery.plan.MonitoringFiles;
import dev.ephemery.plan.Planner;
import dev.ephemery.plan.ScrapeTarget;
import dev.ephemery.testing.Fixtures;
import dev.ephemery.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards of every client pair: valid JSON, unique panel ids, every datasource the
 * provisioned uid, and every metric a query names exported by a scrape target of that plan (the
 * supervisor's checked against what its real /metrics serves).
 */
class DashboardsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> PROMQL_WORDS =
      Set.of(
          "by",
          "on",
          "without",
          "and",
          "or",
          "unless",
          "group_left",
          "group_right",
          "ignoring",
          "bool",
          "offset",
          "sum",
          "max",
          "min",
          "avg",
          "count",
          "rate",
          "increase",
          "changes",
          "scalar",
          "time",
          "e",
          "inf",
          "nan");
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  static Set<String> supervisorMetrics = new HashSet<>();

  @TempDir static Path dir;

  @BeforeAll
  static void readTheSupervisorsRealMetrics() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-26T19:00:00Z"));
    Supervisor supervisor = IdleSupervisor.of(clock, Optional::empty, dir);
    try (StatusServer server =
        new StatusServer(
            new java.net.InetSocketAddress("127.0.0.1", 0),
            supervisor,
            () -> Map.of("c", true),
            null,
            clock)) {
      for (String line : server.metrics().split("\n")) {
        if (line.startsWith("# TYPE ")) {
          supervisorMetrics.add(line.split(" ")[2]);
        }
      }
    }
    assertThat(supervisorMetrics).contains("ephemery_iteration", "ephemery_reset_window");
  }

  @Test
  void everyPairsDashboardsAreValidAndOnlyNameMetricsItsTargetsExport() throws Exception {
    int dashboards = 0;
    for (ExecutionClient el : ExecutionClient.values()) {
      for (ConsensusClient cl : ConsensusClient.values()) {
        HostPlan plan =
            new Planner()
                .planHost(
                    Fixtures.host(el, cl).monitoring(9090, 3000, 9100).validator(cl).build(),
                    Fixtures.release153());
        MonitoringFiles files = MonitoringFiles.of(plan).orElseThrow();
        Set<String> exported = exported(files);
        for (Map.Entry<String, String> file : files.files().entrySet()) {
          if (!file.getKey().endsWith(".json")) {
            continue;
          }
          dashboards++;
          JsonNode doc = JSON.readTree(file.getValue());
          assertThat(doc.get("uid").asText()).isNotBlank();
          List<Integer> ids = new ArrayList<>();
          doc.get("panels").forEach(p -> ids.add(p.get("id").asInt()));
          assertThat(ids).as(file.getKey()).doesNotHaveDuplicates().isNotEmpty();
          for (JsonNode ds : doc.findValues("datasource")) {
            assertThat(ds.get("uid").asText())
                .as(file.getKey())
                .isEqualTo(GrafanaProvisioning.DATASOURCE_UID);
          }
          for (String expr : doc.findValuesAsText("expr")) {
            assertThat(metricNames(expr))
                .as(el.id() + "+" + cl.id() + " " + file.getKey() + ": " + expr)
                .isSubsetOf(exported);
          }
        }
      }
    }
    assertThat(dashboards).isEqualTo(30 * 3);
  }

  @Test
  void everyAlertRuleOnlyNamesMetricsTheTargetsExport() {
    HostPlan plan =
        new Planner()
            .planHost(
                Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
                    .monitoring(9090, 3000, 9100)
                    .build(),
                Fixtures.release153());
    Set<String> exported = new HashSet<>(exported(MonitoringFiles.of(plan).orElseThrow()));
    // Prometheus writes "up" for every target itself.
    exported.add("up");
    for (AlertRules.Alert alert : AlertRules.alerts()) {
      assertThat(metricNames(alert.expr())).as(alert.name()).isSubsetOf(exported);
    }
    assertThat(supervisorMetrics)
        .contains("ephemery_checkpoint_ok", "ephemery_checkpoint_finalized_epoch_lag");
  }

  @Test
  void theNameExtractorFindsMetricsNotLabelsOrFunctions() {
    assertThat(
            metricNames(
                "sum by (client, role) (p2p_peers{client=\"geth\"}) - max(beacon_head_slot[5m])"
                    + " unless on() (ephemery_reset_window == 1)"))
        .containsExactlyInAnyOrder("p2p_peers", "beacon_head_slot", "ephemery_reset_window");
  }

  /** What the plan's targets export: the supervisor's real metrics, the catalogue's per client. */
  static Set<String> exported(MonitoringFiles files) {
    Set<String> names = new HashSet<>(supervisorMetrics);
    names.addAll(MetricCatalog.PROMETHEUS);
    names.add(AlertRules.EXECUTION_HEAD);
    for (ScrapeTarget t : files.targets()) {
      if (t.job().equals("node-exporter")) {
        names.addAll(MetricCatalog.NODE_EXPORTER);
      }
      MetricCatalog.of(t.client()).ifPresent(m -> names.addAll(m.names()));
    }
    return names;
  }

  static Set<String> metricNames(String expr) {
    String stripped =
        expr.replaceAll("\"[^\"]*\"", "")
            .replaceAll("\\{[^}]*\\}", "")
            .replaceAll("\\[[^]]*\\]", "")
            // A duration outside brackets (offset 10m) is no metric either.
            .replaceAll("\\b\\d+(ms|[smhdwy])\\b", "")
            .replaceAll("\\b(by|on|without|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
    Set<String> names = new LinkedHashSet<>();
    Matcher m = NAME.matcher(stripped);
    while (m.find()) {
      String name = m.group();
      int after = m.end();
      while (after < stripped.length() && stripped.charAt(after) == ' ') {
        after++;
      }
      boolean call = after < stripped.length() && stripped.charAt(after) == '(';
      if (!call && !PROMQL_WORDS.contains(name.toLowerCase()) && !name.matches("\\d.*")) {
        names.add(name);
      }
    }
    return names;
  }
}
