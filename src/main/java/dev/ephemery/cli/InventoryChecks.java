package dev.ephemery.cli;

import dev.ephemery.common.Problem;
import dev.ephemery.inventory.Address;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.inventory.InventoryCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks {@code ephemery check} runs after the schema passed. Add a pre-flight check by
 * appending it to {@link #all()}: pure ones live in their own package, ones that need I/O here.
 */
public final class InventoryChecks {

  private InventoryChecks() {}

  public static List<InventoryCheck> all() {
    return List.of(InventoryChecks::sshFilesReadable, ValidatorKeyFiles::check);
  }

  /** Every problem the registered checks find, in registration order. */
  public static List<Problem> run(Inventory inventory, List<InventoryCheck> checks) {
    List<Problem> problems = new ArrayList<>();
    for (InventoryCheck check : checks) {
      problems.addAll(check.check(inventory));
    }
    return problems;
  }

  /** An ssh host's key and known_hosts files must exist here before any connection is tried. */
  static List<Problem> sshFilesReadable(Inventory inventory) {
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < inventory.hosts().size(); i++) {
      Host host = inventory.hosts().get(i);
      if (!(host.address() instanceof Address.Ssh)) {
        continue;
      }
      checkFile(problems, "hosts[" + i + "].sshKeyFile", host.sshKeyFile());
      checkFile(problems, "hosts[" + i + "].knownHostsFile", host.knownHostsFile());
    }
    return problems;
  }

  private static void checkFile(List<Problem> problems, String where, String file) {
    if (file == null) {
      return;
    }
    Path path = expandHome(file);
    if (!Files.isRegularFile(path)) {
      problems.add(
          Problem.at(
              where,
              0,
              "'" + file + "' does not exist on this machine",
              "give the path of an existing file, or remove the key"));
    } else if (!Files.isReadable(path)) {
      problems.add(Problem.at(where, 0, "'" + file + "' is not readable", "check its permissions"));
    }
  }

  static Path expandHome(String file) {
    if (file.equals("~") || file.startsWith("~/")) {
      return Path.of(System.getProperty("user.home", "/") + file.substring(1));
    }
    return Path.of(file);
  }
}
