package dev.ephemery.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.Flavor;
import org.junit.jupiter.api.Test;

class PrysmProfileTest {
  final PrysmBeaconProfile bn = new PrysmBeaconProfile();
  final PrysmValidatorProfile vc = new PrysmValidatorProfile();

  @Test
  void readsTheReleaseConfigAndAcceptsTheTerms() {
    assertThat(bn.command(ProfileTesting.beacon(Flavor.UPSTREAM, 13000, null)))
        .contains(
            "--chain-config-file=/testnet/derived/prysm-config.yaml",
            "--genesis-state=/testnet/genesis.ssz",
            "--accept-terms-of-use",
            "--jwt-secret=/secrets/jwt.hex");
  }

  @Test
  void bothPrysmClientsReadTheDerivedConfigButTheWrapperKeepsItsOwn() {
    String derived = "/testnet/" + PrysmChainConfig.FILE;
    assertThat(
            Args.valueOf(
                bn.command(ProfileTesting.beacon(Flavor.UPSTREAM, 13000, null)),
                "--chain-config-file"))
        .contains(derived);
    assertThat(
            Args.valueOf(
                vc.command(ProfileTesting.validator(Flavor.UPSTREAM)), "--chain-config-file"))
        .contains(derived);
    assertThat(
            Args.valueOf(
                bn.command(ProfileTesting.beacon(Flavor.WRAPPER, 13000, null)),
                "--chain-config-file"))
        .isEmpty();
    assertThat(
            Args.valueOf(
                vc.command(ProfileTesting.validator(Flavor.WRAPPER)), "--chain-config-file"))
        .isEmpty();
  }

  @Test
  void repeatsTheBootstrapNodeFlagPerEnr() {
    var command = bn.command(ProfileTesting.beacon(Flavor.UPSTREAM, 13000, null));
    assertThat(command.stream().filter(a -> a.startsWith("--bootstrap-node=enr:"))).hasSize(3);
  }

  @Test
  void keepsItsPeerIdAcrossResets() {
    assertThat(bn.command(ProfileTesting.beacon(Flavor.UPSTREAM, 13000, null)))
        .contains("--p2p-static-id");
    assertThat(bn.wipeRules().keep()).containsExactly("network-keys");
  }

  @Test
  void aResetWipesTheBlobsAndDataColumnsBesideTheDatabase() {
    assertThat(bn.wipeRules().wipe()).containsExactly("beaconchaindata", "blobs", "data-columns");
  }

  @Test
  void validatorTalksGrpcToThePrysmBeaconNode() {
    assertThat(vc.command(ProfileTesting.validator(Flavor.UPSTREAM)))
        .contains("--beacon-rpc-provider=ephemery-node1-prysm:4000", "--accept-terms-of-use");
    assertThat(vc.wipeRules().resetPerIteration()).containsExactly("validator.db");
    assertThat(vc.wipeRules().keep()).containsExactly("wallet", "wallet-password.txt");
  }

  @Test
  void keysAreImportedIntoAWalletWhosePasswordTheToolMakesAndTheValidatorReads() {
    var context = ProfileTesting.validatorWithPasswords(Flavor.UPSTREAM, false);
    KeyImport step = vc.keyImport(context).orElseThrow();
    assertThat(step.image()).isNull();
    assertThat(step.command())
        .containsExactly(
            "accounts",
            "import",
            "--accept-terms-of-use",
            "--wallet-dir=/data/wallet",
            "--wallet-password-file=/data/wallet-password.txt",
            "--keys-dir=/keys",
            "--account-password-file=/keys-password.txt");
    assertThat(vc.command(context)).contains("--wallet-password-file=/data/wallet-password.txt");
    assertThat(vc.generatedSecrets()).containsExactly("wallet-password.txt");
    assertThat(vc.passwordPerKeystore()).isFalse();
    assertThat(vc.keyImport(ProfileTesting.validatorWithPasswords(Flavor.WRAPPER, false)))
        .as("the wrapper image manages its own")
        .isEmpty();
  }

  @Test
  void wrapperResetCannotReachTheWallet() {
    var command = vc.command(ProfileTesting.validator(Flavor.WRAPPER));
    String dataDir = Args.valueOf(command, "--datadir").orElseThrow();
    String walletDir = Args.valueOf(command, "--wallet-dir").orElseThrow();
    // The wrapper deletes <datadir>/*: the wallet must not be inside it.
    assertThat(walletDir).doesNotStartWith(dataDir + "/");
    assertThat(Args.valueOf(vc.command(ProfileTesting.validator(Flavor.UPSTREAM)), "--datadir"))
        .contains("/data");
  }
}
