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
 */
record RuntimePlans(Inventory inventory, Optional<Plan> plan, Path releaseFolder) {

  static RuntimePlans required(Path inventoryFile, HostScope scope, Path release) {
    if (scope.planFile != null) {
      return new RuntimePlans(InventoryLoader.system().load(inventoryFile), scope.plan(), release);
    }
    PlanInputs inputs = PlanInputs.load(inventoryFile, release);
    Plan plan = new Planner().plan(inputs.inventory(), inputs.release(), PlanOptions.all());
    return new RuntimePlans(inputs.inventory(), Optional.of(plan), inputs.releaseFolder());
  }

  /** For commands that work without a plan (status, down): the plan when one can be made. */
  static RuntimePlans optional(Path inventoryFile, HostScope scope) {
    if (scope.planFile != null) {
      return required(inventoryFile, scope, null);
    }
    Inventory inventory = InventoryLoader.system().load(inventoryFile);
    try {
      return required(inventoryFile, scope, null);
    } catch (EphemeryException noReleaseYet) {
      return new RuntimePlans(inventory, Optional.empty(), null);
    }
  }
}
