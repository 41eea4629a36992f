package dev.ephemery.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.client.HealthCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hashes {@code up} has stored on existing containers. If one of these changes, every node
 * recreates its containers at the next {@code up}: change the algorithm only on purpose.
 */
class PlanHashTest {
  @Test
  void aFixedPlanKeepsTheHashesExistingContainersCarry() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("ephemery.node", "node1");
    labels.put("ephemery.role", "execution");
    labels.put("ephemery.client", "geth");
    labels.put("ephemery.iteration", "153");
    labels.put("ephemery.flavor", "upstream");
    Service geth =
        new Service(
            "ephemery-node1-geth",
            Role.EXECUTION,
            "geth",
            "ethereum/client-go:v1.14.0",
            List.of("geth"),
            List.of("--datadir=/data", "--http"),
            List.of(new PortBinding(8545, 8545, "127.0.0.1", "tcp", "rpc")),
            List.of(new Mount("/opt/ephemery/data/geth", "/data", false)),
            Map.of("TZ", "UTC"),
            labels,
            List.of("ephemery-node1-geth-init"),
            false,
            null,
            "unless-stopped",
            "8g",
            null,
            List.of(HealthCheck.jsonRpc(8545, "eth_syncing")));
    Map<String, String> supLabels = new LinkedHashMap<>(labels);
    supLabels.put("ephemery.role", "supervisor");
    supLabels.put("ephemery.client", "ephemery");
    supLabels.remove("ephemery.flavor");
    Service supervisor =
        new Service(
            "ephemery-node1-supervisor",
            Role.SUPERVISOR,
            "ephemery",
            "eclipse-temurin:17-jre",
            List.of("java"),
            List.of("-jar", "/opt/ephemery/ephemery.jar", "run"),
            List.of(),
            List.of(new Mount("/opt/ephemery", "/opt/ephemery", false)),
            Map.of(),
            supLabels,
            List.of(),
            false,
            null,
            "unless-stopped",
            null,
            null);
    Service keys =
        new Service(
            "ephemery-node1-lighthouse-import",
            Role.INIT,
            "lighthouse",
            "sigp/lighthouse:v5.1.0",
            null,
            List.of("lighthouse", "account", "validator", "import"),
            List.of(),
            List.of(new Mount("/opt/ephemery/validator-keys", "/keys", true)),
            Map.of(),
            Map.of("ephemery.node", "node1"),
            List.of(),
            true,
            "1000:1000",
            "no",
            null,
            "SIGINT",
            List.of(),
            List.of("/opt/ephemery/validator-keys"));
    HostPlan plan =
        new HostPlan(
            "node1",
            "10.0.0.1",
            "/opt/ephemery",
            153,
            "ephemery-node1",
            List.of(),
            List.of(keys, geth, supervisor));
    // Pinned from the algorithm up used before the compose export shared it.
    assertThat(PlanHash.of(plan, geth)).isEqualTo("12c022c7eeb9f26c");
    assertThat(PlanHash.of(plan, supervisor)).isEqualTo("5706127084ac98b4");
    assertThat(PlanHash.of(plan, keys)).isEqualTo("989076d712b28d10");
    assertThat(PlanHash.ofNetwork(plan)).isEqualTo("9524090c937aa017");

    // The data layout the planner now adds says how a reset treats the data, not what the
    // container is: a planned geth with its layout keeps the hash the container carries.
    Service gethWithLayout =
        new Service(
            geth.name(),
            geth.role(),
            geth.client(),
            geth.image(),
            geth.entrypoint(),
            geth.command(),
            geth.ports(),
            geth.mounts(),
            geth.env(),
            geth.labels(),
            geth.dependsOn(),
            geth.runOnce(),
            geth.user(),
            geth.restartPolicy(),
            geth.memoryLimit(),
            geth.stopSignal(),
            geth.health(),
            geth.inputs(),
            DataLayout.of(
                new dev.ephemery.client.GethProfile(),
                "/opt/ephemery/data/geth",
                "ephemery-node1-geth-init"));
    assertThat(PlanHash.of(plan, gethWithLayout)).isEqualTo("12c022c7eeb9f26c");
  }
}
