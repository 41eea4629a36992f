package dev.ephemery.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.Flavor;
import org.junit.jupiter.api.Test;

class NimbusProfileTest {
  final NimbusBeaconProfile bn = new NimbusBeaconProfile();
  final NimbusValidatorProfile vc = new NimbusValidatorProfile();

  @Test
  void readsTheWholeTestnetDirIncludingTheBlockHashFile() {
    assertThat(bn.command(ProfileTesting.beacon(Flavor.UPSTREAM, 9000, null)))
        .contains("--network=/testnet", "--el=" + ProfileTesting.EL_URL);
    // --network=<dir> refuses a folder without it: the release verifier requires it too.
    assertThat(dev.ephemery.network.ReleaseVerifier.REQUIRED_FILES)
        .contains("deposit_contract_block_hash.txt", "config.yaml", "genesis.ssz");
  }

  @Test
  void turnsDoppelgangerDetectionOffAtGenesis() {
    assertThat(bn.command(ProfileTesting.beacon(Flavor.UPSTREAM, 9000, null)))
        .contains("--doppelganger-detection=false");
    assertThat(vc.command(ProfileTesting.validator(Flavor.UPSTREAM)))
        .contains("--doppelganger-detection=false");
  }

  @Test
  void neverWipesValidatorKeys() {
    assertThat(bn.wipeRules().keep()).contains("validators", "secrets");
    assertThat(bn.wipeRules().wipe()).containsExactly("db");
    assertThat(vc.wipeRules().resetPerIteration())
        .containsExactly("validators/slashing_protection.sqlite3");
  }

  @Test
  void keepsItsNetworkKeyInTheDataDirAcrossRestartsAndResets() {
    var command = bn.command(ProfileTesting.beacon(Flavor.UPSTREAM, 9000, null));
    assertThat(command).contains("--netkey-file=/data/netkey", "--insecure-netkey-password=true");
    assertThat(bn.wipeRules().keep()).contains("netkey");
    assertThat(bn.wipeRules().wipe())
        .noneMatch(path -> path.equals("*") || path.startsWith("netkey"));
  }

  @Test
  void privateDataDirOwnedByTheImageUser() {
    assertThat(bn.owner()).isEqualTo("1000:1000");
    assertThat(bn.dataDirMode()).isEqualTo(0700);
    assertThat(bn.wrapperImage()).isEmpty();
  }

  @Test
  void keysAreImportedWithTheBeaconNodeImageAndThePasswordOnStdin() {
    var vc = new NimbusValidatorProfile();
    KeyImport step =
        vc.keyImport(ProfileTesting.validatorWithPasswords(Flavor.UPSTREAM, false)).orElseThrow();
    assertThat(step.image()).isEqualTo(new NimbusBeaconProfile().image());
    assertThat(step.entrypoint()).containsExactly("sh", "-c");
    assertThat(step.command())
        .containsExactly(
            "exec /home/user/nimbus_beacon_node deposits import --data-dir=/data /keys"
                + " < /keys-password.txt");
  }
}
