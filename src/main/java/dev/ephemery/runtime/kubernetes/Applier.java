package dev.ephemery.runtime.kubernetes;

import dev.ephemery.common.Problem;
import dev.ephemery.runtime.Change;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Applies a node's objects: a missing one is created, one whose plan hash differs from what the
 * cluster holds goes by server-side apply with the field manager {@code ephemery} (forcing
 * conflicts: these fields are the plan's); one that is current is not sent. An object of the same
 * name that is not the node's is never touched.
 */
final class Applier {

  private static final int UNSUPPORTED_MEDIA_TYPE = 415;

  private final KubernetesClient client;
  private final String namespace;
  private final String node;

  Applier(KubernetesClient client, String namespace, String node) {
    this.client = client;
    this.namespace = namespace;
    this.node = node;
  }

  /** Fails, before anything is changed, naming every object in the way that is not ours. */
  void refuseForeign(List<HasMetadata> objects) {
    List<Problem> problems = new ArrayList<>();
    for (HasMetadata object : objects) {
      HasMetadata found = get(object);
      if (found != null && !KubeLabels.isOurs(found.getMetadata().getLabels(), node)) {
        problems.add(
            Problem.at(
                namespace + "/" + describe(object),
                0,
                "a " + object.getKind() + " of that name exists and is not node " + node + "'s",
                "rename or remove it; ephemery changes only objects labelled "
                    + KubeLabels.MANAGED_BY
                    + "=ephemery and ephemery.node="
                    + node));
      }
    }
    if (!problems.isEmpty()) {
      throw KubernetesHost.problems(problems);
    }
  }

  HasMetadata get(HasMetadata object) {
    return client.resource(object).inNamespace(namespace).get();
  }

  /**
   * Applies {@code object} when it differs from the cluster's; the change goes to {@code changes}.
   */
  void apply(HasMetadata object, boolean dryRun, List<Change> changes) {
    HasMetadata desired = ObjectHash.stamped(object);
    HasMetadata found = get(desired);
    String hash = ObjectHash.of(desired.getMetadata().getLabels());
    if (found != null && hash.equals(ObjectHash.of(found.getMetadata().getLabels()))) {
      if (found instanceof StatefulSet set
          && desired instanceof StatefulSet wanted
          && !java.util.Objects.equals(
              set.getSpec().getReplicas(), wanted.getSpec().getReplicas())) {
        // Current, but scaled to zero (a reset that stopped it and did not get to its start).
        changes.add(new Change("start", "statefulset", set.getMetadata().getName(), "stopped"));
        if (!dryRun) {
          Scaling.scale(
              client, namespace, set.getMetadata().getName(), wanted.getSpec().getReplicas());
        }
      }
      return;
    }
    changes.add(
        new Change(
            found == null ? "create" : "update",
            object.getKind().toLowerCase(Locale.ROOT),
            object.getMetadata().getName(),
            found == null ? "missing" : "plan changed"));
    if (dryRun) {
      return;
    }
    if (found == null) {
      // Created as it is; every later change is a server-side apply, which takes the fields over.
      client.resource(desired).inNamespace(namespace).create();
    } else {
      try {
        client
            .resource(desired)
            .inNamespace(namespace)
            .fieldManager(KubeLabels.FIELD_MANAGER)
            .forceConflicts()
            .serverSideApply();
      } catch (KubernetesClientException e) {
        if (e.getCode() != UNSUPPORTED_MEDIA_TYPE) {
          throw e;
        }
        // A server without server-side apply (and fabric8's CRUD mock) gets the object replaced,
        // as of the version just read.
        desired.getMetadata().setResourceVersion(found.getMetadata().getResourceVersion());
        client.resource(desired).inNamespace(namespace).update();
      }
    }
  }

  static String describe(HasMetadata object) {
    return object.getKind().toLowerCase(Locale.ROOT) + "/" + object.getMetadata().getName();
  }
}
