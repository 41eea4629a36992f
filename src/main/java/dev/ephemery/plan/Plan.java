package dev.ephemery.plan;

import java.util.List;

/**
 * The desired state of every host of an inventory for one release: the single source for all
 * runtimes.
 */
public record Plan(List<HostPlan> hosts) {}
