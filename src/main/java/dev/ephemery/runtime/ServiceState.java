package dev.ephemery.runtime;

/**
 * What Docker reports about one planned or found container.
 *
 * @param state running, exited, created, restarting, missing, ...
 * @param upToDate whether its plan-hash label matches the plan (null when no plan is known)
 */
public record ServiceState(
    String service,
    String container,
    String role,
    String image,
    String state,
    String status,
    Integer exitCode,
    Boolean upToDate) {}
