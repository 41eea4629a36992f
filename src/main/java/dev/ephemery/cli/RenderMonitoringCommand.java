package dev.ephemery.cli;

import dev.ephemery.common.OperationalException;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.MonitoringFiles;
import dev.ephemery.plan.MonitoringPlan;
import dev.ephemery.plan.Plan;
import dev.ephemery.plan.PlanOptions;
import dev.ephemery.plan.Planner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ephemery render monitoring}: the monitoring configuration {@code up} installs, for users
 * with their own Prometheus and Grafana: prometheus.yml, the alert rules, Grafana's provisioning
 * and the dashboards, rendered from the plan (also for hosts with {@code monitoring.enabled:
 * false}).
 */
final class RenderMonitoringCommand extends BaseCommand {

  String host;

  Path release;

  Path out;

  @Override
  public CommandSpec declare() {
    command(
        "monitoring",
        "Write the Prometheus configuration, alert rules, Grafana provisioning and dashboards.",
        "With several hosts and no --host, one sub-folder per host. The scrape targets are the"
            + " node's containers by name: a Prometheus of your own must join the node's network.");
    spec.addOption(Specs.onlyHost(() -> host, v -> host = v));
    spec.addOption(
        Specs.option(Path.class, () -> release, v -> release = v, "--release")
            .paramLabel("DIR")
            .description("Release to render for; default: the newest release in the cache.")
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
    Plan plan = new Planner().plan(inputs.inventory(), inputs.release(), new PlanOptions(host));
    boolean single = plan.hosts().size() == 1;
    List<Map<String, Object>> written = new ArrayList<>();
    for (HostPlan hostPlan : plan.hosts()) {
      Path dir = single ? out : out.resolve(hostPlan.name());
      MonitoringFiles files = MonitoringFiles.forPlan(hostPlan);
      List<String> names = new ArrayList<>();
      try {
        for (Map.Entry<String, String> file : files.files().entrySet()) {
          // Under baseDir the files live in monitoring/; here the folder is the monitoring folder.
          String relative = file.getKey().substring(MonitoringPlan.DIR.length() + 1);
          Path target = dir.resolve(relative);
          Files.createDirectories(target.getParent());
          Files.writeString(target, file.getValue());
          names.add(relative);
        }
      } catch (IOException e) {
        throw new OperationalException(
            dir.toString(), "cannot write the monitoring files: " + e.getMessage(), "", e);
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("host", hostPlan.name());
      entry.put("folder", dir.toString());
      entry.put("iteration", hostPlan.iteration());
      entry.put("files", names);
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
                + " files to "
                + entry.get("folder")
                + " (host "
                + entry.get("host")
                + ", iteration "
                + entry.get("iteration")
                + ")");
      }
    }
    return 0;
  }
}
