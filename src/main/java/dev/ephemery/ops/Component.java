package dev.ephemery.ops;

import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import java.nio.file.Path;

/**
 * One container of a node as the reset sees it: the plan's service name, what it is, its data
 * folder on the host with the rules for wiping it, and the planned containers that start it.
 *
 * @param service the new iteration's planned container, or null where no plan is involved
 * @param init the planned genesis-init container (run once before {@code service}), or null
 */
public record Component(
    String name,
    Role role,
    String client,
    Path dataDir,
    DataDirRules rules,
    Service service,
    Service init) {

  public Component(String name, Role role, String client, Path dataDir, DataDirRules rules) {
    this(name, role, client, dataDir, rules, null, null);
  }
}
