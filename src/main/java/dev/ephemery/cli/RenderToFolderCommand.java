package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Plan;
import dev.ephemery.plan.PlanOptions;
import dev.ephemery.plan.Planner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the {@code render} exports share: {@code --host}, {@code --release} and {@code --out}; one
 * plan; a folder per host (the output folder itself when the plan has one host); a report of what
 * was written per host, as text or JSON. Each export says only how it writes one host.
 */
abstract class RenderToFolderCommand extends BaseCommand {

  String host;

  Path release;

  Path out;

  /** Declares the command {@code name} with the shared options. */
  CommandSpec declare(String name, String summary, String details) {
    command(name, summary, details);
    spec.addOption(Specs.onlyHost(() -> host, v -> host = v));
    spec.addOption(
        Specs.option(Path.class, () -> release, v -> release = v, "--release")
            .paramLabel("DIR")
            .description(
                (whyReleaseFolder() == null ? "Release" : "Release folder")
                    + " to render for; default: the newest release in the cache.")
            .build());
    spec.addOption(
        Specs.option(Path.class, () -> out, v -> out = v, "--out")
            .paramLabel("DIR")
            .required(true)
            .description("Output folder.")
            .build());
    return spec;
  }

  /** Why this export needs the release as a folder (not an archive), or null when it does not. */
  abstract String whyReleaseFolder();

  /**
   * Writes {@code hostPlan}'s export into {@code dir} and returns what the report says of it (JSON
   * fields, in their order).
   */
  abstract Map<String, Object> write(PlanInputs inputs, HostPlan hostPlan, Path dir);

  /** The report's text line for what {@link #write} returned. */
  abstract String describe(Map<String, Object> written);

  /** A last text line after the report, or null. */
  String closingLine() {
    return null;
  }

  @Override
  public Integer call() {
    PlanInputs inputs = PlanInputs.load(common.file(), release);
    if (whyReleaseFolder() != null && inputs.releaseFolder() == null) {
      throw InvalidInputException.of(
          "--release",
          whyReleaseFolder(),
          "install it with 'ephemery genesis fetch --from " + release + "' and omit --release");
    }
    Plan plan = new Planner().plan(inputs.inventory(), inputs.release(), new PlanOptions(host));
    boolean single = plan.hosts().size() == 1;
    List<Map<String, Object>> written = new ArrayList<>();
    for (HostPlan hostPlan : plan.hosts()) {
      written.add(write(inputs, hostPlan, single ? out : out.resolve(hostPlan.name())));
    }
    Printer printer = printer();
    if (printer.json()) {
      printer.printJson(Map.of("written", written));
      return 0;
    }
    for (Map<String, Object> entry : written) {
      printer.line(
          describe(entry)
              + " (host "
              + entry.get("host")
              + ", iteration "
              + entry.get("iteration")
              + ")");
    }
    if (closingLine() != null) {
      printer.line(closingLine());
    }
    return 0;
  }
}
