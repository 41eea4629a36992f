package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.inventory.Host;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Plan;
import dev.ephemery.plan.PlanOptions;
import dev.ephemery.plan.Planner;
import dev.ephemery.wiring.Runtimes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ephemery render kubernetes}: a node's Kubernetes objects as YAML files, one folder per
 * host. The Secrets are written without data: {@code up} generates them in the cluster.
 */
final class RenderKubernetesCommand extends BaseCommand {

  String host;

  Path release;

  Path out;

  @Override
  public CommandSpec declare() {
    command(
        "kubernetes",
        "Write the Kubernetes objects of the plan (StatefulSet, Services, NetworkPolicy, ...).",
        "With several hosts and no --host, one sub-folder per host. Secrets carry no data: 'up'"
            + " generates the JWT in the cluster, once. See docs/kubernetes.md.");
    spec.addOption(Specs.onlyHost(() -> host, v -> host = v));
    spec.addOption(
        Specs.option(Path.class, () -> release, v -> release = v, "--release")
            .paramLabel("DIR")
            .description("Release folder to render for; default: the newest release in the cache.")
            .build());
    spec.addOption(
        Specs.option(Path.class, () -> out, v -> out = v, "--out")
            .paramLabel("DIR")
            .required(true)
            .description("Output folder.")
            .build());
    return spec;
  }

  @Override
  public Integer call() {
    PlanInputs inputs = PlanInputs.load(common.file(), release);
    if (inputs.releaseFolder() == null) {
      throw InvalidInputException.of(
          "--release",
          "the manifests hold the release files and need a folder, not an archive",
          "install it with 'ephemery genesis fetch --from " + release + "' and omit --release");
    }
    Plan plan = new Planner().plan(inputs.inventory(), inputs.release(), new PlanOptions(host));
    boolean single = plan.hosts().size() == 1;
    List<Map<String, Object>> written = new ArrayList<>();
    for (HostPlan hostPlan : plan.hosts()) {
      Host inventoryHost = inputs.inventory().host(hostPlan.name()).orElseThrow();
      Path dir = single ? out : out.resolve(hostPlan.name());
      List<Path> files =
          Runtimes.renderKubernetes(inventoryHost, hostPlan, inputs.releaseFolder(), dir);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("host", hostPlan.name());
      entry.put("folder", dir.toString());
      entry.put("files", files.stream().map(Path::toString).toList());
      entry.put("iteration", hostPlan.iteration());
      written.add(entry);
    }
    Printer printer = printer();
    if (printer.json()) {
      printer.printJson(Map.of("written", written));
    } else {
      for (Map<String, Object> entry : written) {
        printer.line(
            "wrote "
                + ((List<?>) entry.get("files")).size()
                + " manifests to "
                + entry.get("folder")
                + " (host "
                + entry.get("host")
                + ", iteration "
                + entry.get("iteration")
                + ")");
      }
      printer.line(
          "the Secrets carry no data: 'ephemery up' generates them in the cluster (see"
              + " docs/kubernetes.md)");
    }
    return 0;
  }
}
