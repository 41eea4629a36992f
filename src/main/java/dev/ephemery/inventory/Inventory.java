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
}
