package dev.ephemery.inventory;

import dev.ephemery.common.Problem;
import java.util.List;

/**
 * A check that runs on an inventory that passed schema validation: {@code ephemery check} runs each
 * registered one and reports all problems together. Checks that need I/O (files on this machine,
 * hosts) implement it outside the pure core.
 */
@FunctionalInterface
public interface InventoryCheck {

  /** Every problem found; an empty list when the inventory passes. */
  List<Problem> check(Inventory inventory);
}
