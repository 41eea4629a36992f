package dev.ephemery.plan;

import dev.ephemery.network.Iteration;
import java.util.List;

/**
 * The desired state of one host: the network, the paths and the containers in start order.
 *
 * @param iteration the iteration the host runs under this plan (a plain number in JSON)
 * @param network the node stack's own Docker network name (unique per node)
 * @param paths folders and files to create before any container, under the host's baseDir
 * @param services containers in start order (init steps first)
 * @param resetOwner who wipes data at a new iteration: this tool, or the wrapper images themselves
 */
public record HostPlan(
    String name,
    String address,
    String baseDir,
    Iteration iteration,
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
    java.util.Objects.requireNonNull(iteration, "iteration");
    paths = List.copyOf(paths);
    services = List.copyOf(services);
  }

  /** This plan with other services (a test's variant of a node, a subset of it). */
  public HostPlan withServices(List<Service> others) {
    return new HostPlan(name, address, baseDir, iteration, network, paths, others, resetOwner);
  }

  public HostPlan(
      String name,
      String address,
      String baseDir,
      int iteration,
      String network,
      List<PlannedPath> paths,
      List<Service> services,
      ResetOwner resetOwner) {
    this(name, address, baseDir, new Iteration(iteration), network, paths, services, resetOwner);
  }

  public HostPlan(
      String name,
      String address,
      String baseDir,
      Iteration iteration,
      String network,
      List<PlannedPath> paths,
      List<Service> services) {
    this(name, address, baseDir, iteration, network, paths, services, ResetOwner.TOOL);
  }

  public HostPlan(
      String name,
      String address,
      String baseDir,
      int iteration,
      String network,
      List<PlannedPath> paths,
      List<Service> services) {
    this(name, address, baseDir, new Iteration(iteration), network, paths, services);
  }

  public java.util.Optional<Service> service(String serviceName) {
    return services.stream().filter(s -> s.name().equals(serviceName)).findFirst();
  }
}
