package dev.ephemery.wiring;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.inventory.Address;
import dev.ephemery.inventory.Host;
import dev.ephemery.runtime.HostShell;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.local.LocalHostShell;
import dev.ephemery.runtime.ssh.SshHostShell;

/** Picks the shell a host's machine is reached through: this machine's, or one over SSH. */
public final class HostShells {

  private HostShells() {}

  /** Whether {@code hosts prepare} can reach the host's machine with a shell. */
  public static boolean reachable(Host host) {
    return !(host.address() instanceof Address.Kubernetes);
  }

  public static HostShell open(Host host) {
    if (host.address() instanceof Address.Local) {
      return new LocalHostShell(host.name());
    }
    if (host.address() instanceof Address.Ssh) {
      return SshHostShell.open(HostTarget.of(host));
    }
    throw InvalidInputException.of(
        host.name(),
        "a kubernetes:// host has no machine of its own to prepare",
        "prepare the cluster's nodes with the cluster's own tools");
  }
}
