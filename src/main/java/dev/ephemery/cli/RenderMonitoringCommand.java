package dev.ephemery.cli;

import dev.ephemery.common.OperationalException;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.MonitoringFiles;
import dev.ephemery.plan.MonitoringPlan;
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
final class RenderMonitoringCommand extends RenderToFolderCommand {

  @Override
  public CommandSpec declare() {
    return declare(
        "monitoring",
        "Write the Prometheus configuration, alert rules, Grafana provisioning and dashboards.",
        "With several hosts and no --host, one sub-folder per host. The scrape targets are the"
            + " node's containers by name: a Prometheus of your own must join the node's network.");
  }

  @Override
  String whyReleaseFolder() {
    return null;
  }

  @Override
  Map<String, Object> write(PlanInputs inputs, HostPlan hostPlan, Path dir) {
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
    return entry;
  }

  @Override
  String describe(Map<String, Object> written) {
    return "wrote "
        + ((List<?>) written.get("files")).size()
        + " files to "
        + written.get("folder");
  }
}
