package dev.ephemery.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.Flavor;
import org.junit.jupiter.api.Test;

class LighthouseProfileTest {
  final LighthouseBeaconProfile bn = new LighthouseBeaconProfile();
  final LighthouseValidatorProfile vc = new LighthouseValidatorProfile();

  @Test
  void usesTheTestnetDirNeverTheNetworkFlag() {
    var command = bn.command(ProfileTesting.beacon(Flavor.UPSTREAM, 9000, null));
    assertThat(command.subList(0, 2)).containsExactly("lighthouse", "bn");
    assertThat(command).contains("--testnet-dir=/testnet");
    assertThat(Args.flagNames(command)).doesNotContain("--network");
    assertThat(bn.builtInEphemery()).isFalse();
  }

  @Test
  void genesisSyncNeedsTheInsecureGenesisSyncFlag() {
    assertThat(bn.command(ProfileTesting.beacon(Flavor.UPSTREAM, 9000, null)))
        .contains("--allow-insecure-genesis-sync");
    var withCheckpoint =
        bn.command(
            ProfileTesting.beacon(
                Flavor.UPSTREAM, 9000, "https://checkpoint-sync.ephemery.ethpandaops.io"));
    assertThat(withCheckpoint)
        .contains("--checkpoint-sync-url=https://checkpoint-sync.ephemery.ethpandaops.io")
        .doesNotContain("--allow-insecure-genesis-sync");
  }

  @Test
  void reachesTheExecutionClientByContainerNameWithTheSharedJwt() {
    assertThat(bn.command(ProfileTesting.beacon(Flavor.UPSTREAM, 9000, null)))
        .contains(
            "--execution-endpoint=" + ProfileTesting.EL_URL, "--execution-jwt=/secrets/jwt.hex");
  }

  @Test
  void wrapperAddsTheTestnetDirItself() {
    var command = bn.command(ProfileTesting.beacon(Flavor.WRAPPER, 9000, null));
    assertThat(Args.flagNames(command)).doesNotContain("--testnet-dir");
    assertThat(bn.image(Flavor.WRAPPER)).startsWith("pk910/ephemery-lighthouse:");
  }

  @Test
  void keepsTheNetworkKeyAndResetsTheSlashingDatabaseOnly() {
    assertThat(bn.wipeRules().keep()).containsExactly("beacon/network");
    assertThat(vc.wipeRules().resetPerIteration())
        .containsExactly("validators/slashing_protection.sqlite");
    assertThat(vc.wipeRules().keep()).contains("validators", "secrets");
    assertThat(vc.wipeRules().wipe()).isEmpty();
  }

  @Test
  void validatorTalksToTheBeaconNodeOfTheNode() {
    var command = vc.command(ProfileTesting.validator(Flavor.UPSTREAM));
    assertThat(command.subList(0, 2)).containsExactly("lighthouse", "vc");
    assertThat(command)
        .contains("--beacon-nodes=" + ProfileTesting.BN_URL, "--testnet-dir=/testnet")
        .contains("--suggested-fee-recipient=0x000000000000000000000000000000000000dEaD");
  }

  @Test
  void quicPortIsTheNextPort() {
    assertThat(bn.ports(9100))
        .contains(PortSpec.p2p("quic", 9101, "udp"), PortSpec.p2p("p2p", 9100, "tcp"));
  }

  @Test
  void votingKeysAreTheDefinitionsVotingPublicKeysAndTheImportRunsOffline() {
    LighthouseValidatorProfile vc = new LighthouseValidatorProfile();
    String key = "0x" + "A1".repeat(48);
    String definitions =
        "---\n- enabled: true\n  voting_public_key: \""
            + key
            + "\"\n  type: local_keystore\n"
            + "- enabled: false\n  voting_public_key: 0x"
            + "b2".repeat(48)
            + "\n";
    assertThat(vc.votingKeys().orElseThrow().file())
        .isEqualTo("validators/validator_definitions.yml");
    assertThat(vc.votingKeys().orElseThrow().in(definitions))
        .containsExactly(key.toLowerCase(java.util.Locale.ROOT), "0x" + "b2".repeat(48));
    assertThat(vc.slashingImport("/testnet").orElseThrow().command())
        .containsExactly(
            "lighthouse",
            "--testnet-dir=/testnet",
            "--datadir=/data",
            "account",
            "validator",
            "slashing-protection",
            "import",
            SlashingImport.FILE);
    assertThat(vc.command(ProfileTesting.validator(dev.ephemery.inventory.Flavor.UPSTREAM)))
        .as("the planned command never carries the flag")
        .doesNotContain("--init-slashing-protection");
  }

  @Test
  void keysAreImportedWithLighthousesOwnImportAndOnePassword() {
    var vc = new LighthouseValidatorProfile();
    KeyImport step =
        vc.keyImport(ProfileTesting.validatorWithPasswords(Flavor.UPSTREAM, false)).orElseThrow();
    assertThat(step.command())
        .containsExactly(
            "lighthouse",
            "--testnet-dir=/testnet",
            "--datadir=/data",
            "account",
            "validator",
            "import",
            "--directory=/keys",
            "--reuse-password",
            "--password-file=/keys-password.txt");
    assertThat(vc.keyImport(ProfileTesting.validatorWithPasswords(Flavor.UPSTREAM, true)))
        .as("lighthouse's import takes one password")
        .isEmpty();
    assertThat(vc.passwordPerKeystore()).isFalse();
  }
}
