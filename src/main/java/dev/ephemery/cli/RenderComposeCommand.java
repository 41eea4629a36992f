package dev.ephemery.cli;

import dev.ephemery.common.OperationalException;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.runtime.compose.ComposeRenderer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ephemery render compose}: a docker-compose.yaml per host, with a copy of the release files
 * it mounts. The folder plays the host's baseDir; the JWT secret is created by whoever starts it.
 */
final class RenderComposeCommand extends RenderToFolderCommand {

  @Override
  public CommandSpec declare() {
    return declare(
        "compose",
        "Write a docker-compose.yaml equivalent to the plan, plus the release files it mounts.",
        "With several hosts and no --host, one sub-folder per host. No JWT secret is written: the"
            + " file's header shows the command that creates it (mode 0600).");
  }

  @Override
  String whyReleaseFolder() {
    return "the compose export copies the release files and needs a folder, not an archive";
  }

  @Override
  Map<String, Object> write(PlanInputs inputs, HostPlan hostPlan, Path dir) {
    try {
      new ComposeRenderer().write(hostPlan, inputs.releaseFolder(), dir);
    } catch (IOException e) {
      throw new OperationalException(
          dir.toString(), "cannot write the compose export: " + e.getMessage(), "", e);
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("host", hostPlan.name());
    entry.put("file", dir.resolve(ComposeRenderer.FILE_NAME).toString());
    entry.put("iteration", hostPlan.iteration());
    return entry;
  }

  @Override
  String describe(Map<String, Object> written) {
    return "wrote " + written.get("file");
  }

  @Override
  String closingLine() {
    return "before 'docker compose up -d': create the folders and the JWT secret as its header shows";
  }
}
