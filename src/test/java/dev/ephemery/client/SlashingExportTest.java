package dev.ephemery.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.ConsensusClient;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlashingExportTest {

  static SlashingExport of(ConsensusClient client) {
    return ClientProfiles.validator(client).orElseThrow().slashingExport("/testnet").orElseThrow();
  }

  @Test
  void everySeparateValidatorClientExportsOfflineFromItsDataFolderIntoTheExportFolder() {
    for (ConsensusClient client : ConsensusClient.values()) {
      if (ClientProfiles.builtInValidator(client) || ClientProfiles.validator(client).isEmpty()) {
        continue;
      }
      SlashingExport export = of(client);
      assertThat(export.command()).as(client.id()).anyMatch(t -> t.contains(ContainerPaths.DATA));
      assertThat(export.outputFile()).as(client.id()).startsWith(SlashingExport.OUTPUT_DIR + "/");
      assertThat(String.join(" ", export.command()))
          .as(client.id() + ": no network, no beacon node")
          .doesNotContain("http")
          .doesNotContain("--network=");
      assertThat(export.source()).isNotBlank();
    }
  }

  @Test
  void eachClientUsesItsOwnExportCommand() {
    assertThat(of(ConsensusClient.LIGHTHOUSE).command())
        .containsExactly(
            "lighthouse",
            "--testnet-dir=/testnet",
            "--datadir=/data",
            "account",
            "validator",
            "slashing-protection",
            "export",
            SlashingExport.FILE);
    assertThat(of(ConsensusClient.TEKU).command())
        .containsExactly(
            "slashing-protection", "export", "--data-path=/data", "--to=" + SlashingExport.FILE);
    SlashingExport prysm = of(ConsensusClient.PRYSM);
    assertThat(prysm.command())
        .contains("--accept-terms-of-use", "--slashing-protection-export-dir=/ephemery-export");
    assertThat(prysm.outputFile()).isEqualTo("/ephemery-export/slashing_protection.json");
    SlashingExport nimbus = of(ConsensusClient.NIMBUS);
    assertThat(nimbus.image())
        .as("the validator client image has no slashingdb command")
        .isEqualTo(new NimbusBeaconProfile().image());
    assertThat(nimbus.command())
        .isEqualTo(List.of("slashingdb", "export", SlashingExport.FILE, "--data-dir=/data"));
    assertThat(of(ConsensusClient.LODESTAR).command())
        .contains("--paramsFile=/testnet/config.yaml", "--file=" + SlashingExport.FILE);
  }

  @Test
  void clientsWithoutSlashingProtectionHaveNoExport() {
    assertThat(new GethProfile().slashingExport("/testnet")).isEmpty();
    assertThat(new LighthouseBeaconProfile().slashingExport("/testnet")).isEmpty();
  }

  @Test
  void grandinesBuiltInValidatorExportsWithItsInterchangeSubcommandAfterTheNetworkOptions() {
    SlashingExport export = new GrandineBeaconProfile().slashingExport("/testnet").orElseThrow();
    assertThat(export.image()).as("the beacon node's own image").isNull();
    assertThat(export.command())
        .containsExactly(
            "--network=custom",
            "--configuration-directory=/testnet",
            "--data-dir=/data",
            "interchange",
            "export",
            SlashingExport.FILE);
    assertThat(export.outputFile()).isEqualTo(SlashingExport.FILE);
  }
}
