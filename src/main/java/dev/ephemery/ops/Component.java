package dev.ephemery.ops;

import dev.ephemery.plan.DataLayout;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import java.nio.file.Path;

/**
 * One container of a node as the reset sees it: the plan's service name, what it is, its data
 * folder on the host with the plan's layout of it (the wipe rules above all), and the planned
 * containers that start it.
 *
 * @param layout what the plan says about the data folder: what to keep, wipe and archive, whether
 *     it needs its init step again, the client's slashing-protection export and import
 * @param service the new iteration's planned container, or null where no plan is involved
 * @param init the planned genesis-init container (run once before {@code service}), or null
 */
public record Component(
    String name,
    Role role,
    String client,
    Path dataDir,
    DataLayout layout,
    Service service,
    Service init) {

  public Component(String name, Role role, String client, Path dataDir, DataLayout layout) {
    this(name, role, client, dataDir, layout, null, null);
  }
}
