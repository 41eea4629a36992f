package dev.ephemery.cli;

import dev.ephemery.inventory.InventoryDefaults.HostFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the facts about this machine that the pure core is handed. */
final class SystemFacts {

  private SystemFacts() {}

  static HostFacts hostFacts() {
    return new HostFacts(uid(), System.getProperty("user.home", ""));
  }

  /** The effective uid: Linux shows it as the owner of /proc/self. */
  private static int uid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name")) ? 0 : 1000;
    }
  }
}
