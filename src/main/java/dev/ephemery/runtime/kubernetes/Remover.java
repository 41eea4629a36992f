package dev.ephemery.runtime.kubernetes;

import dev.ephemery.runtime.Change;
import dev.ephemery.runtime.Purge;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code down} on a cluster: removes the objects that carry the node's labels, kind by kind, and
 * nothing else. The claims and the node's secrets stay unless a purge asks: {@link Purge#DATA}
 * removes the chain-data claims (EL, CL) and the reset journals ConfigMap, {@link
 * Purge#DATA_AND_KEYS} also every other claim and the secrets. The namespace is never removed
 * (others may share it). A reset lock Lease that is live (see {@link LeaseLock#live}) stays
 * whatever the purge: deleting it would free the lock under the running reset and let a second one
 * start on the node.
 */
final class Remover {

  private static final int CONFLICT = 409;

  private final KubernetesClient client;
  private final String namespace;
  private final String node;
  private final Clock clock;

  Remover(KubernetesClient client, String namespace, String node, Clock clock) {
    this.client = client;
    this.namespace = namespace;
    this.node = node;
    this.clock = clock;
  }

  List<Change> remove(NodeManifests manifests, Purge purge, boolean dryRun) {
    Map<String, String> ours = KubeLabels.ours(node);
    List<Change> changes = new ArrayList<>();
    removeAll(
        changes,
        dryRun,
        "statefulset",
        c -> c.apps().statefulSets().inNamespace(namespace).withLabels(ours));
    removeAll(
        changes,
        dryRun,
        "deployment",
        c -> c.apps().deployments().inNamespace(namespace).withLabels(ours));
    removeAll(
        changes, dryRun, "job", c -> c.batch().v1().jobs().inNamespace(namespace).withLabels(ours));
    removeAll(
        changes, dryRun, "service", c -> c.services().inNamespace(namespace).withLabels(ours));
    removeAll(
        changes,
        dryRun,
        "networkpolicy",
        c -> c.network().v1().networkPolicies().inNamespace(namespace).withLabels(ours));
    removeConfigMaps(changes, purge, dryRun);
    removeLeases(changes, dryRun);
    removeAll(
        changes,
        dryRun,
        "rolebinding",
        c -> c.rbac().roleBindings().inNamespace(namespace).withLabels(ours));
    removeAll(
        changes, dryRun, "role", c -> c.rbac().roles().inNamespace(namespace).withLabels(ours));
    removeAll(
        changes,
        dryRun,
        "serviceaccount",
        c -> c.serviceAccounts().inNamespace(namespace).withLabels(ours));
    if (purge == Purge.DATA_AND_KEYS) {
      removeAll(
          changes, dryRun, "secret", c -> c.secrets().inNamespace(namespace).withLabels(ours));
    }
    if (purge != Purge.NONE) {
      List<PersistentVolumeClaim> claims =
          client.persistentVolumeClaims().inNamespace(namespace).withLabels(ours).list().getItems();
      for (PersistentVolumeClaim claim : claims) {
        if (purge == Purge.DATA && KubernetesHost.keepsKeys(claim, manifests)) {
          continue;
        }
        changes.add(remove("persistentvolumeclaim", claim));
        if (!dryRun) {
          client.persistentVolumeClaims().inNamespace(namespace).resource(claim).delete();
        }
      }
    }
    return changes;
  }

  /**
   * The node's labelled ConfigMaps, except the reset journals (the node's reset history), which
   * stay unless data is purged: a node brought down and up again keeps its history, as the journal
   * files under baseDir do on a Docker host.
   */
  private void removeConfigMaps(List<Change> changes, Purge purge, boolean dryRun) {
    String journals = KubeNames.of(node).journals();
    List<ConfigMap> found =
        client
            .configMaps()
            .inNamespace(namespace)
            .withLabels(KubeLabels.ours(node))
            .list()
            .getItems();
    for (ConfigMap map : found) {
      if (purge == Purge.NONE && journals.equals(map.getMetadata().getName())) {
        changes.add(
            new Change(
                Change.KEEP, "configmap", journals, "reset history; --purge-data removes it"));
        continue;
      }
      changes.add(remove("configmap", map));
      if (!dryRun) {
        client.configMaps().inNamespace(namespace).withName(map.getMetadata().getName()).delete();
      }
    }
  }

  /**
   * The node's labelled Leases, except a reset lock that is live: a reset is running and holds it.
   * Like {@code down} on a Docker host, which leaves the reset lock file alone, the rest goes; the
   * lock stays with its holder, who renews and then releases it. An expired or released lock goes.
   */
  private void removeLeases(List<Change> changes, boolean dryRun) {
    String lock = KubeNames.of(node).resetLease();
    List<Lease> found =
        client.leases().inNamespace(namespace).withLabels(KubeLabels.ours(node)).list().getItems();
    for (Lease lease : found) {
      String name = lease.getMetadata().getName();
      if (lock.equals(name) && LeaseLock.live(lease, clock.instant())) {
        changes.add(keepLock(lease));
        continue;
      }
      if (dryRun) {
        changes.add(remove("lease", lease));
        continue;
      }
      try {
        // Deleted only as read: a reset that took the lock meanwhile makes this a 409 Conflict.
        String version = lease.getMetadata().getResourceVersion();
        var named = client.leases().inNamespace(namespace).withName(name);
        if (version == null) {
          named.delete();
        } else {
          named.lockResourceVersion(version).delete();
        }
        changes.add(remove("lease", lease));
      } catch (KubernetesClientException e) {
        Lease now = client.leases().inNamespace(namespace).withName(name).get();
        if (e.getCode() != CONFLICT || now == null) {
          throw e;
        }
        changes.add(keepLock(now));
      }
    }
  }

  private Change keepLock(Lease lease) {
    return new Change(
        Change.KEEP,
        "lease",
        lease.getMetadata().getName(),
        "a reset holds it: "
            + LeaseLock.describe(lease)
            + "; wait for the reset to finish (ephemery history --host "
            + node
            + ") or stop it");
  }

  /** Removes what the node's label selector finds of one kind (the same selector lists it). */
  private <T extends HasMetadata, L extends KubernetesResourceList<T>> void removeAll(
      List<Change> changes,
      boolean dryRun,
      String kindName,
      Function<KubernetesClient, FilterWatchListDeletable<T, L, ?>> kind) {
    List<T> found = kind.apply(client).list().getItems();
    for (T object : found) {
      changes.add(remove(kindName, object));
    }
    if (!dryRun && !found.isEmpty()) {
      kind.apply(client).delete();
    }
  }

  private static Change remove(String kind, HasMetadata object) {
    return new Change("remove", kind, object.getMetadata().getName(), "");
  }
}
