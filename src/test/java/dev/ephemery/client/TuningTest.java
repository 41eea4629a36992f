package dev.ephemery.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.inventory.Flavor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TuningTest {
  final GethProfile geth = new GethProfile();
  final List<String> generated = geth.command(ProfileTesting.execution(Flavor.UPSTREAM, 30303));

  @Test
  void aTunableDefaultIsReplacedWhateverItsSpelling() {
    for (List<String> given :
        List.of(
            List.of("--syncmode=snap"),
            List.of("--syncmode", "snap"),
            List.of("-syncmode=snap"),
            List.of("-syncmode", "snap"))) {
      assertThat(Tuning.replaced(geth, generated, given))
          .as("%s", given)
          .containsExactly("--syncmode");
      List<String> command = Tuning.command(geth, generated, given);
      assertThat(command).as("%s", given).doesNotContain("--syncmode=full");
      assertThat(command.subList(command.size() - given.size(), command.size())).isEqualTo(given);
      assertThat(command).hasSize(generated.size() - 1 + given.size());
    }
  }

  @Test
  void wiringIsNeverReplaced() {
    List<String> given = List.of("--authrpc.port=8552", "--datadir", "/elsewhere");
    assertThat(Tuning.replaced(geth, generated, given)).isEmpty();
    assertThat(Tuning.command(geth, generated, given))
        .contains("--authrpc.port=8551", "--datadir=/data", "--authrpc.port=8552");
  }

  @Test
  void flagsThePlanDoesNotGenerateAreSimplyAppended() {
    List<String> given = List.of("--cache=4096", "--maxpeers=100");
    assertThat(Tuning.replaced(geth, generated, given)).isEmpty();
    List<String> expected = new ArrayList<>(generated);
    expected.addAll(given);
    assertThat(Tuning.command(geth, generated, given)).isEqualTo(expected);
  }

  @Test
  void aReplacedFlagWithASeparateValueLosesItsValueToo() {
    List<String> command =
        Tuning.command(
            List.of("--data-dir"),
            List.of("--config=none", "--data-dir", "/data", "--x"),
            List.of("--data-dir=/d"));
    assertThat(command).containsExactly("--config=none", "--x", "--data-dir=/d");
  }

  /** The data stays true: a profile declares as tunable only flags its command generates. */
  @Test
  void everyTunableDefaultIsAFlagTheProfileGenerates() {
    List<ClientProfile> profiles = new ArrayList<>();
    List<List<String>> commands = new ArrayList<>();
    for (ExecutionClient el : ExecutionClient.values()) {
      ClientProfile p = ClientProfiles.execution(el);
      profiles.add(p);
      commands.add(p.command(ProfileTesting.execution(Flavor.UPSTREAM, 30303)));
    }
    for (ConsensusClient cl : ConsensusClient.values()) {
      ClientProfile bn = ClientProfiles.beacon(cl);
      profiles.add(bn);
      commands.add(bn.command(ProfileTesting.beacon(Flavor.UPSTREAM, 9000, null)));
      ClientProfiles.validator(cl)
          .ifPresent(
              vc -> {
                profiles.add(vc);
                commands.add(vc.command(ProfileTesting.validator(Flavor.UPSTREAM)));
              });
    }
    for (int i = 0; i < profiles.size(); i++) {
      assertThat(Args.flagNames(commands.get(i)))
          .as(profiles.get(i).id() + " " + profiles.get(i).kind())
          .containsAll(profiles.get(i).tunableDefaults());
    }
    assertThat(geth.tunableDefaults()).containsExactly("--syncmode");
  }
}
