package dev.ephemery.cli;

import dev.ephemery.inventory.Host;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.wiring.Runtimes;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ephemery render kubernetes}: a node's Kubernetes objects as YAML files, one folder per
 * host. The Secrets are written without data: {@code up} generates them in the cluster.
 */
final class RenderKubernetesCommand extends RenderToFolderCommand {

  @Override
  public CommandSpec declare() {
    return declare(
        "kubernetes",
        "Write the Kubernetes objects of the plan (StatefulSet, Services, NetworkPolicy, ...).",
        "With several hosts and no --host, one sub-folder per host. Secrets carry no data: 'up'"
            + " generates the JWT in the cluster, once. See docs/kubernetes.md.");
  }

  @Override
  String whyReleaseFolder() {
    return "the manifests hold the release files and need a folder, not an archive";
  }

  @Override
  Map<String, Object> write(PlanInputs inputs, HostPlan hostPlan, Path dir) {
    Host inventoryHost = inputs.inventory().host(hostPlan.name()).orElseThrow();
    List<Path> files =
        Runtimes.renderKubernetes(inventoryHost, hostPlan, inputs.releaseFolder(), dir);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("host", hostPlan.name());
    entry.put("folder", dir.toString());
    entry.put("files", files.stream().map(Path::toString).toList());
    entry.put("iteration", hostPlan.iteration());
    return entry;
  }

  @Override
  String describe(Map<String, Object> written) {
    return "wrote "
        + ((List<?>) written.get("files")).size()
        + " manifests to "
        + written.get("folder");
  }

  @Override
  String closingLine() {
    return "the Secrets carry no data: 'ephemery up' generates them in the cluster (see"
        + " docs/kubernetes.md)";
  }
}
