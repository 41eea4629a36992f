package dev.ephemery.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.Flavor;
import org.junit.jupiter.api.Test;

class GrandineProfileTest {
  final GrandineBeaconProfile grandine = new GrandineBeaconProfile();

  @Test
  void usesTheCustomNetworkFromTheTestnetDir() {
    assertThat(grandine.command(ProfileTesting.beacon(Flavor.UPSTREAM, 9000, null)))
        .contains(
            "--network=custom",
            "--configuration-directory=/testnet",
            "--eth1-rpc-urls=" + ProfileTesting.EL_URL,
            "--jwt-secret=/secrets/jwt.hex",
            "--metrics-address=0.0.0.0");
  }

  @Test
  void runsItsValidatorInsideTheBeaconNode() {
    assertThat(ClientProfiles.builtInValidator(ConsensusClient.GRANDINE)).isTrue();
    assertThat(ClientProfiles.validator(ConsensusClient.GRANDINE)).isEmpty();
    var context =
        new ClientContext(
            dev.ephemery.testing.Fixtures.release153(),
            Flavor.UPSTREAM,
            9000,
            ProfileTesting.EL_URL,
            null,
            null,
            null,
            new ClientContext.ValidatorSettings(true, "0xabc", null));
    assertThat(grandine.command(context))
        .contains("--keystore-dir=/keys", "--suggested-fee-recipient=0xabc");
  }

  @Test
  void wipesUnderTheConfigNameFolderAndHasNoWrapper() {
    assertThat(grandine.wipeRules().keep()).containsExactly("testnet/network");
    assertThat(grandine.wipeRules().resetPerIteration())
        .containsExactly("testnet/validator/slashing_protection.sqlite");
    assertThat(grandine.wrapperImage()).isEmpty();
  }

  @Test
  void builtInValidatorReadsKeysInPlaceWithOneOrOnePerKeystorePassword() {
    var bn = new GrandineBeaconProfile();
    ClientContext base = ProfileTesting.validatorWithPasswords(Flavor.UPSTREAM, false);
    ClientContext one =
        new ClientContext(
            base.release(),
            Flavor.UPSTREAM,
            9000,
            "http://el:8551",
            null,
            null,
            null,
            base.validator());
    assertThat(bn.command(one))
        .contains("--keystore-dir=/keys", "--keystore-password-file=/keys-password.txt")
        .noneMatch(a -> a.startsWith("--keystore-password-dir"));
    ClientContext perKeystore =
        new ClientContext(
            base.release(),
            Flavor.UPSTREAM,
            9000,
            "http://el:8551",
            null,
            null,
            null,
            ProfileTesting.validatorWithPasswords(Flavor.UPSTREAM, true).validator());
    assertThat(bn.command(perKeystore))
        .contains("--keystore-dir=/keys", "--keystore-password-dir=/keys-passwords");
    assertThat(bn.keyImport(one)).isEmpty();
    assertThat(bn.passwordPerKeystore()).isTrue();
  }
}
