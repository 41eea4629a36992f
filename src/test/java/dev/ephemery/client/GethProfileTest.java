package dev.ephemery.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.Flavor;
import org.junit.jupiter.api.Test;

class GethProfileTest {
  final GethProfile geth = new GethProfile();

  @Test
  void joinsTheIterationWithItsChainIdAndBootnodes() {
    var command = geth.command(ProfileTesting.execution(Flavor.UPSTREAM, 30303));
    assertThat(command)
        .contains("--networkid=39438153", "--datadir=/data", "--authrpc.jwtsecret=/secrets/jwt.hex")
        .anySatisfy(a -> assertThat(a).startsWith("--bootnodes=enode://50a54ecb"));
    assertThat(Args.valueOf(command, "--bootnodes").orElseThrow().split(","))
        .containsExactlyElementsOf(dev.ephemery.testing.Fixtures.release153().enodeBootnodes())
        .hasSize(2);
  }

  @Test
  void acceptsEngineCallsFromAnotherContainer() {
    assertThat(geth.command(ProfileTesting.execution(Flavor.UPSTREAM, 30303)))
        .contains("--authrpc.addr=0.0.0.0", "--authrpc.vhosts=*", "--authrpc.port=8551");
  }

  @Test
  void initialisesAFreshDataDirWithTheReleaseGenesis() {
    var init = geth.init(ProfileTesting.execution(Flavor.UPSTREAM, 30303)).orElseThrow();
    assertThat(init.command()).containsExactly("init", "--datadir=/data", "/testnet/genesis.json");
    assertThat(init.entrypoint()).isNull();
    assertThat(geth.wipeRules().reinit()).isTrue();
  }

  @Test
  void wrapperCommandStartsWithAnOptionNotTheBinary() {
    var command = geth.command(ProfileTesting.execution(Flavor.WRAPPER, 30303));
    assertThat(command.get(0)).isNotEqualTo("geth").startsWith("--");
    assertThat(Args.flagNames(command)).doesNotContain("--networkid", "--bootnodes");
    assertThat(geth.init(ProfileTesting.execution(Flavor.WRAPPER, 30303))).isEmpty();
    assertThat(geth.image(Flavor.WRAPPER)).startsWith("pk910/ephemery-geth:");
    assertThat(geth.entrypoint(Flavor.WRAPPER)).isNull();
    assertThat(geth.stopSignal(Flavor.WRAPPER)).isEqualTo("SIGINT");
  }

  @Test
  void keepsTheNodeKeyWhenWiping() {
    assertThat(geth.wipeRules().keep()).containsExactly("geth/nodekey");
    assertThat(geth.wipeRules().wipe()).containsExactly("geth/*");
  }

  @Test
  void pinsAReleaseTagAndNamesRemovedFlags() {
    assertThat(geth.image()).isEqualTo("ethereum/client-go:v1.17.5");
    assertThat(geth.removedFlags()).containsEntry("--txlookuplimit", "--history.transactions");
    assertThat(geth.metrics()).isEqualTo(new Metrics(6060, "/debug/metrics/prometheus"));
  }
}
