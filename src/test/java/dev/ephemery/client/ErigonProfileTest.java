package dev.ephemery.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.Flavor;
import org.junit.jupiter.api.Test;

class ErigonProfileTest {
  final ErigonProfile erigon = new ErigonProfile();

  @Test
  void initialisesThenRunsOnTheIterationNetworkId() {
    var context = ProfileTesting.execution(Flavor.UPSTREAM, 30303);
    assertThat(erigon.init(context).orElseThrow().command())
        .containsExactly("init", "--datadir=/data", "/testnet/genesis.json");
    assertThat(erigon.command(context))
        .contains("--networkid=39438153", "--externalcl", "--authrpc.vhosts=*")
        .noneMatch(a -> a.startsWith("--chain"));
  }

  @Test
  void dataDirIsWritableByUid1000() {
    assertThat(erigon.owner()).isEqualTo("1000:1000");
  }

  @Test
  void hasNoUsableWrapperImage() {
    assertThat(erigon.wrapperImage()).isEmpty();
    assertThat(erigon.wrapperUnsupportedReason()).contains("--chain=dev");
  }

  @Test
  void keepsOnlyTheNodeKeyAndInitsAgain() {
    assertThat(erigon.wipeRules().keep()).containsExactly("nodekey");
    assertThat(erigon.wipeRules().reinit()).isTrue();
  }
}
