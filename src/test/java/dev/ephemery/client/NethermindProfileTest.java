package dev.ephemery.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.Flavor;
import org.junit.jupiter.api.Test;

class NethermindProfileTest {
  final NethermindProfile nethermind = new NethermindProfile();

  @Test
  void readsTheChainspecAndGenesisHashOfTheRelease() {
    var command = nethermind.command(ProfileTesting.execution(Flavor.UPSTREAM, 30303));
    assertThat(command)
        .contains(
            "--config=none",
            "--Init.ChainSpecPath=/testnet/chainspec.json",
            "--Init.GenesisHash=0x7b3c37be95550af7241bb38cb2fb28ac5b6e58fe7eebb601da5f37c8721f4aa5");
  }

  @Test
  void setsTheEngineHostAndPortExplicitly() {
    // EngineHost defaults to 127.0.0.1 and EnginePort to null: no endpoint for another container.
    assertThat(nethermind.command(ProfileTesting.execution(Flavor.UPSTREAM, 30303)))
        .contains(
            "--JsonRpc.EngineHost=0.0.0.0",
            "--JsonRpc.EnginePort=8551",
            "--JsonRpc.JwtSecretFile=/secrets/jwt.hex");
  }

  @Test
  void passesTheDataDirAsTwoTokensNotWithAnEqualsSign() {
    var command = nethermind.command(ProfileTesting.execution(Flavor.UPSTREAM, 30303));
    int at = command.indexOf("--data-dir");
    assertThat(at).isNotNegative();
    assertThat(command.get(at + 1)).isEqualTo("/data");
    assertThat(command).noneMatch(a -> a.startsWith("--datadir="));
  }

  @Test
  void keepsTheNodeKeyAndWipesTheDatabase() {
    assertThat(nethermind.wipeRules().keep()).containsExactly("keystore/node.key.plain");
    assertThat(nethermind.wipeRules().wipe()).contains("db");
  }
}
