package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.client.HealthCheck;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.InventoryParser;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.plan.PlanHash;
import dev.ephemery.plan.Planner;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthAndSupervisorRulesTest {

  static Service withHealth(Service s, List<HealthCheck> health) {
    return new Service(
        s.name(),
        s.role(),
        s.client(),
        s.image(),
        s.entrypoint(),
        s.command(),
        s.ports(),
        s.mounts(),
        s.env(),
        s.labels(),
        s.dependsOn(),
        s.runOnce(),
        s.user(),
        s.restartPolicy(),
        s.memoryLimit(),
        s.stopSignal(),
        health);
  }

  static HostPlan plan(int iteration, List<Service> services) {
    HostPlan base = RuntimeRulesTest.plan();
    return new HostPlan(
        base.name(),
        base.address(),
        base.baseDir(),
        iteration,
        base.network(),
        base.paths(),
        services);
  }

  static Host host(String supervisor) {
    return InventoryParser.parse(
            "hosts:\n  - name: n1\n    address: ssh://ops@node1.example.org\n"
                + "    baseDir: /srv/eph\n    execution: {client: geth}\n"
                + "    consensus: {client: lighthouse}\n"
                + supervisor,
            "test")
        .hosts()
        .get(0);
  }

  @Test
  void waitsForTheFirstHealthCheckOfEachLongRunningServiceByAlias() {
    HostPlan base = RuntimeRulesTest.plan();
    List<Service> services = new ArrayList<>(base.services());
    services.set(
        1,
        withHealth(
            services.get(1),
            List.of(
                HealthCheck.jsonRpc(8545, "eth_chainId"),
                HealthCheck.jsonRpc(8545, "eth_syncing"))));
    services.set(
        2, withHealth(services.get(2), List.of(HealthCheck.get(5052, "/eth/v1/node/health"))));
    HostPlan plan = plan(153, services);

    List<HealthWait.Endpoint> endpoints = HealthWait.endpoints(plan, plan.services());

    assertThat(endpoints)
        .extracting(HealthWait.Endpoint::url)
        .containsExactly("http://el:8545/", "http://cl:5052/eth/v1/node/health");
    assertThat(HealthWait.command(endpoints.get(0)))
        .containsSequence(
            "--post-data",
            "{\"jsonrpc\":\"2.0\",\"method\":\"eth_chainId\",\"params\":[],\"id\":1}")
        .endsWith("http://el:8545/")
        .startsWith("timeout", "10", "wget");
    assertThat(HealthWait.command(endpoints.get(1))).doesNotContain("--post-data");
  }

  @Test
  void aSyncingBeaconNodeCountsAsAnswering() {
    assertThat(HealthWait.answered(0, "")).isTrue();
    assertThat(HealthWait.answered(1, "wget: server returned error: HTTP/1.1 206 Partial Content"))
        .isTrue();
    assertThat(
            HealthWait.answered(1, "wget: server returned error: HTTP/1.1 503 Service Unavailable"))
        .isFalse();
    assertThat(HealthWait.answered(1, "wget: can't connect to remote host: Connection refused"))
        .isFalse();
  }

  @Test
  void healthChecksDoNotChangeTheContainersPlanHash() {
    HostPlan plan = RuntimeRulesTest.plan();
    Service el = plan.services().get(1);

    assertThat(PlanHash.of(plan, withHealth(el, List.of(HealthCheck.get(8545, "/")))))
        .isEqualTo(PlanHash.of(plan, el));
  }

  @Test
  void aNewIterationRecreatesTheClientsButNotTheSupervisor() {
    Service supervisor153 = Planner.supervisor(host(""), 153, "cl");
    Service supervisor154 = Planner.supervisor(host(""), 154, "cl");
    Service el = RuntimeRulesTest.plan().services().get(1);

    assertThat(PlanHash.of(plan(154, List.of()), supervisor154))
        .isEqualTo(PlanHash.of(plan(153, List.of()), supervisor153));
    assertThat(PlanHash.of(plan(154, List.of()), el))
        .isNotEqualTo(PlanHash.of(plan(153, List.of()), el));
  }

  @Test
  void theSupervisorRunsTheJarOnTheHostWithTheSocketAndALoopbackStatusPort() {
    Service supervisor = Planner.supervisor(host(""), 153, "cl");

    assertThat(supervisor.role()).isEqualTo(Role.SUPERVISOR);
    assertThat(supervisor.image()).isEqualTo("eclipse-temurin:17.0.15_6-jre");
    assertThat(supervisor.entrypoint()).containsExactly("java");
    assertThat(supervisor.command())
        .containsSequence(
            "-jar",
            "/opt/ephemery-supervisor/ephemery.jar",
            "run",
            "-f",
            "/opt/ephemery-supervisor/ephemery.yaml",
            "--host",
            "n1");
    assertThat(supervisor.ports())
        .singleElement()
        .satisfies(p -> assertThat(p.bind()).isEqualTo("127.0.0.1"))
        .satisfies(p -> assertThat(p.host()).isEqualTo(9777));
    assertThat(supervisor.mounts())
        .extracting(m -> m.source() + ":" + m.target() + ":" + m.readOnly())
        .containsExactly(
            "/srv/eph/supervisor:/opt/ephemery-supervisor:true",
            "/srv/eph:/srv/eph:false",
            "/var/run/docker.sock:/var/run/docker.sock:false");
    assertThat(supervisor.restartPolicy()).isEqualTo("unless-stopped");
    assertThat(supervisor.labels()).containsEntry(LabelKeys.ROLE, "supervisor");
    assertThat(supervisor.env())
        .isEqualTo(Map.of("EPHEMERY_RELEASE_CACHE", "/srv/eph/supervisor/releases"));
  }

  @Test
  void theSupervisorCanBeTurnedOffAndGivenAnotherImagePerHost() {
    assertThat(host("").supervisor().enabled()).isTrue();
    assertThat(host("    supervisor: {enabled: false}\n").supervisor().enabled()).isFalse();
    assertThat(
            Planner.supervisor(
                    host("    supervisor: {image: 'eclipse-temurin:21.0.9_10-jre'}\n"), 153, "cl")
                .image())
        .isEqualTo("eclipse-temurin:21.0.9_10-jre");
  }
}
