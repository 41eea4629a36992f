package dev.ephemery.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.Flavor;
import org.junit.jupiter.api.Test;

class LodestarProfileTest {
  final LodestarBeaconProfile bn = new LodestarBeaconProfile();
  final LodestarValidatorProfile vc = new LodestarValidatorProfile();

  @Test
  void readsTheReleaseFilesNotTheStaleBuiltInNetwork() {
    var command = bn.command(ProfileTesting.beacon(Flavor.UPSTREAM, 9000, null));
    assertThat(command.get(0)).isEqualTo("beacon");
    assertThat(command)
        .contains(
            "--paramsFile=/testnet/config.yaml",
            "--genesisStateFile=/testnet/genesis.ssz",
            "--execution.urls=" + ProfileTesting.EL_URL,
            "--jwtSecret=/secrets/jwt.hex");
    assertThat(Args.flagNames(command)).doesNotContain("--network");
  }

  @Test
  void wipesTheChainDbAndResetsTheValidatorDb() {
    assertThat(bn.wipeRules().wipe()).containsExactly("chain-db/*");
    assertThat(vc.wipeRules().resetPerIteration()).containsExactly("validator-db/*");
    assertThat(vc.command(ProfileTesting.validator(Flavor.UPSTREAM)).get(0)).isEqualTo("validator");
  }

  @Test
  void keysAreImportedIntoTheDataDirWithLodestarsImport() {
    var vc = new LodestarValidatorProfile();
    KeyImport step =
        vc.keyImport(ProfileTesting.validatorWithPasswords(Flavor.UPSTREAM, false)).orElseThrow();
    assertThat(step.command())
        .containsExactly(
            "validator",
            "import",
            "--dataDir=/data",
            "--paramsFile=/testnet/config.yaml",
            "--importKeystores=/keys",
            "--importKeystoresPassword=/keys-password.txt");
  }
}
