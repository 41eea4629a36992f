package dev.ephemery.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitoringPlanTest {

  static HostPlan plan(boolean monitoring) {
    Fixtures.HostBuilder host =
        Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
            .baseDir("/srv/ephemery")
            .validator(ConsensusClient.LIGHTHOUSE);
    if (monitoring) {
      host.monitoring(19090, 13000, 19100);
    }
    return new Planner().planHost(host.build(), Fixtures.release153());
  }

  static List<Service> monitoring(HostPlan plan) {
    return plan.services().stream().filter(s -> s.role() == Role.MONITORING).toList();
  }

  @Test
  void enabledMonitoringPlansPrometheusGrafanaAndNodeExporterOnLoopback() {
    HostPlan plan = plan(true);
    List<Service> services = monitoring(plan);
    assertThat(services)
        .extracting(Service::client)
        .containsExactly("node-exporter", "prometheus", "grafana");
    assertThat(services)
        .extracting(Service::image)
        .containsExactly(
            MonitoringPlan.NODE_EXPORTER_IMAGE,
            MonitoringPlan.PROMETHEUS_IMAGE,
            MonitoringPlan.GRAFANA_IMAGE)
        .allSatisfy(image -> assertThat(image).matches(".+:v?[0-9]+\\.[0-9]+\\.[0-9]+"));
    assertThat(services.stream().flatMap(s -> s.ports().stream()).toList())
        .extracting(PortBinding::host, PortBinding::bind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(19100, "127.0.0.1"),
            org.assertj.core.groups.Tuple.tuple(19090, "127.0.0.1"),
            org.assertj.core.groups.Tuple.tuple(13000, "127.0.0.1"));
    assertThat(services)
        .allSatisfy(s -> assertThat(s.labels()).containsEntry("ephemery.role", "monitoring"));
  }

  @Test
  void monitoringBindMovesAllThreePortsAndNothingElse() {
    HostPlan plan =
        new Planner()
            .planHost(
                Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
                    .monitoring(19090, 13000, 19100)
                    .monitoringBind("10.0.0.5")
                    .build(),
                Fixtures.release153());
    assertThat(monitoring(plan).stream().flatMap(s -> s.ports().stream()).toList())
        .extracting(PortBinding::host, PortBinding::bind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(19100, "10.0.0.5"),
            org.assertj.core.groups.Tuple.tuple(19090, "10.0.0.5"),
            org.assertj.core.groups.Tuple.tuple(13000, "10.0.0.5"));
    assertThat(
            plan.services().stream()
                .filter(s -> s.role() != Role.MONITORING)
                .flatMap(s -> s.ports().stream())
                .filter(p -> p.host() != null))
        .noneMatch(p -> "10.0.0.5".equals(p.bind()));
  }

  @Test
  void disabledMonitoringPlansNothing() {
    HostPlan plan = plan(false);
    assertThat(monitoring(plan)).isEmpty();
    assertThat(plan.paths()).noneMatch(p -> p.path().contains("/monitoring"));
    assertThat(MonitoringFiles.of(plan)).isEmpty();
  }

  @Test
  void everythingLivesUnderBaseDirMonitoringAndThePasswordIsAKeptSecret() {
    HostPlan plan = plan(true);
    List<PlannedPath> paths =
        plan.paths().stream().filter(p -> p.path().contains("/monitoring")).toList();
    assertThat(paths).allSatisfy(p -> assertThat(p.path()).startsWith("/srv/ephemery/monitoring"));
    assertThat(paths)
        .filteredOn(p -> p.kind() == PlannedPath.Kind.SECRET)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("/srv/ephemery/monitoring/grafana-admin-password");
              assertThat(p.mode()).isEqualTo(0600);
              assertThat(p.owner()).isEqualTo("472:0");
            });
    assertThat(monitoring(plan).stream().flatMap(s -> s.mounts().stream()).toList())
        .allSatisfy(m -> assertThat(m.source()).startsWith("/srv/ephemery"));
    Service grafana = monitoring(plan).get(2);
    assertThat(grafana.env())
        .containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false")
        .containsEntry("GF_USERS_ALLOW_SIGN_UP", "false")
        .containsKey("GF_SECURITY_ADMIN_PASSWORD__FILE")
        .doesNotContainKey("GF_SECURITY_ADMIN_PASSWORD");
  }

  @Test
  void aScrapeJobPerClientWithItsProfilesMetricsPortAndPath() {
    HostPlan plan = plan(true);
    MonitoringFiles files = MonitoringFiles.of(plan).orElseThrow();
    assertThat(files.targets())
        .extracting(ScrapeTarget::job, ScrapeTarget::address, ScrapeTarget::path)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "execution-geth", "ephemery-node1-geth:6060", "/debug/metrics/prometheus"),
            org.assertj.core.groups.Tuple.tuple(
                "consensus-lighthouse", "ephemery-node1-lighthouse:5054", "/metrics"),
            org.assertj.core.groups.Tuple.tuple(
                "validator-lighthouse", "ephemery-node1-lighthouse-vc:5064", "/metrics"),
            org.assertj.core.groups.Tuple.tuple(
                "supervisor", "ephemery-node1-supervisor:9777", "/metrics"),
            org.assertj.core.groups.Tuple.tuple(
                "node-exporter", "ephemery-node1-node-exporter:9100", "/metrics"));
    assertThat(files.targets())
        .allSatisfy(
            t ->
                assertThat(t.labels())
                    .containsOnlyKeys("node", "client", "role", "iteration")
                    .containsEntry("node", "node1")
                    .containsEntry("iteration", "153"));
    // No init step is scraped: it has exited.
    assertThat(files.targets()).noneMatch(t -> t.address().contains("init"));
  }

  @Test
  void aChangedConfigurationChangesTheDigestThatRecreatesPrometheus() {
    HostPlan withVc = plan(true);
    HostPlan withoutVc =
        new Planner()
            .planHost(
                Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
                    .baseDir("/srv/ephemery")
                    .monitoring(19090, 13000, 19100)
                    .build(),
                Fixtures.release153());
    Map<String, String> a = prometheus(withVc).env();
    Map<String, String> b = prometheus(withoutVc).env();
    assertThat(a.get(MonitoringPlan.CONFIG_DIGEST_ENV))
        .isNotBlank()
        .isNotEqualTo(b.get(MonitoringPlan.CONFIG_DIGEST_ENV));
    assertThat(prometheus(plan(true)).env()).isEqualTo(a);
  }

  private static Service prometheus(HostPlan plan) {
    return monitoring(plan).stream()
        .filter(s -> s.client().equals("prometheus"))
        .findFirst()
        .orElseThrow();
  }
}
