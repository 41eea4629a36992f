package dev.ephemery.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The SSH files of a host are read where {@code check} found them: {@code ~/} is the home. */
class HostTargetTest {

  @Test
  void aTildeMeansTheHomeOfTheUserRunningEphemery() {
    String home = System.getProperty("user.home");

    assertThat(HostTarget.localFile("~/.ssh/id_ed25519"))
        .isEqualTo(Path.of(home, ".ssh", "id_ed25519"));
    assertThat(HostTarget.localFile("~")).isEqualTo(Path.of(home));
  }

  @Test
  void otherPathsStayAsWrittenAndNoneStaysNone() {
    assertThat(HostTarget.localFile("/etc/ephemery/key")).isEqualTo(Path.of("/etc/ephemery/key"));
    assertThat(HostTarget.localFile("keys/id")).isEqualTo(Path.of("keys/id"));
    assertThat(HostTarget.localFile("~other/key")).isEqualTo(Path.of("~other/key"));
    assertThat(HostTarget.localFile(null)).isNull();
  }
}
