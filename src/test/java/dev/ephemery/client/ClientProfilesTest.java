package dev.ephemery.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientProfilesTest {

  static List<ClientProfile> all() {
    List<ClientProfile> all = new ArrayList<>();
    for (ExecutionClient el : ExecutionClient.values()) {
      all.add(ClientProfiles.execution(el));
    }
    for (ConsensusClient cl : ConsensusClient.values()) {
      all.add(ClientProfiles.beacon(cl));
      ClientProfiles.validator(cl).ifPresent(all::add);
    }
    return all;
  }

  @Test
  void everyClientHasAProfileWithAPinnedImage() {
    assertThat(all()).hasSize(16);
    for (ClientProfile profile : all()) {
      assertThat(profile.image()).as(profile.id()).contains(":").doesNotEndWith(":latest");
      profile.wrapperImage().ifPresent(w -> assertThat(w).startsWith("pk910/ephemery-"));
    }
  }

  @Test
  void engineApiIsNeverPublishedByAnyProfile() {
    for (ClientProfile profile : all()) {
      assertThat(profile.ports(profile.defaultP2pPort()))
          .filteredOn(p -> p.name().equals("engine"))
          .allSatisfy(p -> assertThat(p.exposure()).isEqualTo(PortSpec.Exposure.NETWORK_ONLY));
    }
  }

  @Test
  void everyProfileNamesMetricsAndWipeRules() {
    for (ClientProfile profile : all()) {
      assertThat(profile.metrics().port()).as(profile.id()).isPositive();
      assertThat(profile.ports(profile.defaultP2pPort()))
          .anySatisfy(p -> assertThat(p.container()).isEqualTo(profile.metrics().port()));
      assertThat(profile.wipeRules()).isNotNull();
    }
  }

  @Test
  void readsFlagNamesAndValuesInBothSpellings() {
    List<String> args = List.of("--networkid", "38356", "-http", "--port=30304");
    assertThat(Args.flagNames(args)).containsExactly("--networkid", "--http", "--port");
    assertThat(Args.valueOf(args, "--networkid")).contains("38356");
    assertThat(Args.valueOf(args, "--port")).contains("30304");
    assertThat(Args.valueOf(args, "--http")).contains("");
    assertThat(Args.valueOf(args, "--datadir")).isEmpty();
  }

  @Test
  void renamedFlagsAreTheRemovedOnesReplacedByOneOptionWithTheSameValue() {
    assertThat(ClientProfiles.renamedFlags("execution", "geth"))
        .containsEntry("--txlookuplimit", "--history.transactions")
        .doesNotContainKey("--nousb");
    assertThat(ClientProfiles.renamedFlags("execution", "nethermind"))
        .as("--datadir's replacement takes its value apart: no rename")
        .isEmpty();
    assertThat(ClientProfiles.renamedFlags("consensus", "prysm"))
        .containsEntry("--grpc-gateway-port", "--http-port");
    assertThat(ClientProfiles.renamedFlags("validator", "grandine")).isEmpty();
    assertThat(ClientProfiles.renamedFlags("execution", "no-such-client")).isEmpty();
  }
}
