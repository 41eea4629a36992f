package dev.ephemery.ops;

import dev.ephemery.client.ContainerPaths;
import dev.ephemery.common.InvalidInputException;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Mount;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a node's reset layout off the new iteration's host plan. */
public final class NodeLayouts {

  private NodeLayouts() {}

  public static NodeLayout of(HostPlan plan) {
    Path baseDir = Path.of(plan.baseDir());
    List<Component> components = new ArrayList<>();
    Path testnet = null;
    for (Service service : plan.services()) {
      if (service.role() != Role.EXECUTION
          && service.role() != Role.CONSENSUS
          && service.role() != Role.VALIDATOR) {
        continue;
      }
      Path dataDir =
          mountSource(service, ContainerPaths.DATA)
              .orElseThrow(
                  () ->
                      InvalidInputException.of(
                          service.name(), "the planned container mounts no data folder", ""));
      testnet =
          testnet != null ? testnet : mountSource(service, ContainerPaths.TESTNET).orElse(null);
      Service init =
          plan.services().stream()
              .filter(s -> s.runOnce() && s.role() == Role.INIT)
              .filter(s -> service.dependsOn().contains(s.name()))
              .findFirst()
              .orElse(null);
      components.add(
          new Component(
              service.name(),
              service.role(),
              service.client(),
              dataDir,
              ProfileRules.of(service.role(), service.client()),
              service,
              init));
    }
    boolean wrapper = plan.resetOwner() == HostPlan.ResetOwner.WRAPPER;
    if (testnet == null) {
      // The wrapper images keep their own copy; the tool still records the verified release.
      testnet = baseDir.resolve("testnet").resolve(plan.iteration().releaseTag());
    }
    return new NodeLayout(plan.name(), baseDir, testnet, wrapper, components);
  }

  private static Optional<Path> mountSource(Service service, String target) {
    return service.mounts().stream()
        .filter(m -> m.target().equals(target))
        .map(Mount::source)
        .map(Path::of)
        .findFirst();
  }
}
