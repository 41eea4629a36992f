package dev.ephemery.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.Flavor;
import org.junit.jupiter.api.Test;

class RethProfileTest {
  final RethProfile reth = new RethProfile();

  @Test
  void commandStartsWithTheNodeSubcommand() {
    for (Flavor flavor : Flavor.values()) {
      assertThat(reth.command(ProfileTesting.execution(flavor, 30303)).get(0)).isEqualTo("node");
    }
  }

  @Test
  void readsTheGethGenesisOfTheRelease() {
    assertThat(reth.command(ProfileTesting.execution(Flavor.UPSTREAM, 30303)))
        .contains("--chain=/testnet/genesis.json", "--authrpc.jwtsecret=/secrets/jwt.hex");
    assertThat(reth.init(ProfileTesting.execution(Flavor.UPSTREAM, 30303))).isEmpty();
  }

  @Test
  void wipesTheDatabaseFoldersTogetherAndKeepsTheDiscoverySecret() {
    assertThat(reth.wipeRules().wipe()).contains("db", "static_files", "rocksdb");
    assertThat(reth.wipeRules().keep()).containsExactly("discovery-secret");
  }
}
