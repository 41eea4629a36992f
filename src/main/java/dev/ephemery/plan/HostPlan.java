package dev.ephemery.plan;

import java.util.List;

/**
 * The desired state of one host: the network, the paths and the containers in start order.
 *
 * @param network the node stack's own Docker network name (unique per node)
 * @param paths folders and files to create before any container, under the host's baseDir
 * @param services containers in start order (init steps first)
 * @param resetOwner who wipes data at a new iteration: this tool, or the wrapper images themselves
 */
public record HostPlan(
    String name,
    String address,
    String baseDir,
    int iteration,
    String network,
    List<PlannedPath> paths,
    List<Service> services,
    ResetOwner resetOwner) {

  /** Who resets the node's data when a new iteration starts. */
  public enum ResetOwner {
    /** This tool's reset machine, following the profiles' wipe rules. */
    TOOL,
    /** The pk910 wrapper images reset inside their containers: the tool must not reset too. */
    WRAPPER;

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public HostPlan {
    paths = List.copyOf(paths);
    services = List.copyOf(services);
  }

  public HostPlan(
      String name,
      String address,
      String baseDir,
      int iteration,
      String network,
      List<PlannedPath> paths,
      List<Service> services) {
    this(name, address, baseDir, iteration, network, paths, services, ResetOwner.TOOL);
  }

  public java.util.Optional<Service> service(String serviceName) {
    return services.stream().filter(s -> s.name().equals(serviceName)).findFirst();
  }
}
