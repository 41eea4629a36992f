package dev.ephemery.testkit;

import dev.ephemery.testkit.TestServices.Service;
import java.nio.file.Path;

/**
 * Where the test OpenSSH server listens and how to log in: a key pair authorized for the user and a
 * known_hosts file that pins the server's host key, so tests can (and must) verify host keys
 * exactly like the tool does against real remote hosts.
 */
public record SshTarget(String host, int port, String user, Path privateKey, Path knownHosts) {

  /** The test sshd started by {@code .ci/services.sh}; aborts/fails the test if absent. */
  public static SshTarget fromEnvironment() {
    return new SshTarget(
        TestServices.require(Service.SSH_HOST),
        Integer.parseInt(TestServices.require(Service.SSH_PORT)),
        TestServices.require(Service.SSH_USER),
        TestServices.requirePath(Service.SSH_KEY),
        TestServices.requirePath(Service.SSH_KNOWN_HOSTS));
  }

  /** {@code user@host:port}, for messages. */
  @Override
  public String toString() {
    return user + "@" + host + ":" + port;
  }
}
