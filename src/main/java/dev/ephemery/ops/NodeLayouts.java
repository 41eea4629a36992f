package dev.ephemery.ops;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.plan.DataLayout;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.PlannedPath;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a node's reset layout off the new iteration's host plan: each client container's data
 * layout as the plan carries it, never a client profile looked up again.
 */
public final class NodeLayouts {

  private NodeLayouts() {}

  public static NodeLayout of(HostPlan plan) {
    Path baseDir = Path.of(plan.baseDir());
    List<Component> components = new ArrayList<>();
    for (Service service : plan.services()) {
      if (service.role() != Role.EXECUTION
          && service.role() != Role.CONSENSUS
          && service.role() != Role.VALIDATOR) {
        continue;
      }
      DataLayout layout = service.layout();
      if (layout == null) {
        throw InvalidInputException.of(
            service.name(),
            "the plan carries no data layout for the container",
            "plan again with this version of ephemery");
      }
      Service init = layout.initStep() == null ? null : initStep(plan, service, layout);
      components.add(
          new Component(
              service.name(),
              service.role(),
              service.client(),
              Path.of(layout.dataDir()),
              layout,
              service,
              init));
    }
    boolean wrapper = plan.resetOwner() == HostPlan.ResetOwner.WRAPPER;
    return new NodeLayout(plan.name(), baseDir, testnet(plan, baseDir), wrapper, components);
  }

  private static Service initStep(HostPlan plan, Service service, DataLayout layout) {
    return plan.service(layout.initStep())
        .orElseThrow(
            () ->
                InvalidInputException.of(
                    service.name(),
                    "its init step " + layout.initStep() + " is not in the plan",
                    "plan again with this version of ephemery"));
  }

  /**
   * The planned release folder; the wrapper images keep their own copy, and the tool still records
   * the verified release where the upstream flavor would have it.
   */
  private static Path testnet(HostPlan plan, Path baseDir) {
    return plan.paths().stream()
        .filter(p -> p.kind() == PlannedPath.Kind.RELEASE_FILES)
        .map(p -> Path.of(p.path()))
        .findFirst()
        .orElse(baseDir.resolve("testnet").resolve(plan.iteration().releaseTag()));
  }
}
