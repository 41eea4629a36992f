package dev.ephemery.runtime;

/**
 * The EL-CL link's self-test: the EL answered an Engine API call signed with the node's JWT, as the
 * CL makes it.
 *
 * @param problem what failed and the fix, or null when {@code ok}
 */
public record LinkCheck(boolean ok, String problem) {}
