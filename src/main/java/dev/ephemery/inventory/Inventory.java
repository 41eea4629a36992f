package dev.ephemery.inventory;

import java.util.List;
import java.util.Optional;

/**
 * A validated inventory: the hosts with their defaults already merged in.
 *
 * @param source where it was read from (a path, or {@code <embedded default>})
 */
public record Inventory(String network, List<Host> hosts, String source) {
  public Inventory {
    hosts = List.copyOf(hosts);
  }

  public Optional<Host> host(String name) {
    return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
  }

  /**
   * Position of the host with this name in {@link #hosts()}, or -1. Compares names only: a record's
   * generated equals is needlessly slow to bootstrap on a short command's path.
   */
  public int indexOf(String name) {
    for (int i = 0; i < hosts.size(); i++) {
      if (hosts.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
