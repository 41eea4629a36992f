package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.OperationalException;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Plan;
import dev.ephemery.plan.PlanOptions;
import dev.ephemery.plan.Planner;
import dev.ephemery.runtime.compose.ComposeRenderer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ephemery render compose}: a docker-compose.yaml per host, with a copy of the release files
 * it mounts. The folder plays the host's baseDir; the JWT secret is created by whoever starts it.
 */
final class RenderComposeCommand extends BaseCommand {

  String host;

  Path release;

  Path out;

  @Override
  public CommandSpec declare() {
    command(
        "compose",
        "Write a docker-compose.yaml equivalent to the plan, plus the release files it mounts.",
        "With several hosts and no --host, one sub-folder per host. No JWT secret is written: the"
            + " file's header shows the command that creates it (mode 0600).");
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
          "the compose export copies the release files and needs a folder, not an archive",
          "install it with 'ephemery genesis fetch --from " + release + "' and omit --release");
    }
    Plan plan = new Planner().plan(inputs.inventory(), inputs.release(), new PlanOptions(host));
    boolean single = plan.hosts().size() == 1;
    ComposeRenderer renderer = new ComposeRenderer();
    List<Map<String, Object>> written = new ArrayList<>();
    for (HostPlan hostPlan : plan.hosts()) {
      Path dir = single ? out : out.resolve(hostPlan.name());
      try {
        renderer.write(hostPlan, inputs.releaseFolder(), dir);
      } catch (IOException e) {
        throw new OperationalException(
            dir.toString(), "cannot write the compose export: " + e.getMessage(), "", e);
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("host", hostPlan.name());
      entry.put("file", dir.resolve(ComposeRenderer.FILE_NAME).toString());
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
                + entry.get("file")
                + " (host "
                + entry.get("host")
                + ", iteration "
                + entry.get("iteration")
                + ")");
      }
      printer.line(
          "before 'docker compose up -d': create the folders and the JWT secret as its"
              + " header shows");
    }
    return 0;
  }
}
