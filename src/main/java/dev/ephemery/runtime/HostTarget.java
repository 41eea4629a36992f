package dev.ephemery.runtime;

import dev.ephemery.inventory.Address;
import dev.ephemery.inventory.Host;
import java.nio.file.Path;

/**
 * Where one host's Docker daemon is and how to reach it.
 *
 * @param sshKeyFile private key for SSH, or null for the agent (and ~/.ssh default keys)
 * @param knownHostsFile known_hosts for SSH, or null for ~/.ssh/known_hosts
 */
public record HostTarget(String name, Address address, Path sshKeyFile, Path knownHostsFile) {

  public static final String LOCAL_SOCKET = "/var/run/docker.sock";

  public static HostTarget of(Host host) {
    return new HostTarget(
        host.name(),
        host.address(),
        localFile(host.sshKeyFile()),
        localFile(host.knownHostsFile()));
  }

  /**
   * A file on the machine running ephemery, {@code ~/} meaning its user's home (as
   * docs/inventory.md allows and {@code check} reads it), so {@code up} opens the file {@code
   * check} found.
   */
  static Path localFile(String file) {
    if (file == null) {
      return null;
    }
    if (file.equals("~") || file.startsWith("~/")) {
      return Path.of(System.getProperty("user.home", "/") + file.substring(1));
    }
    return Path.of(file);
  }

  public static HostTarget local(String name) {
    return new HostTarget(name, new Address.Local(), null, null);
  }

  public Path knownHostsOrDefault() {
    return knownHostsFile != null
        ? knownHostsFile
        : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
  }
}
