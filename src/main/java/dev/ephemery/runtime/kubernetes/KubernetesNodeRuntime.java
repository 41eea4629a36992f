package dev.ephemery.runtime.kubernetes;

import dev.ephemery.ops.Component;
import dev.ephemery.ops.NodeFiles;
import dev.ephemery.ops.NodeRuntime;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.LabelKeys;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reset's port on a Kubernetes node, for the new iteration's plan. The node's containers are
 * one pod, so stopping any component scales the StatefulSet to zero and starting any scales it back
 * to one; the genesis init runs as the pod's init container, so {@link #init} has nothing to do.
 * The files (wipe, release) are {@link KubernetesNodeFiles}: Jobs and ConfigMaps.
 */
public final class KubernetesNodeRuntime implements NodeRuntime, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesNodeRuntime.class);

  /**
   * How long the reset waits on the cluster.
   *
   * @param podGone for the pod to go after the scale to zero
   * @param job for the wipe Job to complete
   * @param poll between looks
   */
  public record Waits(Duration podGone, Duration job, Duration poll) {
    public static final Waits DEFAULT =
        new Waits(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofSeconds(2));
  }

  private final KubernetesClient client;
  private final NodeManifests manifests;
  private final HostPlan plan;
  private final KubernetesNodeFiles files;
  private final Waits waits;

  KubernetesNodeRuntime(
      KubernetesClient client,
      NodeManifests manifests,
      HostPlan plan,
      Path releaseDir,
      Waits waits) {
    this.client = client;
    this.manifests = manifests;
    this.plan = plan;
    this.waits = waits;
    this.files = new KubernetesNodeFiles(client, manifests, waits);
  }

  @Override
  public NodeFiles files() {
    return files;
  }

  private String namespace() {
    return manifests.namespace();
  }

  /** Scales the node to zero and waits for its pod to go: every component stops with it. */
  @Override
  public void stop(Component component) {
    KubeNames names = manifests.names();
    Scaling.scale(client, namespace(), names.statefulSet(), 0);
    client
        .pods()
        .inNamespace(namespace())
        .withName(names.pod())
        .waitUntilCondition(pod -> pod == null, waits.podGone().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public boolean exportSlashingProtection(Component validator, Path target) {
    LOG.info(
        "{}: the EIP-3076 export is not available on Kubernetes yet; the archived database stays"
            + " on the validator's volume",
        validator.name());
    return false;
  }

  /** The pod's init containers run the genesis init (and the key import) at its start. */
  @Override
  public void init(Component component, Path testnetDir) {}

  @Override
  public void registerSlashingKeys(Component validator, Path testnetDir) {
    LOG.info(
        "{}: key registration before the first start is done by the pod's import step",
        validator.name());
  }

  @Override
  public void start(Component component) {
    Scaling.scale(client, namespace(), manifests.names().statefulSet(), 1);
  }

  /** The StatefulSet is the new iteration's, and its pod is ready. */
  @Override
  public Verification verify(int iteration) {
    StatefulSet set =
        client
            .apps()
            .statefulSets()
            .inNamespace(namespace())
            .withName(manifests.names().statefulSet())
            .get();
    if (set == null) {
      return new Verification(false, "the StatefulSet is gone");
    }
    String applied = set.getMetadata().getLabels().get(LabelKeys.ITERATION);
    if (!Integer.toString(iteration).equals(applied)) {
      return new Verification(false, "the StatefulSet runs iteration " + applied);
    }
    Integer ready = set.getStatus() == null ? null : set.getStatus().getReadyReplicas();
    boolean ok = ready != null && ready >= 1;
    return new Verification(
        ok, "iteration " + applied + ", " + (ready == null ? 0 : ready) + " ready pod(s)");
  }

  HostPlan plan() {
    return plan;
  }

  @Override
  public void close() {}
}
