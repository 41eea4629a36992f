package dev.ephemery.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.InventoryDefaults.HostFacts;
import org.junit.jupiter.api.Test;

class EmbeddedDefaultTest {

  @Test
  void rootGetsOneLocalNodeUnderOptEphemery() {
    Inventory inventory = InventoryTemplates.embeddedDefault(new HostFacts(0, "/root"));

    assertThat(inventory.source()).isEqualTo("<embedded default>");
    assertThat(inventory.hosts()).hasSize(1);
    Host host = inventory.hosts().get(0);
    assertThat(host.name()).isEqualTo("node1");
    assertThat(host.address()).isEqualTo(new Address.Local());
    assertThat(host.baseDir()).isEqualTo("/opt/ephemery");
    assertThat(host.flavor()).isEqualTo(Flavor.UPSTREAM);
    assertThat(host.execution().client()).isEqualTo(ExecutionClient.GETH);
    assertThat(host.consensus().client()).isEqualTo(ConsensusClient.LIGHTHOUSE);
    assertThat(host.consensus().checkpointSyncUrl()).isNull();
    assertThat(host.validator().enabled()).isFalse();
    assertThat(host.monitoring().enabled()).isTrue();
    assertThat(host.sshKeyFile()).isNull();
  }

  @Test
  void otherUsersKeepDataUnderTheirHome() {
    Inventory inventory = InventoryTemplates.embeddedDefault(new HostFacts(1000, "/home/alice/"));
    assertThat(inventory.hosts().get(0).baseDir()).isEqualTo("/home/alice/.ephemery");
  }

  @Test
  void aHomeWithSpacesIsQuotedAndReadBack() {
    Inventory inventory =
        InventoryTemplates.embeddedDefault(new HostFacts(1000, "/home/Alice Smith: #1"));
    assertThat(inventory.hosts().get(0).baseDir()).isEqualTo("/home/Alice Smith: #1/.ephemery");
  }
}
