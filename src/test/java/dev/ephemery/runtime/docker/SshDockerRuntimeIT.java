package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.common.OperationalException;
import dev.ephemery.inventory.Address;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.ssh.HostKeys;
import dev.ephemery.runtime.ssh.SshSessions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The same behaviour through OpenSSH: streamlocal to the daemon's socket on the "remote" host. */
class SshDockerRuntimeIT extends DockerRuntimeContract {

  static HostTarget sshTarget(String node, Path knownHosts) {
    String host = ItEnvironment.require("EPHEMERY_IT_SSH_HOST", "the test sshd");
    int port = Integer.parseInt(ItEnvironment.require("EPHEMERY_IT_SSH_PORT", "the test sshd"));
    String user = ItEnvironment.require("EPHEMERY_IT_SSH_USER", "the test sshd");
    Path key = Path.of(ItEnvironment.require("EPHEMERY_IT_SSH_KEY", "the test sshd"));
    return new HostTarget(node, new Address.Ssh(user, host, port), key, knownHosts);
  }

  static Path knownHosts() {
    return Path.of(ItEnvironment.require("EPHEMERY_IT_SSH_KNOWN_HOSTS", "the test sshd"));
  }

  @Override
  HostTarget target(String node) {
    return sshTarget(node, knownHosts());
  }

  @Override
  String address() {
    HostTarget target = target(node);
    return target.address().uri();
  }

  @Override
  boolean filesHere() {
    return false;
  }

  @Test
  void unknownHostKeyIsRefusedWithItsFingerprint() throws IOException {
    Path empty = Files.createTempFile("known_hosts", "");
    try {
      String expected =
          HostKeys.fingerprint(
              SshSessions.fetchHostKey(
                  ItEnvironment.get("EPHEMERY_IT_SSH_HOST"),
                  Integer.parseInt(ItEnvironment.get("EPHEMERY_IT_SSH_PORT"))));

      assertThatThrownBy(() -> DockerConnection.open(sshTarget("stranger", empty)))
          .isInstanceOf(OperationalException.class)
          .hasMessageContaining("is not known")
          .hasMessageContaining(expected)
          .hasMessageContaining("ephemery hosts trust stranger");
      assertThat(expected).startsWith("SHA256:");
      assertThat(empty).isEmptyFile();
    } finally {
      Files.delete(empty);
    }
  }

  @Test
  void fingerprintMatchesWhatOpenSshComputes() throws Exception {
    byte[] key =
        SshSessions.fetchHostKey(
            ItEnvironment.get("EPHEMERY_IT_SSH_HOST"),
            Integer.parseInt(ItEnvironment.get("EPHEMERY_IT_SSH_PORT")));
    Path known = knownHosts();
    Process keygen =
        new ProcessBuilder("ssh-keygen", "-lf", known.toString()).redirectErrorStream(true).start();
    String out = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    keygen.waitFor();

    assertThat(out).contains(HostKeys.fingerprint(key));
  }
}
