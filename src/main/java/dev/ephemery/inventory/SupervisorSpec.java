package dev.ephemery.inventory;

/**
 * The on-host supervisor ({@code ephemery run} in a container next to the node), which follows the
 * resets while the operator's machine is off.
 *
 * @param image a pinned JRE image instead of the tested default, or null
 */
public record SupervisorSpec(boolean enabled, String image) {
  public static final SupervisorSpec DEFAULT = new SupervisorSpec(true, null);
}
