package dev.ephemery.inventory;

/**
 * The on-host supervisor ({@code ephemery run} in a container next to the node), which follows the
 * resets while the operator's machine is off.
 *
 * @param image a pinned JRE image instead of the tested default, or null
 * @param port where its {@code /status} and {@code /metrics} are published on 127.0.0.1: several
 *     nodes on one machine each need their own
 */
public record SupervisorSpec(boolean enabled, String image, int port) {
  public static final int DEFAULT_PORT = 9777;

  public static final SupervisorSpec DEFAULT = new SupervisorSpec(true, null, DEFAULT_PORT);

  public SupervisorSpec(boolean enabled, String image) {
    this(enabled, image, DEFAULT_PORT);
  }
}
