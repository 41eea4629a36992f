package dev.ephemery.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.PlannedPath;
import dev.ephemery.plan.Role;
import dev.ephemery.runtime.Change;
import dev.ephemery.runtime.Purge;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Deletes a node's planned data below baseDir for {@code down --purge-data}. It deletes only
 * planned folders that have no other planned path below them (the data leaves) and the release
 * files; it keeps the JWT secret and every folder that holds keys (a planned path with a segment
 * named {@code keys}, {@code *-keys}, {@code secrets}, {@code validators} or {@code wallet*}),
 * unless keys are purged too. baseDir itself is never deleted, and the helper only sees baseDir.
 */
final class DataPurge {

  private final DockerClient docker;
  private final HostPlan plan;
  private final String helperImage;
  private final HostPaths paths;

  DataPurge(DockerClient docker, HostPlan plan, String helperImage) {
    this.docker = docker;
    this.plan = plan;
    this.helperImage = helperImage;
    this.paths = HostPaths.of(plan.baseDir());
  }

  List<Change> purge(Purge purge, boolean dryRun) {
    List<PlannedPath> doomed = doomed(purge);
    List<Change> changes = new ArrayList<>();
    StringBuilder script = new StringBuilder("set -e\n");
    for (PlannedPath path : doomed) {
      Path onHost = paths.onHost(plan.name() + ".paths", path.path());
      changes.add(new Change("delete", "path", onHost.toString(), "purge"));
      script.append("rm -rf ").append(Sh.quote(paths.inHelper("paths", path.path()))).append('\n');
    }
    if (dryRun || doomed.isEmpty()) {
      return changes;
    }
    try (Helper helper = Helper.start(docker, helperImage, plan.name(), paths, false)) {
      helper.shOrFail("deleting data", script.toString());
    }
    return changes;
  }

  List<PlannedPath> doomed(Purge purge) {
    List<PlannedPath> doomed = new ArrayList<>();
    for (PlannedPath path : plan.paths()) {
      Path onHost = paths.onHost(plan.name() + ".paths", path.path());
      if (paths.isBaseDir(onHost)) {
        continue;
      }
      boolean keys =
          path.kind() == PlannedPath.Kind.JWT_SECRET
              || path.kind() == PlannedPath.Kind.SECRET
              || holdsKeys(onHost)
              || mountedByValidator(onHost);
      if (keys && purge != Purge.DATA_AND_KEYS) {
        continue;
      }
      if (path.kind() == PlannedPath.Kind.DIRECTORY && hasPlannedChild(onHost)) {
        continue; // its leaves are deleted one by one, so kept keys below it survive
      }
      doomed.add(path);
    }
    return doomed;
  }

  private boolean hasPlannedChild(Path folder) {
    return plan.paths().stream()
        .map(p -> paths.onHost(plan.name() + ".paths", p.path()))
        .anyMatch(p -> !p.equals(folder) && p.startsWith(folder));
  }

  /** A validator client's own folders hold its imported keys (e.g. lighthouse validators/). */
  private boolean mountedByValidator(Path onHost) {
    return plan.services().stream()
        .filter(s -> s.role() == Role.VALIDATOR && s.mounts() != null)
        .flatMap(s -> s.mounts().stream())
        .map(m -> paths.baseDir().resolve(m.source()).normalize())
        .anyMatch(source -> onHost.startsWith(source));
  }

  private boolean holdsKeys(Path onHost) {
    for (Path segment : paths.baseDir().relativize(onHost)) {
      String name = segment.toString().toLowerCase(Locale.ROOT);
      if (name.equals("keys")
          || name.endsWith("-keys")
          || name.equals("secrets")
          || name.equals("validators")
          || name.startsWith("wallet")) {
        return true;
      }
    }
    return false;
  }
}
