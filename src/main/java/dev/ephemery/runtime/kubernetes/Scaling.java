package dev.ephemery.runtime.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Stops and starts a node by its StatefulSet's replicas (0 or 1). */
final class Scaling {

  private Scaling() {}

  /** Sets the replicas; a missing StatefulSet is left missing (nothing to stop). */
  static boolean scale(KubernetesClient client, String namespace, String name, int replicas) {
    var resource = client.apps().statefulSets().inNamespace(namespace).withName(name);
    var set = resource.get();
    if (set == null) {
      return false;
    }
    if (set.getSpec().getReplicas() == null || set.getSpec().getReplicas() != replicas) {
      resource.edit(
          s -> {
            s.getSpec().setReplicas(replicas);
            return s;
          });
    }
    return true;
  }
}
