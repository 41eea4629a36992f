package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.Address;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.inventory.InventoryParser;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Plan;
import dev.ephemery.plan.Planner;
import dev.ephemery.runtime.RuntimeOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupervisorInventoryTest {

  @Test
  void theSupervisorGetsItsHostAloneWithALocalAddressAndOnlyWhereOneIsPlanned() {
    Inventory inventory =
        InventoryParser.parse(
            "defaults:\n  execution: {client: nethermind}\n  consensus: {client: teku}\n"
                + "hosts:\n"
                + "  - name: node1\n    address: ssh://ops@node1.example.org:2222\n"
                + "    baseDir: /srv/one\n    validator: {enabled: true}\n"
                + "  - name: node2\n    address: local\n    baseDir: /srv/two\n"
                + "    supervisor: {enabled: false}\n",
            "test");
    Host node1 = inventory.hosts().get(0);
    Plan plan =
        new Plan(
            List.of(
                new HostPlan(
                    "node1",
                    node1.address().uri(),
                    node1.baseDir(),
                    153,
                    "ephemery-node1",
                    List.of(Planner.supervisorFolder(node1)),
                    List.of(Planner.supervisor(node1, 153, "cl"))),
                new HostPlan(
                    "node2", "local", "/srv/two", 153, "ephemery-node2", List.of(), List.of())));

    RuntimeOptions.SupervisorFiles files = UpCommand.supervisorFiles(plan, inventory.hosts());

    assertThat(files.inventories()).containsOnlyKeys("node1");
    Inventory written = InventoryParser.parse(files.inventories().get("node1"), "supervisor");
    Host seen = written.hosts().get(0);
    assertThat(written.hosts()).hasSize(1);
    assertThat(seen.address()).isInstanceOf(Address.Local.class);
    assertThat(seen.baseDir()).isEqualTo("/srv/one");
    assertThat(seen.execution()).isEqualTo(node1.execution());
    assertThat(seen.consensus()).isEqualTo(node1.consensus());
    assertThat(seen.validator().enabled()).isTrue();
    assertThat(seen.supervisor().enabled()).isTrue();
    assertThat(files.jar().getFileName().toString()).endsWith(".jar");
  }
}
