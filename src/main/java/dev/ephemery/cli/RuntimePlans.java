package dev.ephemery.cli;

import dev.ephemery.common.EphemeryException;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.plan.Plan;
import dev.ephemery.plan.PlanOptions;
import dev.ephemery.plan.Planner;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The inventory and plan a runtime command works from: {@code --plan FILE} when given, otherwise
 * planned from the inventory and the verified release (--release, or the newest cached one).
 *
 * @param releaseFolder the release files to install, or null when none is known
 * @param release the verified release planned for, or null with --plan or without a plan
 */
record RuntimePlans(
    Inventory inventory,
    Optional<Plan> plan,
    Path releaseFolder,
    dev.ephemery.network.Release release) {

  /** For commands that act on a plan (up): with no release at hand, the latest is fetched. */
  static RuntimePlans required(Path inventoryFile, HostScope scope, Path release) {
    return plan(inventoryFile, scope, release, true);
  }

  /**
   * The plan from --plan or the cached release only: for commands that must not download (down).
   */
  static RuntimePlans cachedOnly(Path inventoryFile, HostScope scope) {
    return plan(inventoryFile, scope, null, false);
  }

  private static RuntimePlans plan(
      Path inventoryFile, HostScope scope, Path release, boolean fetchWhenEmpty) {
    if (scope.planFile != null) {
      return new RuntimePlans(
          InventoryLoader.system().load(inventoryFile), scope.plan(), release, null);
    }
    PlanInputs inputs = PlanInputs.load(inventoryFile, release, fetchWhenEmpty);
    Plan plan = new Planner().plan(inputs.inventory(), inputs.release(), PlanOptions.all());
    return new RuntimePlans(
        inputs.inventory(), Optional.of(plan), inputs.releaseFolder(), inputs.release());
  }

  /** For commands that work without a plan (status, down): the plan when one can be made. */
  static RuntimePlans optional(Path inventoryFile, HostScope scope) {
    if (scope.planFile != null) {
      return plan(inventoryFile, scope, null, false);
    }
    Inventory inventory = InventoryLoader.system().load(inventoryFile);
    try {
      return plan(inventoryFile, scope, null, false);
    } catch (EphemeryException noReleaseYet) {
      return new RuntimePlans(inventory, Optional.empty(), null, null);
    }
  }
}
