package dev.ephemery.plan;

import java.util.Optional;
import java.util.stream.Stream;

/** Where a host plan's Engine API is: the execution client's port named {@code engine}. */
public final class EngineApi {

  private EngineApi() {}

  /** The EL's Engine API port; empty when the plan has no EL (or runs the wrapper images). */
  public static Optional<PortBinding> port(HostPlan plan) {
    return plan.services().stream()
        .filter(s -> s.role() == Role.EXECUTION)
        .flatMap(s -> s.ports() == null ? Stream.empty() : s.ports().stream())
        .filter(p -> "engine".equals(p.name()))
        .findFirst();
  }
}
