package dev.ephemery.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.Flavor;
import org.junit.jupiter.api.Test;

class BesuProfileTest {
  final BesuProfile besu = new BesuProfile();

  @Test
  void readsTheBesuGenesisOfTheReleaseNotTheBuiltInNetwork() {
    var command = besu.command(ProfileTesting.execution(Flavor.UPSTREAM, 30303));
    assertThat(command).contains("--genesis-file=/testnet/besu.json", "--data-path=/data");
    assertThat(Args.flagNames(command)).doesNotContain("--network");
  }

  @Test
  void everyArgumentSurvivesTheEntryScriptShell() {
    // besu-entry.sh re-joins arguments through bash -c: no spaces, no bare *.
    var command = besu.command(ProfileTesting.execution(Flavor.UPSTREAM, 30303));
    assertThat(command).noneMatch(a -> a.equals("*") || a.contains(" "));
    assertThat(command).contains("--engine-host-allowlist=*", "--host-allowlist=*");
    assertThat(besu.argumentsPassThroughShell()).isTrue();
  }

  @Test
  void dataDirBelongsToTheBesuUser() {
    assertThat(besu.owner()).isEqualTo("1000:1000");
    assertThat(besu.wipeRules().keep()).containsExactly("key");
  }
}
