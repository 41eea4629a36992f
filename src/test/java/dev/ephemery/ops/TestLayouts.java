package dev.ephemery.ops;

import dev.ephemery.client.WipeRules;
import dev.ephemery.plan.ClientRef;
import dev.ephemery.plan.DataLayout;
import dev.ephemery.plan.Role;
import java.nio.file.Path;

/** Data layouts for hand-built components, from the client profiles as the planner fills them. */
public final class TestLayouts {

  private TestLayouts() {}

  /** What the planner would carry for {@code client} in {@code role} with its data at dataDir. */
  public static DataLayout of(Role role, String client, Path dataDir) {
    return new ClientRef(role, client)
        .profile()
        .map(profile -> DataLayout.of(profile, dataDir.toString(), null))
        .orElseGet(() -> DataLayout.of(dataDir.toString(), WipeRules.NONE));
  }
}
