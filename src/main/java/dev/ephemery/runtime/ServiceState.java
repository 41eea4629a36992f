package dev.ephemery.runtime;

import dev.ephemery.plan.Role;
import java.util.List;

/**
 * What the runtime reports about one planned or found container.
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
    Boolean upToDate) {
  /** Whether every planned service is as it should be: running, or (init steps) exited 0. */
  public static boolean healthy(List<ServiceState> states) {
    return !states.isEmpty()
        && states.stream()
            .allMatch(
                s ->
                    !Boolean.FALSE.equals(s.upToDate())
                        && ("running".equals(s.state())
                            || (Role.INIT.id().equals(s.role())
                                && "exited".equals(s.state())
                                && Integer.valueOf(0).equals(s.exitCode()))));
  }
}
