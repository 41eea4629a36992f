package dev.ephemery.runtime.kubernetes;

import dev.ephemery.client.ContainerPaths;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Mount;
import dev.ephemery.plan.PlannedPath;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each host folder the plan mounts becomes in the pod, decided from the plan alone: a data
 * folder a PersistentVolumeClaim, the release folder an emptyDir the release init container fills,
 * a generated secret (JWT) a key of the node's Secret, a file or folder from the operator's machine
 * (validator keys) a Secret of its own that {@code up} fills; anything else (the supervisor's
 * Docker socket) has no place in a cluster.
 */
final class NodeVolumes {

  static final String TESTNET = "testnet";
  static final String SECRETS = "secrets";

  /** What a mount source is. */
  enum Kind {
    DATA,
    RELEASE,
    SECRET,
    INPUT,
    NONE
  }

  /**
   * One mount source.
   *
   * @param volume the pod's volume (or claim template) name
   * @param key for SECRET and file INPUTs, the Secret's key (mounted by subPath); null for folders
   * @param role for DATA, the role of the long-running service it belongs to
   */
  record Source(String path, Kind kind, String volume, String key, Role role) {}

  private final Map<String, Source> bySource = new LinkedHashMap<>();

  NodeVolumes(HostPlan plan, KubeNames names) {
    Map<String, PlannedPath.Kind> planned = new LinkedHashMap<>();
    for (PlannedPath path : plan.paths()) {
      planned.put(path.path(), path.kind());
    }
    // Data folders first, from the long-running services: their role sizes the claim.
    for (Service service : plan.services()) {
      if (!service.runOnce() && PodTemplates.inPod(service)) {
        for (Mount mount : service.mounts()) {
          if (mount.target().equals(ContainerPaths.DATA)) {
            bySource.putIfAbsent(
                mount.source(),
                new Source(
                    mount.source(),
                    Kind.DATA,
                    KubeNames.dataVolume(mount.source()),
                    null,
                    service.role()));
          }
        }
      }
    }
    for (Service service : plan.services()) {
      if (!PodTemplates.inPod(service)) {
        continue;
      }
      for (Mount mount : service.mounts()) {
        bySource.computeIfAbsent(
            mount.source(), source -> classify(source, mount, planned.get(source), names));
      }
    }
  }

  private static Source classify(
      String source, Mount mount, PlannedPath.Kind kind, KubeNames names) {
    String file = source.substring(source.lastIndexOf('/') + 1);
    if (kind == PlannedPath.Kind.RELEASE_FILES) {
      return new Source(source, Kind.RELEASE, TESTNET, null, null);
    }
    if (kind == PlannedPath.Kind.JWT_SECRET || kind == PlannedPath.Kind.SECRET) {
      return new Source(source, Kind.SECRET, SECRETS, file, null);
    }
    if (kind == null && mount.readOnly() && !source.startsWith("/var/run/")) {
      // A file (its target names one) or a folder on the operator's machine: validator keys.
      String key =
          mount.target().substring(mount.target().lastIndexOf('/') + 1).contains(".") ? file : null;
      return new Source(source, Kind.INPUT, names.input(source), key, null);
    }
    return new Source(source, Kind.NONE, null, null, null);
  }

  Optional<Source> of(String source) {
    return Optional.ofNullable(bySource.get(source));
  }

  List<Source> all() {
    return List.copyOf(bySource.values());
  }

  List<Source> ofKind(Kind kind) {
    return bySource.values().stream().filter(s -> s.kind() == kind).toList();
  }
}
