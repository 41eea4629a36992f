package dev.ephemery.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.client.ClientContext;
import dev.ephemery.client.ContainerPaths;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ValidatorSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyMountsTest {

  static ValidatorSpec spec(String passwordFile, String passwordsDir) {
    return new ValidatorSpec(
        true,
        ConsensusClient.TEKU,
        null,
        List.of(),
        "/srv/keys",
        null,
        null,
        passwordFile,
        passwordsDir,
        null,
        true);
  }

  @Test
  void passwordsAreMountedReadOnlyBesideTheKeys() {
    assertThat(Planner.keyMounts(spec("/srv/pw.txt", null)))
        .containsExactly(
            new Mount("/srv/keys", ContainerPaths.KEYS, true),
            new Mount("/srv/pw.txt", ContainerPaths.PASSWORD_FILE, true));
    assertThat(Planner.keyMounts(spec(null, "/srv/pw")))
        .containsExactly(
            new Mount("/srv/keys", ContainerPaths.KEYS, true),
            new Mount("/srv/pw", ContainerPaths.PASSWORDS_DIR, true));
  }

  @Test
  void settingsCarryContainerPathsNotHostPaths() {
    ClientContext.ValidatorSettings settings =
        ClientContext.ValidatorSettings.of(spec(null, "/srv/pw"));
    assertThat(settings.passwordsDir()).isEqualTo(ContainerPaths.PASSWORDS_DIR);
    assertThat(settings.passwordFile()).isNull();
    assertThat(settings.doppelganger()).isTrue();
    assertThat(settings.hasKeys()).isTrue();
  }
}
