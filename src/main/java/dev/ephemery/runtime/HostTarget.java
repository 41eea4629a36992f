package dev.ephemery.runtime;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.inventory.Address;
import dev.ephemery.inventory.Host;
import java.net.URI;
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
        host.sshKeyFile() == null ? null : Path.of(host.sshKeyFile()),
        host.knownHostsFile() == null ? null : Path.of(host.knownHostsFile()));
  }

  public static HostTarget local(String name) {
    return new HostTarget(name, new Address.Local(), null, null);
  }

  /**
   * Parses the inventory spelling of an address: {@code local} or {@code ssh://user@host[:port]}.
   */
  public static Address parseAddress(String where, String text) {
    if (text == null || text.isBlank() || text.equals("local")) {
      return new Address.Local();
    }
    try {
      URI uri = URI.create(text);
      if ("ssh".equals(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() != null) {
        return new Address.Ssh(
            uri.getUserInfo(),
            uri.getHost(),
            uri.getPort() < 0 ? Address.DEFAULT_SSH_PORT : uri.getPort());
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw InvalidInputException.of(
        where,
        "address '" + text + "' is neither 'local' nor ssh://user@host[:port]",
        "write e.g. ssh://ops@node1.example.org:2222");
  }

  public Path knownHostsOrDefault() {
    return knownHostsFile != null
        ? knownHostsFile
        : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
  }
}
