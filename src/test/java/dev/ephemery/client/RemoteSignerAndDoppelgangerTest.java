package dev.ephemery.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.Flavor;
import dev.ephemery.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code validator.remoteSigner} and {@code validator.doppelganger} reach every client that takes
 * them, under its own flags (each cited in its profile), and nothing is passed when they are unset.
 */
class RemoteSignerAndDoppelgangerTest {

  static final String SIGNER = "http://web3signer:9000/";

  private static ClientContext context(String signer, boolean doppelganger) {
    return new ClientContext(
        Fixtures.release153(),
        Flavor.UPSTREAM,
        9000,
        "http://el:8551",
        "http://cl:5052",
        "ephemery-node1-prysm",
        null,
        new ClientContext.ValidatorSettings(
            signer == null,
            "0x000000000000000000000000000000000000dEaD",
            null,
            null,
            null,
            signer,
            doppelganger));
  }

  /** The signer (VC, or grandine's beacon node) of each consensus client. */
  private static ClientProfile signer(ConsensusClient client) {
    return ClientProfiles.validator(client).orElse(ClientProfiles.beacon(client));
  }

  @Test
  void aRemoteSignerIsPassedWhereTheClientTakesOneByUrl() {
    Map<ConsensusClient, List<String>> expected =
        Map.of(
            ConsensusClient.PRYSM,
            List.of(
                "--validators-external-signer-url=" + SIGNER,
                "--validators-external-signer-public-keys=http://web3signer:9000/api/v1/eth2/publicKeys"),
            ConsensusClient.TEKU,
            List.of(
                "--validators-external-signer-url=" + SIGNER,
                "--validators-external-signer-public-keys=http://web3signer:9000/api/v1/eth2/publicKeys"),
            ConsensusClient.NIMBUS,
            List.of("--web3-signer-url=" + SIGNER),
            ConsensusClient.LODESTAR,
            List.of("--externalSigner.url=" + SIGNER, "--externalSigner.fetch"),
            ConsensusClient.GRANDINE,
            List.of("--web3signer-urls=" + SIGNER));
    for (ConsensusClient client : ConsensusClient.values()) {
      ClientProfile profile = signer(client);
      List<String> command = profile.command(context(SIGNER, false));
      if (expected.containsKey(client)) {
        assertThat(profile.takesRemoteSigner()).as(client.id()).isTrue();
        assertThat(command).as(client.id()).containsAll(expected.get(client));
        assertThat(command).as(client.id() + ": no local keys").noneMatch(a -> a.contains("/keys"));
      } else {
        assertThat(profile.takesRemoteSigner()).as(client.id()).isFalse();
      }
      assertThat(String.join(" ", profile.command(context(null, false))))
          .as(client.id() + " without a signer")
          .doesNotContain("web3signer")
          .doesNotContain("external");
    }
  }

  @Test
  void doppelgangerProtectionIsOnlyOnWhenAsked() {
    Map<ConsensusClient, List<String>> on =
        Map.of(
            ConsensusClient.LIGHTHOUSE, List.of("--enable-doppelganger-protection"),
            ConsensusClient.PRYSM, List.of("--enable-doppelganger"),
            ConsensusClient.TEKU, List.of("--doppelganger-detection-enabled=true"),
            ConsensusClient.NIMBUS, List.of("--doppelganger-detection=true"),
            ConsensusClient.LODESTAR, List.of("--doppelgangerProtection=true"),
            ConsensusClient.GRANDINE, List.of("--track-liveness", "--detect-doppelgangers"));
    for (ConsensusClient client : ConsensusClient.values()) {
      ClientProfile profile = signer(client);
      assertThat(profile.command(context(null, true))).as(client.id()).containsAll(on.get(client));
      List<String> off = profile.command(context(null, false));
      for (String flag : on.get(client)) {
        assertThat(off).as(client.id() + " by default").doesNotContain(flag);
      }
    }
    assertThat(signer(ConsensusClient.NIMBUS).command(context(null, false)))
        .as("nimbus's own default is on: the plan turns it off")
        .contains("--doppelganger-detection=false");
  }
}
