package dev.ephemery.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.ConsensusClient;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlashingImportTest {

  /** The profile that keeps the client's slashing DB: its validator, or grandine's beacon node. */
  static ClientProfile keeper(ConsensusClient client) {
    return ClientProfiles.builtInValidator(client)
        ? ClientProfiles.beacon(client)
        : ClientProfiles.validator(client).orElseThrow();
  }

  static SlashingImport of(ConsensusClient client) {
    return keeper(client).slashingImport("/testnet").orElseThrow();
  }

  @Test
  void everyClientWithSlashingProtectionImportsOfflineIntoItsDataFolderFromTheImportFile() {
    for (ConsensusClient client : ConsensusClient.values()) {
      ClientProfile profile = keeper(client);
      assertThat(profile.slashingExport("/testnet"))
          .as(client.id() + " keeps slashing protection")
          .isPresent();
      SlashingImport in = profile.slashingImport("/testnet").orElseThrow();
      assertThat(in.command()).as(client.id()).anyMatch(t -> t.contains(ContainerPaths.DATA));
      assertThat(in.command())
          .as(client.id() + ": reads the mounted file")
          .anyMatch(t -> t.endsWith(SlashingImport.FILE));
      assertThat(String.join(" ", in.command()))
          .as(client.id() + ": no beacon node")
          .doesNotContain("http");
      assertThat(in.source()).as(client.id()).isNotBlank();
    }
  }

  @Test
  void eachClientUsesItsOwnImportCommandAgainstTheSameFoldersAsItsExport() {
    assertThat(of(ConsensusClient.TEKU).command())
        .containsExactly(
            "slashing-protection", "import", "--data-path=/data", "--from=" + SlashingImport.FILE);
    assertThat(of(ConsensusClient.PRYSM).command())
        .containsExactly(
            "slashing-protection-history",
            "import",
            "--accept-terms-of-use",
            "--datadir=/data",
            "--slashing-protection-json-file=" + SlashingImport.FILE);
    SlashingImport nimbus = of(ConsensusClient.NIMBUS);
    assertThat(nimbus.image())
        .as("the validator client image has no slashingdb command")
        .isEqualTo(new NimbusBeaconProfile().image());
    assertThat(nimbus.command())
        .isEqualTo(List.of("slashingdb", "import", SlashingImport.FILE, "--data-dir=/data"));
    assertThat(of(ConsensusClient.LODESTAR).command())
        .containsExactly(
            "validator",
            "slashing-protection",
            "import",
            "--dataDir=/data",
            "--paramsFile=/testnet/config.yaml",
            "--file=" + SlashingImport.FILE);
    SlashingImport grandine = of(ConsensusClient.GRANDINE);
    assertThat(grandine.image()).as("the beacon node's own image").isNull();
    assertThat(grandine.command())
        .as("the network options come before the subcommand")
        .containsExactly(
            "--network=custom",
            "--configuration-directory=/testnet",
            "--data-dir=/data",
            "interchange",
            "import",
            SlashingImport.FILE);
  }

  @Test
  void importAndExportRunWithTheSameImage() {
    for (ConsensusClient client : ConsensusClient.values()) {
      ClientProfile profile = keeper(client);
      assertThat(of(client).image())
          .as(client.id())
          .isEqualTo(profile.slashingExport("/testnet").orElseThrow().image());
    }
  }

  @Test
  void clientsWithoutSlashingProtectionHaveNoImport() {
    assertThat(new GethProfile().slashingImport("/testnet")).isEmpty();
    assertThat(new TekuBeaconProfile().slashingImport("/testnet")).isEmpty();
  }
}
