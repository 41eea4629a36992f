package dev.ephemery.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.Flavor;
import org.junit.jupiter.api.Test;

class TekuProfileTest {
  final TekuBeaconProfile bn = new TekuBeaconProfile();
  final TekuValidatorProfile vc = new TekuValidatorProfile();

  @Test
  void readsTheReleaseConfigAndGenesisState() {
    assertThat(bn.command(ProfileTesting.beacon(Flavor.UPSTREAM, 9000, null)))
        .contains(
            "--network=/testnet/config.yaml",
            "--genesis-state=/testnet/genesis.ssz",
            "--ee-endpoint=" + ProfileTesting.EL_URL,
            "--ee-jwt-secret-file=/secrets/jwt.hex")
        .doesNotContain("--network=ephemery");
  }

  @Test
  void restApiAcceptsOtherContainers() {
    assertThat(bn.command(ProfileTesting.beacon(Flavor.UPSTREAM, 9000, null)))
        .contains("--rest-api-host-allowlist=*", "--rest-api-interface=0.0.0.0");
  }

  @Test
  void checkpointUrlIsPassedOnlyWhenGiven() {
    assertThat(Args.flagNames(bn.command(ProfileTesting.beacon(Flavor.UPSTREAM, 9000, null))))
        .doesNotContain("--checkpoint-sync-url", "--initial-state");
  }

  @Test
  void runsAsUid1000AndKeepsTheKvstore() {
    assertThat(bn.owner()).isEqualTo("1000:1000");
    assertThat(bn.wipeRules().keep()).containsExactly("beacon/kvstore");
    assertThat(vc.wipeRules().resetPerIteration()).containsExactly("validator/slashprotection/*");
  }

  @Test
  void validatorClientIsASubcommandOfTheSameImage() {
    var command = vc.command(ProfileTesting.validator(Flavor.UPSTREAM));
    assertThat(command.get(0)).isEqualTo("validator-client");
    assertThat(command)
        .contains(
            "--validator-keys=/keys:/data/validator-passwords",
            "--validators-keystore-locking-enabled=false");
    assertThat(vc.image()).isEqualTo(bn.image());
  }

  @Test
  void onePasswordIsLaidOutAsOneFilePerKeystoreAndAPasswordsDirIsReadAsItIs() {
    var one = ProfileTesting.validatorWithPasswords(Flavor.UPSTREAM, false);
    KeyImport step = vc.keyImport(one).orElseThrow();
    assertThat(step.entrypoint()).containsExactly("sh", "-c");
    assertThat(step.command().get(0))
        .contains("umask 077")
        .contains("cp /keys-password.txt \"/data/validator-passwords/${f%.json}.txt\"");

    var perKeystore = ProfileTesting.validatorWithPasswords(Flavor.UPSTREAM, true);
    assertThat(vc.keyImport(perKeystore)).isEmpty();
    assertThat(vc.command(perKeystore)).contains("--validator-keys=/keys:/keys-passwords");
    assertThat(vc.passwordPerKeystore()).isTrue();
  }
}
