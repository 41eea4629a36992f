package dev.ephemery.plan;

import java.util.List;

/**
 * The desired state of one host: the network, the paths and the containers in start order.
 *
 * @param network the node stack's own Docker network name (unique per node)
 * @param paths folders and files to create before any container, under the host's baseDir
 * @param services containers in start order (init steps first)
 */
public record HostPlan(
    String name,
    String address,
    String baseDir,
    int iteration,
    String network,
    List<PlannedPath> paths,
    List<Service> services) {}
